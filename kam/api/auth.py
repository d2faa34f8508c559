"""API authentication: a personal access token (Bearer) or the browser session (with CSRF).

A read-only user's write (POST, PUT, PATCH, DELETE) is refused here, before the body is read or
validated: 403, or 404 when the path names something they cannot see — never a 422 that would
describe the payload to someone who may not send it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import security

from kam.accounts.access import is_read_only
from kam.api.path_access import SAFE_METHODS, refusal_for_path
from kam.users.models import User
from kam.users.services import api_token_authenticate


def refuse_read_only_write(request: HttpRequest, user: User) -> None:
    if request.method in SAFE_METHODS or not is_read_only(user):
        return
    refusal = refusal_for_path(request)
    if isinstance(refusal, Http404):
        raise refusal
    raise PermissionDenied(_("You may look at this but not change it."))


class TokenAuth(security.HttpBearer):
    openapi_description = "Personal access token from “API tokens” (Authorization: Bearer kam_…)"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(raw_token=token, method=request.method or "GET")
        if user is not None:
            request.user = user
            refuse_read_only_write(request, user)
        return user


class SessionAuth(security.SessionAuth):
    """The browser session (ninja's, CSRF-checked), with the read-only refusal."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = super().authenticate(request, key)
        if user is not None:
            refuse_read_only_write(request, user)
        return user


AUTH = [TokenAuth(), SessionAuth()]

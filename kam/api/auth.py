"""API authentication: a personal access token (Bearer) or the browser session (with CSRF)."""

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from kam.users.models import User
from kam.users.services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = "Personal access token from “API tokens” (Authorization: Bearer kam_…)"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(raw_token=token, method=request.method or "GET")
        if user is not None:
            request.user = user
        return user


AUTH = [TokenAuth(), SessionAuth()]

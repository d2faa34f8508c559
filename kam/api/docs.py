"""Who may open the interactive API docs (/api/docs) and the schema (/api/openapi.json).

Unless KAM_API_DOCS_PUBLIC (development), only people who may use the API: a signed-in user,
or — for the schema, which client generators fetch — a request with a valid API token. The
schema names every endpoint and field: a map that strangers do not need.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from kam.api.errors import error_body
from kam.core.exceptions import ApplicationError
from kam.users.services import api_token_authenticate


def _has_valid_token(request: HttpRequest) -> bool:
    scheme, _space, raw_token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw_token:
        return False
    try:
        return api_token_authenticate(raw_token=raw_token.strip(), method="GET") is not None
    except ApplicationError:
        return False


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if (
            settings.KAM_API_DOCS_PUBLIC
            or request.user.is_authenticated
            or _has_valid_token(request)
        ):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            message = _("Sign in or send a valid API token.")
            return JsonResponse(error_body("not_authenticated", message), status=401)
        return redirect_to_login(request.get_full_path())

    return guarded

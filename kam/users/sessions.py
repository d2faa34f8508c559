"""A signed-in session lasts SESSION_COOKIE_AGE after its last request: it is renewed on use.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would write to the database
on every page and API call; instead the session is renewed when its last renewal is more than
RENEW_SECONDS old, so it ends between SESSION_COOKIE_AGE - RENEW_SECONDS and SESSION_COOKIE_AGE
after the last request."""

import time
from collections.abc import Callable
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse

RENEWED_AT = "_kam_renewed_at"
RENEW_SECONDS = 5 * 60


def session_mark_renewed(session: SessionBase) -> None:
    session[RENEWED_AT] = int(time.time())


def session_renew_on_sign_in(sender: object, request: HttpRequest, **kwargs: Any) -> None:
    """Receiver of `user_logged_in`: a new session starts renewed."""
    session_mark_renewed(request.session)


class SessionRenewalMiddleware:
    """Marks a signed-in user's session for saving (hence a new expiry and cookie) when due."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            renewed_at = request.session.get(RENEWED_AT, 0)
            if time.time() - renewed_at >= RENEW_SECONDS:
                session_mark_renewed(request.session)
        return self.get_response(request)

"""Writes on users and API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.core.exceptions import ApplicationError
from kam.users.models import ApiToken, User

TOKEN_PREFIX = "kam_"  # noqa: S105 -- a public marker, not a secret


def token_digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it and the raw secret, which is never stored and shown only once."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), code="name_required")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=raw[:12], digest=token_digest(raw))
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_authenticate(*, raw_token: str) -> User | None:
    """Return the active user of an active token, or None."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw_token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Record use at most once a minute so that a busy client does not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_set_language(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def user_set_social_style(*, user: User, social_style: str) -> User:
    """Record the user's own social style ("" when unknown)."""
    if user.social_style != social_style:
        user.social_style = social_style
        user.full_clean(validate_unique=False)
        user.save(update_fields=["social_style"])
    return user

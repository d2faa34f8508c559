"""Writes on users and API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audited_create
from kam.core.exceptions import ApplicationError
from kam.users.choices import TokenScope
from kam.users.models import ApiToken, User, api_token_default_expiry

TOKEN_PREFIX = "kam_"  # noqa: S105 -- a public marker, not a secret


def token_digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scope: TokenScope, expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token; returns it and the raw secret, which is never stored and shown only once.
    It expires after `expires_in_days` (default KAM_API_TOKEN_DEFAULT_DAYS)."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), code="name_required")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = (
        api_token_default_expiry()
        if expires_in_days is None
        else timezone.now() + timedelta(days=expires_in_days)
    )
    token = ApiToken(
        user=user,
        name=name,
        prefix=raw[:12],
        digest=token_digest(raw),
        scope=scope,
        expires_at=expires_at,
    )
    audited_create(actor=user, instance=token, fields=["name", "prefix", "scope", "expires_at"])
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token for good (recorded in the audit trail); revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor,
            instance=token,
            action=AuditAction.UPDATE,
            changes={"revoked_at": [None, token.revoked_at]},
        )
    return token


# Methods that only read; a read token is refused any other.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def api_token_authenticate(*, raw_token: str, method: str) -> User | None:
    """The active user of a token, or None when no token has this secret (or its user may no
    longer sign in). A revoked or expired token, and a read token asked to write, are refused
    with an ApplicationError that says so."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw_token), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.revoked_at is not None:
        raise ApplicationError(
            _("This API token has been revoked."), code="token_revoked", status=401
        )
    if token.is_expired:
        raise ApplicationError(
            _("This API token has expired. Create a new one under “API tokens”."),
            code="token_expired",
            status=401,
        )
    if method.upper() not in READ_METHODS and not token.may_write:
        raise ApplicationError(
            _("This API token may only read. Create a read-and-write token to make changes."),
            code="token_read_only",
            status=403,
        )
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

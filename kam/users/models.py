"""Our own staff (我方人员) and their API tokens."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.core.models import BaseModel
from kam.users.choices import PORTFOLIO_ROLES, Role, Seniority, SocialStyle, TokenScope


class User(AbstractUser):
    """A member of our staff: a role decides what they may do, account teams decide where."""

    PICKED_BY_NAME = True  # pickers list people by name (`kam.core.forms.NameOrderIterator`)
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    seniority = models.CharField(
        _("seniority"), max_length=20, choices=Seniority.choices, default=Seniority.OPERATIONAL
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # The user's own social style, so a key-person card can warn about a clashing (diagonal) pair.
    social_style = models.CharField(
        _("my social style"), max_length=20, choices=SocialStyle.choices, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def sees_all_accounts(self) -> bool:
        return self.role in PORTFOLIO_ROLES

    @property
    def is_read_only(self) -> bool:
        return self.role == Role.VIEWER


def api_token_default_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.KAM_API_TOKEN_DEFAULT_DAYS)


class ApiToken(BaseModel):
    """A personal access token for the API. Only its SHA-256 digest is stored; it is shown once.
    It works until it expires or is revoked; a read token may only read."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ
    )
    expires_at = models.DateTimeField(_("expires at"), default=api_token_default_expiry)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE

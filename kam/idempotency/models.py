"""What a create request answered, kept so that the same request sent again answers the same."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.core.models import BaseModel
from kam.idempotency.choices import RecordKind


class IdempotencyRecord(BaseModel):
    """One create request already answered: a page form's one-time token (where the first
    submit led) or an API `Idempotency-Key` (the status and body the first request got)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=RecordKind.choices)
    key = models.CharField(_("key"), max_length=255)
    request_fingerprint = models.CharField(_("request fingerprint"), max_length=64, blank=True)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    response_body = models.TextField(_("response body"), blank=True)
    location = models.CharField(_("redirect location"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("repeated-submission record")
        verbose_name_plural = _("repeated-submission records")
        constraints = [
            # The claim of a token or key: a second, concurrent insert waits for the first
            # request's transaction and then fails, so only one request ever creates.
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="one_idempotency_record_per_user_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

"""A whole-account pack: all course forms of one account for one year in one PDF, built by a
background job."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.documents.choices import PackStatus


class DocumentPack(BaseModel):
    """One requested pack: its progress while the job runs, then the PDF (or why it failed)."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="document_packs", verbose_name=_("account")
    )
    year = models.PositiveIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED
    )
    progress = models.PositiveIntegerField(_("forms done"), default=0)
    total = models.PositiveIntegerField(_("forms in all"), default=0)
    content = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="document_packs",
        verbose_name=_("requested by"),
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document pack")
        verbose_name_plural = _("document packs")
        ordering = ["-created_at"]
        indexes = [
            # The account's pack list, newest first.
            models.Index(fields=["account", "-created_at"], name="documents_pack_account_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.year}"

    @property
    def percent(self) -> int:
        if self.status == PackStatus.DONE:
            return 100
        return round(100 * self.progress / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {PackStatus.DONE, PackStatus.FAILED}

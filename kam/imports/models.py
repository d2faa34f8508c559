"""An import batch: one uploaded file, its rows, what the checks found and what was written."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.imports.choices import IN_PROGRESS, ImportKind, ImportStatus


class ImportBatch(BaseModel):
    """One uploaded file. Its rows are kept as parsed JSON (`[{"line": 2, "values": {...}}]`),
    so the check and the import jobs read the same data; errors are kept as codes and parameters
    (`[{"line", "column", "code", "params"}]`) and shown in the reader's language."""

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    file_name = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("rows"), default=list)
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    errors = models.JSONField(_("errors"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    task_id = models.CharField(_("job id"), max_length=64, blank=True)
    failure = models.TextField(_("why it failed"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # An account's import page: its recent batches, newest first.
            models.Index(fields=["account", "-created_at"]),
            # The accounts import page: a user's recent batches of one kind.
            models.Index(fields=["created_by", "kind", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def percent(self) -> int:
        """Progress 0–100: rows checked so far; 100 once done."""
        if self.status in (ImportStatus.DONE, ImportStatus.PREVIEW):
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)

    @property
    def error_lines(self) -> int:
        return len({error["line"] for error in self.errors})

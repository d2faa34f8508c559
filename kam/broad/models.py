"""Broad relationships (T10 普遍客户关系): the responsibility matrix and the coverage targets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.broad.choices import RaciRole
from kam.core.models import BaseModel
from kam.people.choices import Function
from kam.users.choices import Seniority


class RaciRow(BaseModel):
    """One row of 《普遍客户管理责任矩阵》: a customer cell (function × level) or a named
    touchpoint, and who on our side is R, A, C or I for it."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="raci_rows", verbose_name=_("account")
    )
    function = models.CharField(_("function"), max_length=30, choices=Function.choices, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Seniority.choices, blank=True)
    touchpoint = models.CharField(_("touchpoint"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("responsibility matrix row")
        verbose_name_plural = _("responsibility matrix rows")
        ordering = ["account", "function", "level", "touchpoint"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "function", "level", "touchpoint"], name="unique_raci_row"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.touchpoint:
            return self.touchpoint
        return f"{self.get_function_display()} · {self.get_level_display()}"

    def clean(self) -> None:
        is_cell = bool(self.function and self.level)
        if is_cell == bool(self.touchpoint) or bool(self.function) != bool(self.level):
            raise ValidationError(
                _("A row is either a customer cell (function and level) or a named touchpoint.")
            )


class RaciAssignment(BaseModel):
    """One person's letter (R, A, C or I) on one row of the matrix."""

    row = models.ForeignKey(
        RaciRow, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("row")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="raci_assignments",
        verbose_name=_("colleague"),
    )
    role = models.CharField(_("responsibility"), max_length=2, choices=RaciRole.choices)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["row", "user"]
        constraints = [
            models.UniqueConstraint(fields=["row", "user"], name="unique_raci_assignment"),
        ]
        indexes = [
            # "My rows": the rows a person holds a letter on.
            models.Index(fields=["user", "row"]),
        ]

    def __str__(self) -> str:
        return f"{self.row} · {self.user} · {self.role}"


class CoverageTarget(BaseModel):
    """A cell of the coverage heat map (function × level) that the team means to cover."""

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="coverage_targets",
        verbose_name=_("account"),
    )
    function = models.CharField(_("function"), max_length=30, choices=Function.choices)
    level = models.CharField(_("level"), max_length=20, choices=Seniority.choices)
    is_target = models.BooleanField(_("target"), default=True)

    class Meta:
        verbose_name = _("coverage target")
        verbose_name_plural = _("coverage targets")
        ordering = ["account", "function", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "function", "level"], name="unique_coverage_target"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.function} · {self.level}"

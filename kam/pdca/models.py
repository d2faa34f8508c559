"""PDCA cycles of the broad relationships (T10 《普遍客户关系管理流程》): per account, a month or a
quarter planned (focus KPIs, actions), done (the activities logged in the window), checked (a KPI
snapshot) and acted on (corrective actions, what to standardise, what carries over)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.assessments.models import Assessment
from kam.broad.choices import BroadKpi
from kam.core.models import BaseModel
from kam.pdca.choices import Cadence, Phase
from kam.pdca.rules import period_window

# The act's texts a cycle cannot close without (carry-over may be empty: nothing left over).
REQUIRED_TO_CLOSE = ("corrective_actions", "standardise")


class PdcaCycle(BaseModel):
    """One PDCA cycle of an account: its period, its phase and what each phase recorded.

    Shared by the account team: `version` grows with every write, so a stale edit is refused."""

    AUDIT_LIST_CHOICES = {"focus_kpis": BroadKpi}
    UNIQUE_FIELD_ERRORS = {
        "pdca_cycle_one_per_start": (
            "period",
            _("This account already has a PDCA cycle starting on that day."),
        )
    }

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="pdca_cycles", verbose_name=_("account")
    )
    cadence = models.CharField(
        _("cadence"), max_length=10, choices=Cadence.choices, default=Cadence.QUARTERLY
    )
    period = models.CharField(_("period"), max_length=7)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.PLAN)
    focus_kpis = models.JSONField(_("focus KPIs"), default=list, blank=True)
    planned_actions = models.TextField(_("planned actions"), blank=True)
    check_snapshot = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pdca_cycles",
        verbose_name=_("KPI check"),
    )
    check_notes = models.TextField(_("check notes"), blank=True)
    corrective_actions = models.TextField(_("corrective actions"), blank=True)
    standardise = models.TextField(_("what to standardise"), blank=True)
    carry_over = models.TextField(_("carried into the next cycle"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("PDCA cycle")
        verbose_name_plural = _("PDCA cycles")
        ordering = ["account", "-starts_on", "pk"]
        constraints = [
            # One cycle per account and start; its index also serves the account's list of
            # cycles, newest first (account = …, ORDER BY starts_on DESC).
            models.UniqueConstraint(
                fields=["account", "starts_on"], name="pdca_cycle_one_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="pdca_cycle_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"PDCA {self.period}"

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    @property
    def focus_kpi_labels(self) -> list[str]:
        return [str(BroadKpi(code).label) for code in self.focus_kpis if code in BroadKpi.values]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if period_window(self.cadence, self.period) is None:
            errors["period"] = str(
                _("Write a month as 2026-11.")
                if self.cadence == Cadence.MONTHLY
                else _("Write a quarter as 2026-Q4.")
            )
        unknown = [code for code in self.focus_kpis or [] if code not in BroadKpi.values]
        if not isinstance(self.focus_kpis, list) or unknown:
            errors["focus_kpis"] = str(_("Choose focus KPIs from the list."))
        if self.phase == Phase.CLOSED:
            errors.update(close_errors(self))
        if errors:
            raise ValidationError(errors)


def close_errors(cycle: PdcaCycle) -> dict[str, str]:
    """Why the cycle cannot close yet, by field: no check (KPI snapshot), or the act not done."""
    errors: dict[str, str] = {}
    if cycle.check_snapshot_id is None:
        errors["check_snapshot"] = str(
            _("Run the check first: a cycle closes only with its KPI snapshot.")
        )
    if not cycle.corrective_actions.strip():
        errors["corrective_actions"] = str(_("Say what you will correct before closing the cycle."))
    if not cycle.standardise.strip():
        errors["standardise"] = str(
            _("Say what worked and becomes standard before closing the cycle.")
        )
    return errors

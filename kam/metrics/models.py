"""Values of the manual metrics (those no tool records, e.g. gross margin), entered by the team."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.assessments.models import PERIOD_VALIDATOR
from kam.core.models import BaseModel
from kam.metrics.registry import definition_for


class ManualMetricEntry(BaseModel):
    """One value of a manual metric for an account, as of a date (one per metric and date: a
    second entry for the same date corrects the first, audited)."""

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="manual_metric_entries",
        verbose_name=_("account"),
    )
    metric_code = models.SlugField(_("metric"), max_length=50)
    measured_on = models.DateField(_("as of"))
    period = models.CharField(_("period"), max_length=7, blank=True, validators=[PERIOD_VALIDATOR])
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("manual metric entry")
        verbose_name_plural = _("manual metric entries")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "metric_code", "measured_on"],
                name="manual_metric_one_value_per_date",
                violation_error_message=_("This metric already has a value on this date."),
            )
        ]
        indexes = [
            # The value in force on a date: the latest entry on or before it
            # (served by the unique constraint's index: account, metric, date).
            # The account's recent entries (the metrics page).
            models.Index(fields=["account", "-measured_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.metric_code} {self.measured_on.isoformat()}: {self.value}"

    @property
    def metric_label(self) -> str:
        definition = definition_for(self.metric_code)
        return str(definition.label) if definition else self.metric_code

    def clean(self) -> None:
        errors = manual_value_errors(self.metric_code, self.value)
        if errors:
            raise ValidationError(errors)


def manual_value_errors(code: str, value: Decimal | None) -> dict[str, str]:
    """What is wrong with a value entered for a metric code (empty when nothing is)."""
    definition = definition_for(code)
    if definition is None:
        return {"metric_code": gettext("No such metric in the catalogue.")}
    if not definition.is_manual:
        return {
            "metric_code": gettext(
                "This metric is computed from the records; only manual metrics take entered values."
            )
        }
    if value is not None and definition.minimum is not None and value < definition.minimum:
        message = gettext("Enter a value of at least {minimum}.")
        return {"value": message.format(minimum=definition.minimum)}
    if value is not None and definition.maximum is not None and value > definition.maximum:
        message = gettext("Enter a value of at most {maximum}.")
        return {"value": message.format(maximum=definition.maximum)}
    return {}

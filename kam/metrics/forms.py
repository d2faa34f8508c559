"""Forms of the metric catalogue: the date to measure on, and a manual metric's value."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.assessments.models import PERIOD_VALIDATOR
from kam.core.forms import DateInput, StyledFormMixin, form_field
from kam.metrics.registry import catalogue


class MetricDateForm(StyledFormMixin, forms.Form):
    """The date the account's metrics are measured on ("as of")."""

    on = forms.DateField(label=_("As of"), widget=DateInput())


class ManualMetricForm(StyledFormMixin, forms.Form):
    """The value of a manual metric (e.g. gross margin) as of a date."""

    metric_code = forms.ChoiceField(label=_("Metric"), choices=())
    measured_on = forms.DateField(label=_("As of"), widget=DateInput())
    value = forms.DecimalField(
        label=pgettext_lazy("metric", "Value"), max_digits=16, decimal_places=4
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=7,
        validators=[PERIOD_VALIDATOR],
        help_text=_("Optional: a year (2026), a half year (2026-H1) or a quarter (2026-Q3)."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "metric_code", forms.ChoiceField).choices = [
            (item.code, item.label) for item in catalogue() if item.is_manual
        ]

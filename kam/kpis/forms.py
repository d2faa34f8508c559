"""Forms of the broad-relationship KPIs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.assessments.models import PERIOD_VALIDATOR
from kam.core.forms import StyledFormMixin


class KpiCheckForm(StyledFormMixin, forms.Form):
    """Record the KPIs of a period as a snapshot (a PDCA check does the same)."""

    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        validators=[PERIOD_VALIDATOR],
        help_text=_("A year (2026), a half year (2026-H1) or a quarter (2026-Q3)."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

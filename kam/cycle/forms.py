"""The cycle settings as a form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.assessments.choices import ToolCode
from kam.core.forms import StyledFormMixin
from kam.cycle.models import CycleSettings


class CycleSettingsForm(StyledFormMixin, forms.Form):
    assess_tools = forms.MultipleChoiceField(
        label=_("Instruments of the Assess phase"),
        choices=ToolCode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one instrument.")},
    )
    assess_lead_months = forms.IntegerField(
        label=_("Months before the year that count"),
        min_value=0,
        max_value=12,
        help_text=_("A snapshot assessed this many months before 1 January counts for the year."),
    )
    version = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, current: CycleSettings, **kwargs: object) -> None:
        kwargs.setdefault(
            "initial",
            {
                "assess_tools": list(current.assess_tools),
                "assess_lead_months": current.assess_lead_months,
                "version": current.uuid if current.pk else None,
            },
        )
        super().__init__(*args, **kwargs)

"""Filters of the power map and sorting of the assessment table."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.core.forms import StyledFormMixin
from kam.people.choices import Function
from kam.people.models import PowerMapSettings
from kam.people.services import SETTINGS_FIELDS
from kam.users.choices import Seniority

TABLE_SORTS = {
    "name": _("Name"),
    "-influence": _("Influence"),
    "support": _("Support"),
    "-gap": _("Gap"),
    "level": _("Current level"),
    "status": _("Status"),
    "last_contact": _("Last contact"),
}


class MapFilterForm(StyledFormMixin, forms.Form):
    function = forms.ChoiceField(
        label=_("Function"), required=False, choices=[("", _("All functions")), *Function.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Seniority.choices]
    )
    key_only = forms.BooleanField(label=_("Key persons only"), required=False)


class TableSortForm(StyledFormMixin, forms.Form):
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=TABLE_SORTS.items())


class PowerMapSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PowerMapSettings
        fields = SETTINGS_FIELDS

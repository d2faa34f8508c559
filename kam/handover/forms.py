"""The handover's one form: confirm an item of one person unchanged."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.handover.choices import ItemCode


class ConfirmForm(forms.Form):
    contact = forms.UUIDField(
        label=_("Person"), error_messages={"invalid": _("Choose a person of this handover.")}
    )
    item = forms.ChoiceField(
        label=_("Item"),
        choices=ItemCode.choices,
        error_messages={"invalid_choice": _("Choose an item of the checklist.")},
    )

"""Forms for org units and contacts; choices are limited to the account's own records."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.forms import StyledFormMixin, VersionedFormMixin
from kam.people.choices import Function
from kam.people.models import Contact, OrgUnit
from kam.people.selectors import contact_choices, org_unit_choices
from kam.users.choices import Seniority


class OrgUnitForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "parent", "function", "level"]

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        units = org_unit_choices(account=account)
        if self.instance.pk:
            units = units.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = units


class ContactForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "title",
            "seniority",
            "function",
            "org_unit",
            "reports_to",
            "email",
            "phone",
            "is_active",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = org_unit_choices(account=account)
        managers = contact_choices(account=account)
        if self.instance.pk:
            managers = managers.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = managers


def _blank(label: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", label), *choices]


class ContactFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    seniority = forms.ChoiceField(
        label=_("Seniority"),
        required=False,
        choices=_blank(_("All levels"), Seniority.choices),
    )
    function = forms.ChoiceField(
        label=_("Function"), required=False, choices=_blank(_("All functions"), Function.choices)
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name A→Z")),
            ("-name", _("Name Z→A")),
            ("seniority", _("Seniority")),
            ("function", _("Function")),
            ("-updated", _("Recently updated")),
        ],
    )

"""Forms for org units and contacts; choices are limited to the account's own records."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.core.forms import (
    DateInput,
    SearchableSelectMultiple,
    StyledFormMixin,
    VersionedFormMixin,
    filter_choice,
    form_field,
)
from kam.people.choices import DecisionRole, Function
from kam.people.models import Contact, ContactEdge, OrgUnit
from kam.people.selectors import contact_choices, org_unit_choices
from kam.users.choices import Seniority
from kam.users.models import User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class OrgUnitForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "parent", "function", "level"]

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        units = org_unit_choices(account=account)
        if self.instance.pk:
            units = units.exclude(pk=self.instance.pk)
        form_field(self, "parent", forms.ModelChoiceField).queryset = units


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
        form_field(self, "org_unit", forms.ModelChoiceField).queryset = org_unit_choices(
            account=account
        )
        if not self.instance.pk:
            self._take_from_org_unit("function", _("Function of the org unit"), Function.choices)
            self._take_from_org_unit("seniority", _("Level of the org unit"), Seniority.choices)
        managers = contact_choices(account=account)
        if self.instance.pk:
            managers = managers.exclude(pk=self.instance.pk)
        form_field(self, "reports_to", forms.ModelChoiceField).queryset = managers

    def _take_from_org_unit(
        self, name: str, empty_label: "StrOrPromise", choices: Sequence[tuple[str, "StrOrPromise"]]
    ) -> None:
        """A new contact may leave the field empty: the service takes it from the org unit."""
        field = form_field(self, name, forms.TypedChoiceField)
        field.required = False
        field.choices = [("", empty_label), *choices]
        field.initial = ""
        self.initial.setdefault(name, "")
        field.help_text = _("Left empty: taken from the org unit.")


class ContactFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    seniority = filter_choice(_("Seniority"), _("All levels"), Seniority.choices)
    function = filter_choice(_("Function"), _("All functions"), Function.choices)
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


def _team_users(account: Account) -> QuerySet[User]:
    """Users who may own or support a relationship: the account owner and the account team."""
    return account_workers(account).order_by("username")


class ContactMapForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """A contact's place on the power map (T8.1) and the manual key-person decision."""

    decision_roles = forms.MultipleChoiceField(
        label=_("Decision roles"),
        required=False,
        choices=DecisionRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    key_person_override = forms.TypedChoiceField(
        label=_("Key person"),
        required=False,
        choices=[
            ("", _("Follow the rules")),
            ("true", _("Yes, by hand")),
            ("false", _("No, by hand")),
        ],
        coerce=lambda value: value == "true",
        empty_value=None,
    )

    class Meta:
        model = Contact
        fields = [
            "decision_roles",
            "buying_influence",
            "visibility",
            "influence",
            "support",
            "political_status",
            "response_mode",
            "decision_focus",
            "coverage",
            "closeness",
            "competitor_affinity",
            "competitor_affinity_strength",
            "relationship_owner",
            "supporting_users",
            "key_person_override",
            "key_person_override_reason",
        ]
        widgets = {
            "key_person_override_reason": forms.Textarea(attrs={"rows": 2}),
            "supporting_users": SearchableSelectMultiple,
        }

    def __init__(
        self, *args: object, account: Account, may_set_owner: bool = True, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        team = _team_users(account)
        owner_field = form_field(self, "relationship_owner", forms.ModelChoiceField)
        owner_field.queryset = team
        if not may_set_owner:
            # Shown but not offered: a disabled field keeps the stored owner whatever is posted.
            owner_field.disabled = True
            owner_field.help_text = _(
                "Only the account's owner, a director or an administrator may change the "
                "relationship owner."
            )
        form_field(self, "supporting_users", forms.ModelChoiceField).queryset = team
        self.fields["support"].required = False
        if self.instance.pk and self.instance.key_person_override is not None:
            self.initial["key_person_override"] = str(self.instance.key_person_override).lower()


class ContactEdgeForm(StyledFormMixin, forms.ModelForm):
    """An informal line from one contact to another of the same account."""

    class Meta:
        model = ContactEdge
        fields = ["target", "edge_type", "strength", "evidence", "is_confirmed", "observed_on"]
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "observed_on": DateInput(),
        }

    def __init__(self, *args: object, source: Contact, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "target", forms.ModelChoiceField).queryset = contact_choices(
            account=source.account
        ).exclude(pk=source.pk)
        self.fields["target"].label = _("To")

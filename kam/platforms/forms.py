"""Forms of the engagement platform plan: the platform item."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.core.forms import StyledFormMixin, VersionedFormMixin, choices_with_blank, form_field
from kam.people.choices import Function
from kam.platforms.models import PlatformItem
from kam.platforms.services import PlatformItemInput
from kam.users.choices import Seniority

FORM_FIELDS = [
    "year",
    "platform_type",
    "title",
    "audience_function",
    "audience_level",
    "frequency",
    "times_per_year",
    "owner",
    "budget",
    "currency",
    "kpi",
    "kpi_contribution",
    "notes",
]


class PlatformItemForm(StyledFormMixin, VersionedFormMixin, forms.ModelForm):
    """One platform of the year's plan: type, audience, frequency, owner, budget, KPI."""

    class Meta:
        model = PlatformItem
        fields = FORM_FIELDS
        widgets = {
            "kpi_contribution": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, account: Account, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = form_field(self, "owner", forms.ModelChoiceField)
        owner.queryset = account_workers(account).order_by("username")
        owner.to_field_name = "uuid"  # public ids in the page, never the primary key
        owner.empty_label = "—"
        if self.instance.owner_id:
            self.initial["owner"] = self.instance.owner.uuid
        owner.help_text = _("Someone on the account team.")
        form_field(self, "audience_function", forms.ChoiceField).choices = choices_with_blank(
            _("All functions"), Function.choices
        )
        form_field(self, "audience_level", forms.ChoiceField).choices = choices_with_blank(
            _("All levels"), Seniority.choices
        )
        self.fields["times_per_year"].help_text = _("Only for “Times per year”.")

    def _post_clean(self) -> None:
        # The service validates the model and saves; validating here would change the instance
        # before the service compares it (and leave nothing to audit).
        pass

    def item_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FORM_FIELDS}

    def item_input(self) -> PlatformItemInput:
        return PlatformItemInput(**self.item_data())

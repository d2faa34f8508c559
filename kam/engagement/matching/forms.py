"""Forms of strategic matching: the item itself and a move along the funnel."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.forms import StyledFormMixin, VersionedFormMixin, form_field
from kam.engagement.choices import MatchingStage
from kam.engagement.matching.services import (
    MATCHING_FIELDS,
    MatchingAdvanceInput,
    MatchingItemInput,
)
from kam.engagement.models import MatchingItem
from kam.people.models import Contact

PROBLEM_MAX_LENGTH = 5000
FORM_FIELDS = [name for name in MATCHING_FIELDS if name != "meeting"]


class MatchingItemForm(StyledFormMixin, VersionedFormMixin, forms.ModelForm):
    """Domain, problem and its customer owner, the key help and the value outcome."""

    class Meta:
        model = MatchingItem
        fields = FORM_FIELDS
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 2}),
            "key_help": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "customer_owner", forms.ModelChoiceField
        ).queryset = Contact.objects.filter(account=account).order_by("name")
        # The model validates on save (in the service); the form checks what it parses itself.
        self.fields["value_amount"].validators.append(MinValueValidator(Decimal(0)))
        self.fields["problem"].validators.append(MaxLengthValidator(PROBLEM_MAX_LENGTH))

    def _post_clean(self) -> None:
        # The service validates the model and saves; validating here would change the instance
        # before the service compares it (and leave nothing to audit).
        pass

    def item_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FORM_FIELDS}

    def item_input(self) -> MatchingItemInput:
        data = self.cleaned_data
        return MatchingItemInput(
            domain=data["domain"],
            problem=data["problem"],
            customer_owner=data["customer_owner"],
            key_help=data["key_help"],
            help_type=data["help_type"],
            value_type=data["value_type"],
            value_amount=data["value_amount"],
            currency=data["currency"],
            evidence=data["evidence"],
        )


class MatchingAdvanceForm(StyledFormMixin, forms.Form):
    """Move the item along the funnel; value proven records the evidence and the sign-off."""

    stage = forms.ChoiceField(label=_("Move to stage"), choices=MatchingStage.choices)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for value proven."),
    )
    value_amount = forms.DecimalField(
        label=_("Value amount"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    is_signed_off = forms.BooleanField(label=_("Signed off by the customer"), required=False)

    def advance_input(self) -> MatchingAdvanceInput:
        data = self.cleaned_data
        return MatchingAdvanceInput(
            stage=data["stage"],
            evidence=data["evidence"] or None,
            is_signed_off=data["is_signed_off"],
            value_amount=data["value_amount"],
        )

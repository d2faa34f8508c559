"""Forms of the compliance app: gift entries, decisions, counterpart profiles, rules, notes."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.compliance.choices import CounterpartType
from kam.compliance.models import GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.compliance.services import NOTE_FIELDS, RULE_FIELDS
from kam.core.forms import DateInput, StyledFormMixin, form_field
from kam.people.models import Contact
from kam.users.models import User


def giver_choices(*, account: Account) -> QuerySet[User]:
    """Who may have given a gift for the account: its owner and its team."""
    return account_workers(account).filter(is_active=True).order_by("username")


class GiftEntryForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = GiftEntry
        fields = [
            "occurred_on",
            "gift_type",
            "direction",
            "description",
            "value",
            "currency",
            "purpose",
            "giver",
            "counterpart_type",
        ]
        widgets = {
            "occurred_on": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, contact: Contact, user: User, **kwargs: object) -> None:
        profile = getattr(contact, "counterpart_profile", None)
        initial = {
            "giver": user.pk,
            "currency": contact.account.currency,
            "counterpart_type": profile.counterpart_type if profile else "",
        }
        kwargs.setdefault("initial", initial)
        kwargs.setdefault("instance", GiftEntry(account=contact.account, contact=contact))
        super().__init__(*args, **kwargs)
        form_field(self, "giver", forms.ModelChoiceField).queryset = giver_choices(
            account=contact.account
        )


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CounterpartProfileForm(StyledFormMixin, forms.Form):
    counterpart_type = forms.ChoiceField(
        label=_("Counterpart type"), choices=CounterpartType.choices
    )


class GiftPolicyRuleForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = GiftPolicyRule
        fields = ["code", *RULE_FIELDS]
        widgets = {
            "rule_text_zh": forms.Textarea(attrs={"rows": 3}),
            "rule_text_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code names the rule across its versions.
            self.fields["code"].disabled = True

    def validate_unique(self) -> None:
        """Versions share a code: the service checks codes and versions."""


class LocalCustomNoteForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = LocalCustomNote
        fields = [*NOTE_FIELDS]
        labels = {
            "title": pgettext_lazy("heading", "Title")
        }  # of the note (标题), not a person's title
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, for_account: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if for_account:
            # An account's own note always sits in the account's region.
            del self.fields["region"]

"""Forms of the calendar: an entry, a postponement, a customer key date, a mechanism, a plan."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.core.forms import (
    DateInput,
    SearchableSelectMultiple,
    StyledFormMixin,
    TimeInput,
    VersionedFormMixin,
    form_field,
)
from kam.engagement.calendar.services import CalendarEntryInput, KeyDateInput
from kam.engagement.models import CalendarEntry, CustomerKeyDate, Mechanism
from kam.people.models import Contact

DATE_WIDGET = DateInput()
ENTRY_FIELDS = [
    "mechanism",
    "planned_on",
    "is_month_only",
    "start_time",
    "end_time",
    "location",
    "title",
    "our_participants",
    "customer_participants",
    "purpose",
    "objective",
    "tactic_tier",
    "key_person",
    "budget",
    "currency",
    "status",
]
KEY_DATE_FIELDS = ["kind", "title", "starts_on", "ends_on", "notes"]


class CalendarEntryForm(StyledFormMixin, VersionedFormMixin, forms.ModelForm):
    """Mechanism, date (or month only), time and place, title, who takes part on both sides,
    purpose, budget."""

    class Meta:
        model = CalendarEntry
        fields = ENTRY_FIELDS
        labels = {
            "title": pgettext_lazy("heading", "Title")
        }  # of the entry (标题), not a person's title
        widgets = {
            "planned_on": DATE_WIDGET,
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "our_participants": SearchableSelectMultiple(attrs={"size": 5}),
            "customer_participants": SearchableSelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.mechanism_id if self.instance.pk else None
        form_field(self, "mechanism", forms.ModelChoiceField).queryset = Mechanism.objects.filter(
            Q(is_active=True) | Q(pk=current)
        )
        form_field(self, "our_participants", forms.ModelChoiceField).queryset = account_workers(
            account
        ).order_by("username")
        contacts = Contact.objects.filter(account=account).order_by("name")
        form_field(self, "customer_participants", forms.ModelChoiceField).queryset = contacts
        form_field(self, "key_person", forms.ModelChoiceField).queryset = contacts.filter(
            is_key_person=True
        )
        self.fields["is_month_only"].help_text = _("The day is not fixed yet: plan the month.")
        self.fields["budget"].validators.append(MinValueValidator(Decimal("0")))

    def _post_clean(self) -> None:
        # The service validates the model and the participants; the form only parses.
        pass

    def entry_input(self) -> CalendarEntryInput:
        data = self.entry_data()
        return CalendarEntryInput(
            mechanism=data["mechanism"],
            title=data["title"],
            planned_on=data["planned_on"],
            is_month_only=data["is_month_only"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            location=data["location"],
            purpose=data["purpose"],
            our_participants=data["our_participants"],
            customer_participants=data["customer_participants"],
            key_person=data["key_person"],
            objective=data["objective"],
            tactic_tier=data["tactic_tier"],
            budget=data["budget"],
            currency=data["currency"],
            status=data["status"],
        )

    def entry_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in ENTRY_FIELDS}
        data["our_participants"] = list(data["our_participants"])
        data["customer_participants"] = list(data["customer_participants"])
        return data


class PostponeForm(StyledFormMixin, forms.Form):
    planned_on = forms.DateField(label=_("New date"), widget=DATE_WIDGET)
    is_month_only = forms.BooleanField(label=_("Month only"), required=False)


class KeyDateForm(StyledFormMixin, forms.ModelForm):
    """One of the customer's own key dates: budget cycle, tender, shutdown, board meeting."""

    class Meta:
        model = CustomerKeyDate
        fields = KEY_DATE_FIELDS
        labels = {"title": pgettext_lazy("heading", "Title")}
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        pass

    def key_date_input(self) -> KeyDateInput:
        data = self.cleaned_data
        return KeyDateInput(
            kind=data["kind"],
            title=data["title"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            notes=data["notes"],
        )

    def key_date_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in KEY_DATE_FIELDS}


class PlanForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

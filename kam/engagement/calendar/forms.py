"""Forms of the calendar: an entry, a postponement, a customer key date, a mechanism, a plan."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.core.forms import StyledFormMixin, VersionedFormMixin
from kam.engagement.calendar.services import CalendarEntryInput, KeyDateInput
from kam.engagement.models import CalendarEntry, CustomerKeyDate, Mechanism
from kam.people.models import Contact

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CalendarEntryForm(StyledFormMixin, VersionedFormMixin, forms.ModelForm):
    """Mechanism, date (or month only), title, who takes part on both sides, purpose, budget."""

    class Meta:
        model = CalendarEntry
        fields = [
            "mechanism",
            "planned_on",
            "is_month_only",
            "title",
            "our_participants",
            "customer_participants",
            "purpose",
            "objective",
            "key_person",
            "budget",
            "currency",
            "status",
        ]
        labels = {
            "title": pgettext_lazy("heading", "Title")
        }  # of the entry (标题), not a person's title
        widgets = {
            "planned_on": DATE_WIDGET,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "our_participants": forms.SelectMultiple(attrs={"size": 5}),
            "customer_participants": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.mechanism_id if self.instance.pk else None
        self.fields["mechanism"].queryset = Mechanism.objects.filter(
            Q(is_active=True) | Q(pk=current)
        )
        self.fields["our_participants"].queryset = account_workers(account).order_by("username")
        contacts = Contact.objects.filter(account=account).order_by("name")
        self.fields["customer_participants"].queryset = contacts
        self.fields["key_person"].queryset = contacts.filter(is_key_person=True)
        self.fields["is_month_only"].help_text = _("The day is not fixed yet: plan the month.")
        self.fields["budget"].validators.append(MinValueValidator(Decimal("0")))

    def _post_clean(self) -> None:
        # The service validates the model and the participants; the form only parses.
        pass

    def entry_input(self) -> CalendarEntryInput:
        return CalendarEntryInput(**self.entry_data())  # type: ignore[arg-type]

    def entry_data(self) -> dict[str, object]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
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
        fields = ["kind", "title", "starts_on", "ends_on", "notes"]
        labels = {"title": pgettext_lazy("heading", "Title")}
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        pass

    def key_date_input(self) -> KeyDateInput:
        return KeyDateInput(**self.key_date_data())  # type: ignore[arg-type]

    def key_date_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PlanForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

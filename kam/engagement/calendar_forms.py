"""Forms of the calendar: an entry, a postponement, a customer key date, a mechanism, a plan."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory
from kam.accounts.models import Account
from kam.core.forms import StyledFormMixin, VersionedFormMixin
from kam.engagement.calendar_services import MECHANISM_TEXT_FIELDS
from kam.engagement.models import CalendarEntry, CustomerKeyDate, Mechanism
from kam.people.models import Contact
from kam.users.models import User

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
        team = Q(team_memberships__account=account) | Q(pk=account.owner_id)
        self.fields["our_participants"].queryset = (
            User.objects.filter(team).distinct().order_by("username")
        )
        contacts = Contact.objects.filter(account=account).order_by("name")
        self.fields["customer_participants"].queryset = contacts
        self.fields["key_person"].queryset = contacts.filter(is_key_person=True)
        self.fields["is_month_only"].help_text = _("The day is not fixed yet: plan the month.")
        self.fields["budget"].validators.append(MinValueValidator(Decimal("0")))

    def _post_clean(self) -> None:
        # The service validates the model and the participants; the form only parses.
        pass

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
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        pass

    def key_date_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PlanForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class MechanismForm(StyledFormMixin, VersionedFormMixin, forms.ModelForm):
    """A mechanism's key points in both languages and its cadence per account category."""

    class Meta:
        model = Mechanism
        fields = MECHANISM_TEXT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in MECHANISM_TEXT_FIELDS
            if name.split("_")[0] in {"purpose", "preparation", "agenda", "follow"}
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        current = {cadence.category: cadence for cadence in self.instance.cadences.all()}
        for category, label in AccountCategory.choices:
            cadence = current.get(category)
            self.fields[f"per_year_{category}"] = forms.DecimalField(
                label=_("{category}: times per year").format(category=label),
                min_value=Decimal("0"),
                max_value=Decimal("365"),
                max_digits=5,
                decimal_places=2,
                initial=cadence.per_year if cadence else Decimal("0"),
            )
            self.fields[f"on_demand_{category}"] = forms.BooleanField(
                label=_("{category}: on demand only").format(category=label),
                required=False,
                initial=cadence.is_on_demand if cadence else False,
                widget=forms.CheckboxInput(attrs={"class": "checkbox"}),
            )
        for name in self.fields:
            self.fields[name].widget.attrs.setdefault("class", "input")

    def _post_clean(self) -> None:
        pass

    def cadence_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"per_year_{category}"], self[f"on_demand_{category}"])
            for category in AccountCategory.values
        ]

    def mechanism_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in MECHANISM_TEXT_FIELDS}

    def cadence_data(self) -> dict[str, tuple[Decimal, bool]]:
        return {
            category: (
                self.cleaned_data[f"per_year_{category}"],
                self.cleaned_data[f"on_demand_{category}"],
            )
            for category in AccountCategory.values
        }

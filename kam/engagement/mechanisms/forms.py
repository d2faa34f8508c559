"""The form of a mechanism: key points in both languages and the cadences."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory
from kam.core.forms import StyledFormMixin, VersionedFormMixin
from kam.engagement.mechanisms.services import MECHANISM_TEXT_FIELDS
from kam.engagement.models import Mechanism


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

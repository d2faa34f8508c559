"""Forms of the broad relationships: a matrix row's letters, a new row, a coverage target."""

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.broad.choices import RaciRole
from kam.broad.selectors import Column
from kam.people.choices import Function
from kam.users.choices import Seniority


def letter_field_name(column: Column) -> str:
    """The name of a row's select for one person (their public id, never the internal one)."""
    return f"letter-{column.user.uuid}"


def letters_from_post(data: Mapping[str, str], columns: list[Column]) -> dict[int, str]:
    """The letters a row's form sent, by user id; anything that is not R/A/C/I counts as none."""
    letters = {}
    for column in columns:
        value = data.get(letter_field_name(column), "")
        letters[column.user.pk] = value if value in RaciRole.values else ""
    return letters


class RowAddForm(forms.Form):
    """Add a customer cell (offered from the org units and contacts) or a named touchpoint."""

    cell = forms.ChoiceField(label=_("Customer cell"), required=False)
    touchpoint = forms.CharField(label=_("or a named touchpoint"), max_length=120, required=False)

    def __init__(self, *args: object, cells: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        functions, levels = dict(Function.choices), dict(Seniority.choices)
        self.fields["cell"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (f"{function}:{level}", f"{functions.get(function)} · {levels.get(level)}")
            for function, level in cells
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if bool(data.get("cell")) == bool(data.get("touchpoint")):
            raise forms.ValidationError(_("Choose a customer cell or name a touchpoint."))
        return data

    def row_values(self) -> dict[str, str]:
        function, _sep, level = (self.cleaned_data.get("cell") or "").partition(":")
        return {
            "function": function,
            "level": level,
            "touchpoint": self.cleaned_data.get("touchpoint") or "",
        }


class CoverageTargetForm(forms.Form):
    function = forms.ChoiceField(label=_("function"), choices=Function.choices)
    level = forms.ChoiceField(label=_("level"), choices=Seniority.choices)
    is_target = forms.BooleanField(label=_("target"), required=False)

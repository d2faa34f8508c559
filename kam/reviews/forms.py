"""The form of a new review: kind, date, PDCA phase, findings and up to three corrective
actions (description, owner on the team, due date); a row left blank is ignored."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kam.core.forms import DateInput, StyledFormMixin
from kam.pdca.choices import Phase
from kam.reviews.choices import ReviewKind
from kam.users.models import User

ACTION_ROWS = 3
ACTION_PARTS = ("description", "owner", "due_on")
MAIN_FIELDS = ("kind", "review_on", "phase", "findings")


class ReviewFormBase(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of review"), choices=ReviewKind.choices)
    review_on = forms.DateField(
        label=_("Review date"),
        widget=DateInput(),
        help_text=_("The actuals are read as of this date."),
    )
    phase = forms.ChoiceField(label=_("PDCA phase"), choices=Phase.choices, initial=Phase.CHECK)
    findings = forms.CharField(
        label=_("Findings"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    def __init__(self, *args: Any, team: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = User.objects.filter(pk__in=[user.pk for user in team]).order_by("username")
        for number in range(1, ACTION_ROWS + 1):
            field = self.fields[f"action_{number}_owner"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = owners

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MAIN_FIELDS]

    def action_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"action_{number}_{part}"] for part in ACTION_PARTS]
            for number in range(1, ACTION_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actions = []
        for number in range(1, ACTION_ROWS + 1):
            values = {part: data.get(f"action_{number}_{part}") for part in ACTION_PARTS}
            if not any(values.values()):
                continue
            for part, value in values.items():
                if not value:
                    self.add_error(
                        f"action_{number}_{part}",
                        _("Fill in the description, the owner and the due date of the action."),
                    )
            actions.append(values)
        data["actions"] = actions
        return data


def _action_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for number in range(1, ACTION_ROWS + 1):
        fields[f"action_{number}_description"] = forms.CharField(
            label=format_lazy(_("Corrective action {number}"), number=number),
            required=False, max_length=500,
        )  # fmt: skip
        fields[f"action_{number}_owner"] = forms.ModelChoiceField(
            label=format_lazy(_("Owner of action {number}"), number=number),
            queryset=User.objects.none(), required=False,
        )  # fmt: skip
        fields[f"action_{number}_due_on"] = forms.DateField(
            label=format_lazy(_("Due date of action {number}"), number=number),
            widget=DateInput(), required=False,
        )  # fmt: skip
    return fields


ReviewForm = type("ReviewForm", (ReviewFormBase,), {"__module__": __name__, **_action_fields()})

"""The value ladder's scoring form: per dimension a current and a target score 0–5."""

from datetime import date
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kam.assessments.models import PERIOD_VALIDATOR, AssessmentTemplate
from kam.core.forms import DateInput, StyledFormMixin
from kam.value.selectors import ValueState

LEVELS = range(0, 6)


def _not_in_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future: enter a date up to today."))


CHOICES = [("", "—")] + [(str(level), str(level)) for level in LEVELS]


def _options(selected: str) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (key, mark_safe(" selected") if key == selected else "", label)  # noqa: S308 - a constant
            for key, label in CHOICES
        ),
    )


# The options of every possible choice, built once: the form renders sixteen of these selects
# and Django's per-option widget templates made up most of the page's rendering time.
OPTIONS = {key: _options(key) for key, _label in CHOICES}


class ScoreSelect(forms.Select):
    """A select of the 0–5 scores, rendered from the prebuilt options."""

    def render(
        self,
        name: str,
        value: object,
        attrs: dict[str, Any] | None = None,
        renderer: object = None,
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = next(iter(self.format_value(value)), "")
        return format_html(
            "<select{}>{}</select>", flatatt(final), OPTIONS.get(chosen, OPTIONS[""])
        )


class ValueLadderForm(StyledFormMixin, forms.Form):
    """Period, date, note, and per dimension (a row) the current and target scores."""

    period = forms.CharField(label=_("Period"), max_length=7, validators=[PERIOD_VALIDATOR])
    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=DateInput(), validators=[_not_in_future]
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: object,
        template: AssessmentTemplate,
        state: ValueState | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.criteria = list(template.criteria.all())
        today = timezone.localdate()
        self.fields["period"].initial = str(today.year)
        self.fields["assessed_on"].initial = today
        for criterion in self.criteria:
            for kind, label in (("current", _("current")), ("target", _("target"))):
                name = f"{kind}__{criterion.code}"
                scores = (state.current if kind == "current" else state.target) if state else {}
                self.fields[name] = forms.TypedChoiceField(
                    # Each control names its row (WCAG: rows of a repeated form name their row).
                    label=f"{criterion.label} · {label}",
                    choices=CHOICES,
                    coerce=int,
                    widget=ScoreSelect(attrs={"class": "select score-select"}),
                    initial=scores.get(criterion.code),
                )

    def rows(self) -> list[dict[str, object]]:
        """Per dimension: its criterion, tier label, anchors 0–5 and the two score fields."""
        return [
            {
                "criterion": criterion,
                "tier": self.template.group_label(criterion.group),
                "anchors": [(str(level), criterion.anchor(level)) for level in LEVELS],
                "current": self[f"current__{criterion.code}"],
                "target": self[f"target__{criterion.code}"],
            }
            for criterion in self.criteria
        ]

    def scores(self, kind: str) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"{kind}__{c.code}"] for c in self.criteria}

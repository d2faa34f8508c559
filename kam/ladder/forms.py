"""Forms of the ladder pages: record evidence, assess a key person's ladder."""

import uuid
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Competitor
from kam.assessments.models import PERIOD_VALIDATOR, AssessmentTemplate, Criterion
from kam.core.forms import DateInput, StyledFormMixin, form_field
from kam.ladder.choices import EvidenceKind
from kam.ladder.models import LadderEvidence
from kam.ladder.rules import MAX_SCORE
from kam.ladder.selectors import LadderState

FUTURE_MESSAGE = _("This date is in the future: enter a date up to today.")


def _not_in_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_MESSAGE)


class EvidenceForm(StyledFormMixin, forms.Form):
    """What the person did, when, and which rung it proves."""

    rung_code = forms.ChoiceField(label=_("Rung"))
    occurred_on = forms.DateField(
        label=_("Occurred on"),
        widget=DateInput(),
        validators=[_not_in_future],
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    description = forms.CharField(
        label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, rungs: list[tuple[int, str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "rung_code", forms.ChoiceField).choices = [("", "—")] + [
            (code, f"L{level} {label}") for level, code, label in rungs
        ]
        self.fields["occurred_on"].initial = timezone.localdate()


def _level_choices(top: int) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(level), f"L{level}") for level in range(top + 1)]


def _evidence_label(item: LadderEvidence) -> str:
    text = item.description if len(item.description) <= 80 else item.description[:79] + "…"
    return f"{date_format(item.occurred_on)} · {item.get_kind_display()} · {text}"


class LadderAssessForm(StyledFormMixin, forms.Form):
    """Per rung a 0/1/2 score with its anchors and the evidence that proves it."""

    period = forms.CharField(label=_("Period"), max_length=7, validators=[PERIOD_VALIDATOR])
    assessed_on = forms.DateField(
        label=_("Assessed on"),
        widget=DateInput(),
        validators=[_not_in_future],
    )
    target_level = forms.TypedChoiceField(
        label=_("Target level"), coerce=int, empty_value=None, required=False
    )
    competitor_level = forms.TypedChoiceField(
        label=_("Competitor's level with this person (estimate)"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    competitor = forms.ModelChoiceField(
        label=_("Competitor"),
        queryset=Competitor.objects.order_by("name"),
        required=False,
        to_field_name="uuid",
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: object,
        template: AssessmentTemplate,
        evidence: list[LadderEvidence],
        state: LadderState | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(template.criteria.all())
        today = timezone.localdate()
        self.fields["period"].initial = state.period if state else str(today.year)
        self.fields["assessed_on"].initial = today
        for name in ("target_level", "competitor_level"):
            form_field(self, name, forms.ChoiceField).choices = _level_choices(len(self.criteria))
        if state:
            self.fields["target_level"].initial = state.target_level
            self.fields["competitor_level"].initial = state.competitor_level
            self.fields["competitor"].initial = state.competitor_uuid
        for level, criterion in enumerate(self.criteria, start=1):
            self._add_rung(level, criterion, evidence, state)

    def _add_rung(
        self,
        level: int,
        criterion: Criterion,
        evidence: list[LadderEvidence],
        state: LadderState | None,
    ) -> None:
        code = criterion.code
        self.fields[f"score__{code}"] = forms.TypedChoiceField(
            label=f"L{level} {criterion.label}",
            choices=[
                (str(value), f"{value} · {criterion.anchor(value)}")
                for value in range(MAX_SCORE + 1)
            ],
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "radio"}),
            initial=state.raw_scores.get(code) if state else None,
        )
        self.fields[f"evidence__{code}"] = forms.MultipleChoiceField(
            label=_("Evidence"),
            choices=[
                (str(item.uuid), _evidence_label(item))
                for item in evidence
                if item.rung_code == code
            ],
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox"}),
            initial=state.evidence_uuids.get(code, []) if state else [],
        )

    def rungs(self) -> list[dict[str, object]]:
        """Per rung: the score field and the evidence field, for the template."""
        return [
            {
                "code": criterion.code,
                "score": self[f"score__{criterion.code}"],
                "evidence": self[f"evidence__{criterion.code}"],
            }
            for criterion in self.criteria
        ]

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"score__{c.code}"] for c in self.criteria}

    def evidence(self) -> dict[str, list[uuid.UUID]]:
        return {
            c.code: [uuid.UUID(value) for value in self.cleaned_data[f"evidence__{c.code}"]]
            for c in self.criteria
            if self.cleaned_data.get(f"evidence__{c.code}")
        }

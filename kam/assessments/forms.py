"""The generic scoring form: one row per criterion with its anchors, a column per assessor."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.assessments.models import PERIOD_VALIDATOR, Assessment, AssessmentTemplate, Criterion
from kam.assessments.services import AnswerInput
from kam.core.forms import DateInput, StyledFormMixin, name_row_controls
from kam.users.models import User


def _levels(template: AssessmentTemplate, criterion: Criterion) -> list[tuple[str, str]]:
    """Every whole level of the criterion's scale, labelled with its anchor where there is one."""
    low, high = criterion.bounds(template)
    choices = [("", "—")]
    for level in range(int(low), int(high) + 1):
        anchor = criterion.anchor(level)
        choices.append((str(level), f"{level} · {anchor}" if anchor else str(level)))
    return choices


class AssessmentForm(StyledFormMixin, forms.Form):
    """Period, date, note and, per criterion, a score for each assessor plus evidence."""

    period = forms.CharField(label=_("Period"), max_length=7, validators=[PERIOD_VALIDATOR])
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: object,
        template: AssessmentTemplate,
        assessors: list[User],
        source: Assessment | None = None,
        **kwargs: object,
    ) -> None:
        self.template = template
        self.assessors = assessors
        self.criteria = list(template.criteria.all())
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["period"].initial = source.period if source else str(today.year)
        self.fields["assessed_on"].initial = source.assessed_on if source else today
        self.fields["note"].initial = source.note if source else ""
        initial_values = _initial_values(source)
        initial_evidence = _initial_evidence(source)
        for criterion in self.criteria:
            for index, assessor in enumerate(assessors):
                name = f"value__{criterion.code}__{index}"
                self.fields[name] = forms.TypedChoiceField(
                    label=_("Score by {assessor}").format(assessor=assessor),
                    choices=_levels(template, criterion),
                    coerce=Decimal,
                    empty_value=None,
                    required=False,
                    widget=forms.Select(attrs={"class": "select"}),
                    initial=initial_values.get((criterion.code, assessor.pk)),
                )
            self.fields[f"evidence__{criterion.code}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "textarea"}),
                initial=initial_evidence.get(criterion.code, ""),
            )
            name_row_controls(self, criterion.label, self._row_names(criterion))

    def _row_names(self, criterion: Criterion) -> list[str]:
        """The fields of the criterion's row: a score per assessor, then the evidence."""
        values = [f"value__{criterion.code}__{i}" for i in range(len(self.assessors))]
        return [*values, f"evidence__{criterion.code}"]

    def rows(self) -> list[dict[str, object]]:
        """Criteria grouped for the template: label, anchors, bound fields per assessor."""
        return [
            {
                "criterion": criterion,
                "group": self.template.group_label(criterion.group) if criterion.group else "",
                "values": [
                    self[f"value__{criterion.code}__{i}"] for i in range(len(self.assessors))
                ],
                "evidence": self[f"evidence__{criterion.code}"],
            }
            for criterion in self.criteria
        ]

    def answers(self) -> list[AnswerInput]:
        """One answer per score given; evidence written for a criterion nobody scored is kept
        as an unscored answer (the engine leaves it out of the score)."""
        answers = []
        for criterion in self.criteria:
            evidence = self.cleaned_data.get(f"evidence__{criterion.code}", "")
            scored = []
            for index, assessor in enumerate(self.assessors):
                value = self.cleaned_data.get(f"value__{criterion.code}__{index}")
                if value is not None:
                    scored.append(AnswerInput(criterion.code, value, assessor, None, evidence))
            if not scored and evidence:
                scored.append(AnswerInput(criterion.code, None, self.assessors[0], None, evidence))
            answers += scored
        return answers

    def clean_assessed_on(self) -> date:
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return value


def _initial_values(source: Assessment | None) -> dict[tuple[str, int | None], str]:
    """The snapshot's score per (criterion, assessor), for a correction."""
    if source is None:
        return {}
    return {
        (response.criterion_code, response.assessor_id): str(int(response.value))
        for response in source.responses.all()
        if response.value is not None and response.competitor_id is None
    }


def _initial_evidence(source: Assessment | None) -> dict[str, str]:
    """The snapshot's evidence per criterion (one text per criterion, stored on each assessor's
    answer), for a correction."""
    if source is None:
        return {}
    evidence: dict[str, str] = {}
    for response in source.responses.all():
        if response.competitor_id is None and response.evidence:
            evidence.setdefault(response.criterion_code, response.evidence)
    return evidence

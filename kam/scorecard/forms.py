"""Forms of the scorecard: scoring an account, the portfolio filters, policies and settings."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Competitor
from kam.assessments.models import PERIOD_VALIDATOR, AssessmentTemplate, Criterion
from kam.assessments.services import AnswerInput
from kam.broad.choices import BroadKpi
from kam.broad.rules import KPI_UNITS
from kam.core.forms import DateInput, StyledFormMixin, VersionedFormMixin, form_field
from kam.scorecard.choices import BubbleSize
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.scorecard.selectors import LatestAnswers
from kam.scorecard.services import (
    MAX_COMPETITORS,
    POLICY_FIELDS,
    SETTINGS_FIELDS,
    ScorecardFigures,
    ScorecardInput,
)
from kam.users.models import User

MONEY: dict[str, Any] = {"min_value": Decimal("0"), "max_digits": 16, "decimal_places": 2}
SLOTS = range(1, MAX_COMPETITORS + 1)


def _whole(value: Decimal | None) -> int | None:
    """A stored score as the whole number the form shows (a mean of assessors is rounded)."""
    return None if value is None else int(value.quantize(Decimal("1")))


class CompetitorField(forms.ChoiceField):
    """A competitor chosen from a list loaded once for all the columns of the strength grid."""

    def __init__(self, competitors: dict[str, Competitor], **kwargs: Any) -> None:
        choices = [("", _("— none —")), *[(key, c.name) for key, c in competitors.items()]]
        super().__init__(
            choices=choices,
            required=False,
            widget=forms.Select(attrs={"class": "select"}),
            **kwargs,
        )
        self.competitors = competitors

    def clean(self, value: object) -> Competitor | None:
        key = super().clean(value)
        return self.competitors.get(key) if key else None


@dataclass(frozen=True)
class AttractivenessRow:
    criterion: Criterion
    group_label: str
    starts_group: bool
    low_anchor: str
    high_anchor: str
    score: BoundField
    evidence: BoundField


@dataclass(frozen=True)
class StrengthRow:
    criterion: Criterion
    us: BoundField
    competitors: list[BoundField]


class ScorecardForm(StyledFormMixin, forms.Form):
    """Period, figures, the attractiveness criteria with evidence, and the strength grid
    (rows: key buying criteria; columns: us and up to four competitors)."""

    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        validators=[PERIOD_VALIDATOR],
        help_text=_("A year (2026), a half year (2026-H1) or a quarter (2026-Q3)."),
    )
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    current_revenue = forms.DecimalField(label=_("Current annual revenue"), **MONEY)
    potential_revenue_3y = forms.DecimalField(label=_("3-year potential revenue"), **MONEY)
    total_category_spend_est = forms.DecimalField(
        label=_("Customer's total spend in our category (estimate)"), required=False, **MONEY
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Reason to go above the key-account limit"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when this scorecard would push the portfolio above the limit."),
    )

    def __init__(
        self,
        *args: object,
        attractiveness: AssessmentTemplate,
        strength: AssessmentTemplate,
        competitors: Iterable[Competitor],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.attractiveness_template = attractiveness
        self.strength_template = strength
        self.attractiveness_criteria = list(attractiveness.criteria.all())
        self.strength_criteria = list(strength.criteria.all())
        for criterion in self.attractiveness_criteria:
            self.fields[f"a_{criterion.code}"] = self._score(attractiveness, criterion, False)
            self.fields[f"e_{criterion.code}"] = forms.CharField(
                label=_("Evidence: {criterion}").format(criterion=criterion.label),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "textarea evidence"}),
            )
        by_key = {str(competitor.uuid): competitor for competitor in competitors}
        self.has_competitors = bool(by_key)
        for slot in SLOTS:
            self.fields[f"competitor_{slot}"] = CompetitorField(
                by_key, label=_("Competitor {number}").format(number=slot)
            )
        for criterion in self.strength_criteria:
            us = self._score(strength, criterion, True)
            us.widget.attrs["aria-label"] = _("{criterion}: us").format(criterion=criterion.label)
            self.fields[f"s_us_{criterion.code}"] = us
            for slot in SLOTS:
                cell = self._score(strength, criterion, False)
                cell.widget.attrs["aria-label"] = _("{criterion}: competitor {number}").format(
                    criterion=criterion.label, number=slot
                )
                self.fields[f"s_{slot}_{criterion.code}"] = cell

    @staticmethod
    def _score(
        template: AssessmentTemplate, criterion: Criterion, is_required: bool
    ) -> forms.IntegerField:
        low, high = criterion.bounds(template)
        return forms.IntegerField(
            label=criterion.label,
            min_value=int(low),
            max_value=int(high),
            required=is_required,
            widget=forms.NumberInput(attrs={"class": "input score", "step": 1}),
        )

    @classmethod
    def initial_from(
        cls, latest: LatestAnswers | None, *, today: date, current_revenue: Decimal | None = None
    ) -> dict[str, object]:
        """Start from the last scorecard's answers, so that a new period only edits what moved;
        the first one starts from the account's current revenue."""
        initial: dict[str, object] = {"period": str(today.year), "assessed_on": today}
        if current_revenue is not None:
            initial["current_revenue"] = current_revenue
        if latest is None:
            return initial
        initial.update({name: value for name, value in latest.figures.items() if value is not None})
        for code, (value, evidence) in latest.attractiveness.items():
            initial[f"a_{code}"], initial[f"e_{code}"] = _whole(value), evidence
        for code, value in latest.us.items():
            initial[f"s_us_{code}"] = _whole(value)
        for slot, (competitor, scores) in zip(SLOTS, latest.competitors, strict=False):
            initial[f"competitor_{slot}"] = str(competitor.uuid)
            for code, value in scores.items():
                initial[f"s_{slot}_{code}"] = _whole(value)
        return initial

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        chosen: set[int] = set()
        for slot in SLOTS:
            competitor = cleaned.get(f"competitor_{slot}")
            names = [f"s_{slot}_{c.code}" for c in self.strength_criteria]
            if competitor is None:
                if any(cleaned.get(name) is not None for name in names):
                    self.add_error(
                        f"competitor_{slot}", _("Choose the competitor these scores are for.")
                    )
                continue
            if competitor.pk in chosen:
                self.add_error(f"competitor_{slot}", _("This competitor is in another column."))
            chosen.add(competitor.pk)
            for name in names:
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Score the competitor on every criterion."))
        if not chosen and "competitor_1" not in self.errors:
            self.add_error("competitor_1", _("Choose at least one competitor to compare with."))
        return cleaned

    # --- what the service receives ---

    def to_input(self, assessor: User) -> ScorecardInput:
        """The scorecard as the service takes it, every answer given by `assessor`."""
        data = self.cleaned_data
        return ScorecardInput(
            period=data["period"],
            assessed_on=data["assessed_on"],
            attractiveness_answers=self.attractiveness_answers(assessor),
            strength_answers=self.strength_answers(assessor),
            figures=self.figures(),
            note=data["note"],
            override_reason=data["override_reason"],
        )

    def figures(self) -> ScorecardFigures:
        data = self.cleaned_data
        return ScorecardFigures(
            current_revenue=data["current_revenue"],
            potential_revenue_3y=data["potential_revenue_3y"],
            total_category_spend_est=data.get("total_category_spend_est"),
        )

    def attractiveness_answers(self, assessor: User) -> list[AnswerInput]:
        data = self.cleaned_data
        return [
            AnswerInput(
                criterion_code=c.code,
                value=Decimal(data[f"a_{c.code}"]),
                assessor=assessor,
                evidence=data.get(f"e_{c.code}", ""),
            )
            for c in self.attractiveness_criteria
            if data.get(f"a_{c.code}") is not None
        ]

    def strength_answers(self, assessor: User) -> list[AnswerInput]:
        data = self.cleaned_data
        answers = [
            AnswerInput(c.code, Decimal(data[f"s_us_{c.code}"]), assessor=assessor)
            for c in self.strength_criteria
        ]
        for slot in SLOTS:
            competitor = data.get(f"competitor_{slot}")
            if competitor is None:
                continue
            answers += [
                AnswerInput(
                    c.code,
                    Decimal(data[f"s_{slot}_{c.code}"]),
                    assessor=assessor,
                    competitor=competitor,
                )
                for c in self.strength_criteria
            ]
        return answers

    # --- what the template renders ---

    def attractiveness_rows(self) -> list[AttractivenessRow]:
        rows, group = [], None
        low, high = self.attractiveness_template.scale_min, self.attractiveness_template.scale_max
        for criterion in self.attractiveness_criteria:
            rows.append(
                AttractivenessRow(
                    criterion=criterion,
                    group_label=self.attractiveness_template.group_label(criterion.group),
                    starts_group=criterion.group != group,
                    low_anchor=criterion.anchor(int(low)),
                    high_anchor=criterion.anchor(int(high)),
                    score=self[f"a_{criterion.code}"],
                    evidence=self[f"e_{criterion.code}"],
                )
            )
            group = criterion.group
        return rows

    def competitor_fields(self) -> list[BoundField]:
        return [self[f"competitor_{slot}"] for slot in SLOTS]

    def strength_rows(self) -> list[StrengthRow]:
        return [
            StrengthRow(
                criterion=criterion,
                us=self[f"s_us_{criterion.code}"],
                competitors=[self[f"s_{slot}_{criterion.code}"] for slot in SLOTS],
            )
            for criterion in self.strength_criteria
        ]

    def figure_fields(self) -> list[BoundField]:
        names = ["period", "assessed_on", "current_revenue", "potential_revenue_3y"]
        return [self[name] for name in [*names, "total_category_spend_est"]]


class PortfolioFilterForm(StyledFormMixin, forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False)
    size = forms.ChoiceField(label=_("Bubble area"), required=False, choices=BubbleSize.choices)
    strength_axis = forms.ChoiceField(
        label=_("Strength axis"),
        required=False,
        choices=[
            ("right", _("High strength on the right")),
            ("left", _("High strength on the left (DPM convention)")),
        ],
    )

    def __init__(self, *args: object, periods: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "period", forms.ChoiceField).choices = [
            (period, period) for period in periods
        ]


class PortfolioSettingsForm(StyledFormMixin, forms.ModelForm):
    """The settings as a form. It validates a throwaway instance; the service adds the new row."""

    version = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PortfolioSettings
        fields = SETTINGS_FIELDS

    def settings_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in SETTINGS_FIELDS}


KPI_TARGET_PREFIX = "kpi_target_"
# What a KPI target is counted in (the unit shown after the figures, kam.broad.rules.KPI_UNITS).
KPI_TARGET_HELP = {
    "%": _("In percent."),
    "": _("Contacts per department."),
    "/100": _("On a scale of 0–100."),
    "h": _("In hours; lower is better."),
}


class CategoryPolicyForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """The policy's own fields, and one target field per broad-relationship KPI (T10.2)."""

    class Meta:
        model = CategoryPolicy
        fields = [name for name in POLICY_FIELDS if name != "broad_kpi_targets"]
        widgets = {
            "policy_zh": forms.Textarea(attrs={"rows": 3}),
            "policy_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = self.instance.broad_kpi_targets or {}
        for code, label in BroadKpi.choices:
            self.fields[KPI_TARGET_PREFIX + code] = forms.DecimalField(
                label=_("KPI target: {kpi}").format(kpi=label),
                min_value=Decimal("0.01"),
                max_value=Decimal("100000"),
                max_digits=8,
                decimal_places=2,
                initial=targets.get(code),
                help_text=KPI_TARGET_HELP.get(KPI_UNITS.get(code, "%"), ""),
                widget=forms.NumberInput(attrs={"class": "input", "step": "any"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["broad_kpi_targets"] = {
            code: float(cleaned[KPI_TARGET_PREFIX + code])
            for code in BroadKpi.values
            if cleaned.get(KPI_TARGET_PREFIX + code) is not None
        }
        return cleaned

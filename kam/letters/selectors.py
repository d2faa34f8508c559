"""Reads of the responsibility letters: the evaluation rules in force, a plan's letters, a
letter with its objectives, and a letter's evaluation from the catalogue's actuals (the
formulas are kam.plans.scoring's; nothing here re-implements them)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.letters.models import EvaluationRuleSet, LetterObjective, ResponsibilityLetter
from kam.metrics.choices import MetricKind
from kam.metrics.registry import MetricContext, definition_for
from kam.metrics.selectors import manual_value
from kam.plans.choices import Rating
from kam.plans.models import AccountPlan
from kam.plans.scoring import (
    DEFAULT_RULES,
    EvaluationRules,
    achievement,
    capped,
    letter_score,
    rating_for,
    weighted_score,
)

HUNDREDTH = Decimal("0.01")
LANGUAGES = {"en": "en", "zh": "zh-hans"}


def both_languages(read: Callable[[], object]) -> dict[str, str]:
    """A catalogue text in both languages (a frozen letter is read in either)."""
    texts = {}
    for key, language in LANGUAGES.items():
        with translation.override(language):
            texts[key] = str(read())
    return texts


def rules_from_set(rule_set: EvaluationRuleSet) -> EvaluationRules:
    return EvaluationRules(
        process_share=rule_set.process_share,
        cap=rule_set.cap,
        bands=(
            (rule_set.excellent_from, Rating.EXCELLENT),
            (rule_set.good_from, Rating.GOOD),
            (rule_set.pass_from, Rating.PASS),
        ),
    )


def current_rule_set() -> EvaluationRuleSet | None:
    return EvaluationRuleSet.objects.order_by("-number").first()


def current_rules() -> EvaluationRules:
    """The evaluation rules in force: the latest version, else the built-in defaults."""
    rule_set = current_rule_set()
    return DEFAULT_RULES if rule_set is None else rules_from_set(rule_set)


def rule_sets() -> QuerySet[EvaluationRuleSet]:
    return EvaluationRuleSet.objects.select_related("created_by").order_by("-number")


def rules_to_json(rules: EvaluationRules, number: int) -> dict[str, Any]:
    """The rules as a letter keeps them (`number` 0: the built-in defaults)."""
    return {
        "number": number,
        "process_share": str(rules.process_share),
        "cap": str(rules.cap),
        "bands": [[str(lowest), str(rating)] for lowest, rating in rules.bands],
    }


def rules_from_json(data: dict[str, Any]) -> EvaluationRules:
    return EvaluationRules(
        process_share=Decimal(data["process_share"]),
        cap=Decimal(data["cap"]),
        bands=tuple((Decimal(lowest), rating) for lowest, rating in data["bands"]),
    )


def letters_of_plan(*, plan: AccountPlan) -> QuerySet[ResponsibilityLetter]:
    """The plan's letters, newest first, with their owner, approver and objective count."""
    return (
        ResponsibilityLetter.objects.filter(plan=plan)
        .select_related("owner", "approver", "plan")
        .annotate(objective_count=Count("objectives"))
        .order_by("-created_at", "-pk")
    )


def letters_of_account(*, account: Account) -> QuerySet[ResponsibilityLetter]:
    return ResponsibilityLetter.objects.filter(plan__account=account).select_related(
        "owner", "approver", "plan", "plan__account"
    )


def letter_objectives(*, letter: ResponsibilityLetter) -> list[LetterObjective]:
    objectives = list(letter.objectives.order_by("position", "pk"))
    for objective in objectives:
        objective.letter = letter  # no query per row for the letter's status
    return objectives


@dataclass(frozen=True)
class ObjectiveResult:
    objective: LetterObjective
    actual: Decimal | None
    achievement: Decimal | None
    counted: Decimal  # the achievement as it counts: between 0 and the cap


@dataclass(frozen=True)
class LetterEvaluation:
    on: date | None
    rows: list[ObjectiveResult]
    process_score: Decimal | None
    result_score: Decimal | None
    score: Decimal | None
    rating: str | None

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label) if self.rating else ""


def _score(rows: list[ObjectiveResult], kind: str, rules: EvaluationRules) -> Decimal | None:
    pairs = [(row.achievement, row.objective.weight) for row in rows if row.objective.kind == kind]
    return weighted_score(pairs, rules.cap) if pairs else None


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(HUNDREDTH)


def evaluate(
    objectives: list[LetterObjective],
    actuals: dict[str, Decimal | None],
    rules: EvaluationRules,
    on: date | None = None,
) -> LetterEvaluation:
    """Achievement per objective, the process and result scores, the letter score (the
    process share of the rules) and its rating, from actuals by metric code."""
    rows = []
    for objective in objectives:
        value = achievement(
            actual=actuals.get(objective.metric_code), target=objective.target,
            baseline=objective.baseline, is_lower_better=objective.is_lower_better,
            is_stage=objective.is_stage, cap=rules.cap,
        )  # fmt: skip
        rows.append(
            ObjectiveResult(objective, actuals.get(objective.metric_code), value,
                            capped(value, rules.cap))
        )  # fmt: skip
    process = _score(rows, MetricKind.PROCESS, rules)
    result = _score(rows, MetricKind.RESULT, rules)
    score = letter_score(process, result, rules)
    return LetterEvaluation(
        on, rows, _rounded(process), _rounded(result), _rounded(score), rating_for(score, rules)
    )


def catalogue_actuals(*, account: Account, codes: list[str], on: date) -> dict[str, Decimal | None]:
    """The catalogue's actual of each metric as of the date; metrics computed together share
    their reads (a constant number of queries however many objectives)."""
    context = MetricContext(account=account, on=on)
    actuals: dict[str, Decimal | None] = {}
    for code in dict.fromkeys(codes):
        definition = definition_for(code)
        if definition is None:
            actuals[code] = None
            continue
        read = (
            definition.compute(context) if definition.compute else manual_value(context, definition)
        )
        actuals[code] = None if read.value is None else Decimal(str(read.value))
    return actuals


def letter_evaluation(
    *, letter: ResponsibilityLetter, objectives: list[LetterObjective], on: date
) -> LetterEvaluation:
    """The letter scored with its own rules from the catalogue's actuals as of the date."""
    actuals = catalogue_actuals(
        account=letter.plan.account, codes=[item.metric_code for item in objectives], on=on
    )
    return evaluate(objectives, actuals, rules_from_json(letter.rules), on)


def frozen_evaluation(
    *, letter: ResponsibilityLetter, objectives: list[LetterObjective]
) -> LetterEvaluation:
    """A closed letter's evaluation as closing froze it."""
    by_id = {str(item.uuid): item for item in objectives}
    rows = [
        ObjectiveResult(
            by_id[row["id"]],
            _decimal(row["actual"]),
            _decimal(row["achievement"]),
            Decimal(row["counted"]),
        )  # fmt: skip
        for row in letter.results
        if row["id"] in by_id
    ]
    return LetterEvaluation(
        letter.closed_on, rows, letter.process_score, letter.result_score, letter.final_score,
        letter.rating or None,
    )  # fmt: skip


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def measurability_problems(objectives: list[LetterObjective]) -> list[str]:
    """可统计、可衡量、可评估: for each objective that cannot be signed, its KPI and what it
    lacks (a metric with a formula, a unit, a data source, a frequency, a baseline)."""
    problems = []
    for objective in objectives:
        missing = [
            name
            for name, present in (
                (_("a metric with a formula"), bool(objective.formula_text)),
                (_("a unit"), bool(objective.unit)),
                (_("a data source"), bool(objective.data_source.strip())),
                (_("a frequency"), bool(objective.frequency)),
                (_("a baseline"), objective.baseline is not None),
            )
            if not present
        ]
        if missing:
            problems.append(
                _("{objective}: lacks {missing}").format(
                    objective=objective.metric_label, missing=_(", ").join(missing)
                )
            )
    return problems

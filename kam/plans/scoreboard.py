"""The objectives scoreboard of a plan (T13.4): each objective's actual from the metric catalogue
as of a date against its target, process and result objectives grouped, each group's score, the
blended score and its rating band. Every figure comes from `kam.plans.scoring`; nothing here
computes an achievement or a score itself."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kam.metrics.choices import MetricDirection, MetricKind
from kam.metrics.registry import MetricContext, MetricDefinition, MetricValue, definition_for
from kam.metrics.selectors import manual_value
from kam.plans.choices import Rating
from kam.plans.models import AccountPlan, Objective
from kam.plans.scoring import (
    DEFAULT_RULES,
    EvaluationRules,
    achievement,
    capped,
    letter_score,
    rating_for,
    weighted_score,
)
from kam.plans.selectors import plan_objectives

# Process first, then result: 过程与结果兼顾, in the order the course names them.
GROUP_ORDER = (MetricKind.PROCESS, MetricKind.RESULT)
NO_DATA = MetricValue(None, None, "")


@dataclass(frozen=True)
class ScoreRow:
    """One objective on the scoreboard: its actual as of the date, its achievement (a fraction,
    1 = on target; None when it cannot be measured) and what counts in the score (capped)."""

    objective: Objective
    actual: MetricValue
    achievement: Decimal | None
    counted: Decimal

    @property
    def achievement_percent(self) -> Decimal | None:
        return None if self.achievement is None else self.achievement * 100

    @property
    def counted_percent(self) -> Decimal:
        return self.counted * 100


@dataclass(frozen=True)
class ScoreGroup:
    kind: str
    rows: list[ScoreRow]
    score: Decimal | None

    @property
    def label(self) -> str:
        return str(MetricKind(self.kind).label)

    @property
    def weight(self) -> Decimal:
        return sum((row.objective.weight for row in self.rows), Decimal("0"))


@dataclass(frozen=True)
class Scoreboard:
    on: date
    groups: list[ScoreGroup]
    score: Decimal | None
    rating: str | None
    rules: EvaluationRules

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label) if self.rating else ""

    @property
    def rows(self) -> list[ScoreRow]:
        return [row for group in self.groups for row in group.rows]

    def group(self, kind: str) -> ScoreGroup | None:
        return next((group for group in self.groups if group.kind == kind), None)


def _actual(definition: MetricDefinition | None, context: MetricContext) -> MetricValue:
    if definition is None:
        return NO_DATA
    if definition.compute is None:
        return manual_value(context, definition)
    return definition.compute(context)


def _row(objective: Objective, actual: MetricValue, rules: EvaluationRules) -> ScoreRow:
    definition = definition_for(objective.metric_code)
    value = achievement(
        actual=actual.value,
        target=objective.target,
        baseline=objective.baseline,
        is_lower_better=bool(definition and definition.direction == MetricDirection.LOWER_BETTER),
        is_stage=bool(definition and definition.is_stage),
        cap=rules.cap,
    )
    return ScoreRow(objective, actual, value, capped(value, rules.cap))


def score_rows(
    *, plan: AccountPlan, on: date, rules: EvaluationRules = DEFAULT_RULES
) -> list[ScoreRow]:
    """Every objective of the plan with its actual as of `on`. Each metric is read once, and
    metrics read together share their records (the catalogue's context memo): the queries do
    not grow with the objectives."""
    context = MetricContext(account=plan.account, on=on)
    actuals: dict[str, MetricValue] = {}
    rows = []
    for objective in plan_objectives(plan=plan):
        code = objective.metric_code
        if code not in actuals:
            actuals[code] = _actual(definition_for(code), context)
        rows.append(_row(objective, actuals[code], rules))
    return rows


def plan_scoreboard(
    *, plan: AccountPlan, on: date, rules: EvaluationRules = DEFAULT_RULES
) -> Scoreboard:
    """The scoreboard as of `on`: process and result groups with their weighted scores, the
    blended score (process share of the rules) and its rating band."""
    rows = score_rows(plan=plan, on=on, rules=rules)
    groups = []
    for kind in GROUP_ORDER:
        members = [row for row in rows if row.objective.kind == kind]
        if members:
            score = weighted_score(
                ((row.achievement, row.objective.weight) for row in members), rules.cap
            )
            groups.append(ScoreGroup(str(kind), members, score))
    by_kind = {group.kind: group.score for group in groups}
    score = letter_score(by_kind.get(MetricKind.PROCESS), by_kind.get(MetricKind.RESULT), rules)
    return Scoreboard(on, groups, score, rating_for(score, rules), rules)

"""What a review freezes (T13.3): each objective's actual as of the review date, its achievement
and its share of the score, the process, result and blended scores and the rating (the formulas
of kam/plans/scoring.py, default rules), 与过去比 (process and relationship metrics now and at the
previous review) and 与竞争对手比 (strength ratio, share-of-wallet rank, competitor level
estimates). Plain JSON, never re-read from the live records."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from django.utils import translation

from kam.accounts.models import Account, Competitor
from kam.health.selectors import wallet_estimates
from kam.ladder.selectors import LadderState, ladder_histories_for_account
from kam.metrics.choices import MetricDimension, MetricDirection, MetricKind
from kam.metrics.registry import MetricDefinition, catalogue, definition_for
from kam.metrics.selectors import MetricRow, metric_values
from kam.metrics.sources import period_as_of
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

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")
RELATIONSHIP_DIMENSIONS = (
    MetricDimension.ORG_RELATIONSHIP,
    MetricDimension.KEY_PERSON,
    MetricDimension.BROAD,
    MetricDimension.SATISFACTION,
)
LANGUAGES = {"en": "en", "zh": "zh-hans"}


def _both(read: Callable[[], object]) -> dict[str, str]:
    """A label in both languages (a frozen snapshot is read in either)."""
    texts = {}
    for key, language in LANGUAGES.items():
        with translation.override(language):
            texts[key] = str(read())
    return texts


def _decimal(value: Decimal | float | int | None, places: Decimal = FOUR_PLACES) -> Decimal | None:
    if value is None:
        return None
    if places == FOUR_PLACES:  # as the plan rounds a baseline (kam/plans/services.py)
        return Decimal(str(value)).quantize(places)
    return Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Scored:
    objective: Objective
    definition: MetricDefinition | None
    actual: Decimal | None
    as_of: date | None
    achievement: Decimal | None


def _scored(objective: Objective, rows: dict[str, MetricRow]) -> Scored:
    definition = definition_for(objective.metric_code)
    row = rows.get(objective.metric_code)
    actual = _decimal(row.value.value) if row else None
    value = achievement(
        actual=actual,
        target=objective.target,
        baseline=objective.baseline,
        is_lower_better=bool(definition and definition.direction == MetricDirection.LOWER_BETTER),
        is_stage=bool(definition and definition.is_stage),
    )
    return Scored(objective, definition, actual, row.value.as_of if row else None, value)


def _group_score(items: list[Scored], rules: EvaluationRules) -> Decimal | None:
    return weighted_score(((item.achievement, item.objective.weight) for item in items), rules.cap)


def _objective_json(
    item: Scored, share: Decimal, group_weight: Decimal, rules: EvaluationRules
) -> dict:
    objective, definition = item.objective, item.definition
    counted = capped(item.achievement, rules.cap)
    single = weighted_score([(item.achievement, objective.weight)], rules.cap) or Decimal(0)
    contribution = share * single * objective.weight / group_weight if group_weight else Decimal(0)
    return {
        "id": str(objective.uuid),
        "metric_code": objective.metric_code,
        "label": _both(partial(getattr, objective, "metric_label")),
        "kind": objective.kind,
        "unit": definition.unit if definition else "",
        "direction": definition.direction if definition else "",
        "is_stage": bool(definition and definition.is_stage),
        "baseline": _text(objective.baseline),
        "target": _text(objective.target),
        "weight": _text(objective.weight),
        "actual": _text(item.actual),
        "as_of": _day(item.as_of),
        "achievement": _text(_decimal(item.achievement)),
        "capped_achievement": _text(_decimal(counted)),
        "score_contribution": _text(_decimal(contribution, TWO_PLACES)),
        "owner": str(objective.owner.uuid),
        "comparison_basis": objective.comparison_basis,
        "frequency": objective.frequency,
    }


def evaluate(
    objectives: list[Objective], rows: dict[str, MetricRow], rules: EvaluationRules = DEFAULT_RULES
) -> dict[str, Any]:
    """The objectives against their actuals: rows, process and result scores, blended score
    (过程与结果兼顾) and rating. A row's contribution is its part of the blended score."""
    scored = [_scored(objective, rows) for objective in objectives]
    process = [item for item in scored if item.objective.kind == MetricKind.PROCESS]
    result = [item for item in scored if item.objective.kind == MetricKind.RESULT]
    process_score, result_score = _group_score(process, rules), _group_score(result, rules)
    score = letter_score(process_score, result_score, rules)
    one, zero = Decimal(1), Decimal(0)
    # each group's share of the blended score, read from the blend itself
    shares: dict[str, Decimal | None] = {
        MetricKind.PROCESS: letter_score(one, zero if result_score is not None else None, rules),
        MetricKind.RESULT: letter_score(zero if process_score is not None else None, one, rules),
    }
    weights: dict[str, Decimal] = {
        MetricKind.PROCESS: sum((item.objective.weight for item in process), zero),
        MetricKind.RESULT: sum((item.objective.weight for item in result), zero),
    }
    return {
        "objectives": [
            _objective_json(
                item, shares[item.objective.kind] or zero, weights[item.objective.kind], rules
            )
            for item in scored
        ],
        "rules": {"process_share": str(rules.process_share), "cap": str(rules.cap)},
        "process_score": _text(_decimal(process_score, TWO_PLACES)),
        "result_score": _text(_decimal(result_score, TWO_PLACES)),
        "score": _text(_decimal(score, TWO_PLACES)),
        "rating": rating_for(score, rules),
    }


# --- 与过去比 ------------------------------------------------------------------------------------


def compared_definitions() -> list[MetricDefinition]:
    """The process metrics and the relationship metrics of the catalogue."""
    return [
        item
        for item in catalogue()
        if item.kind == MetricKind.PROCESS or item.dimension in RELATIONSHIP_DIMENSIONS
    ]


def versus_past(now: dict[str, MetricRow], before: dict[str, MetricRow]) -> list[dict[str, Any]]:
    """improvement = metric_t − metric_{t−1} for every compared metric (None: no data)."""
    rows = []
    for definition in compared_definitions():
        current, earlier = now.get(definition.code), before.get(definition.code)
        value_now = _decimal(current.value.value) if current else None
        value_before = _decimal(earlier.value.value) if earlier else None
        change = None if value_now is None or value_before is None else value_now - value_before
        rows.append(
            {
                "metric_code": definition.code,
                "label": _both(partial(getattr, definition, "label")),
                "kind": definition.kind,
                "dimension": definition.dimension,
                "unit": definition.unit,
                "direction": definition.direction,
                "now": _text(value_now),
                "now_as_of": _day(current.value.as_of) if current else None,
                "before": _text(value_before),
                "before_as_of": _day(earlier.value.as_of) if earlier else None,
                "change": _text(change),
            }
        )
    return rows


# --- 与竞争对手比 ---------------------------------------------------------------------------------


def sow_rank(account: Account, on: date) -> dict[str, Any] | None:
    """Our rank by spend among the competitors of the wallet estimates in force on the date:
    our revenue against each competitor's estimated share of the same spend (1 = first)."""
    by_period: dict[str, list] = {}
    for estimate in wallet_estimates(account=account):
        by_period.setdefault(estimate.period, []).append(estimate)
    period = period_as_of(by_period, on)
    if period is None:
        return None
    ours, theirs = Decimal(0), dict[str, Decimal]()
    for estimate in by_period[period]:
        ours += estimate.our_revenue
        for share in estimate.competitor_shares.all():
            spend = estimate.customer_total_spend * share.share_percent / 100
            theirs[share.competitor.name] = theirs.get(share.competitor.name, Decimal(0)) + spend
    if not theirs:
        return None
    ahead = sorted(name for name, spend in theirs.items() if spend > ours)
    return {"period": period, "rank": len(ahead) + 1, "of": len(theirs) + 1, "ahead": ahead}


def _state_on(history: list[LadderState], on: date) -> LadderState | None:
    # newest first: the first one assessed by the date is the one in force on it
    return next((state for state in history if state.assessed_on <= on), None)


def competitor_levels(account: Account, now: date, before: date) -> list[dict[str, Any]]:
    """Each active key person's ladder level and the estimated competitor level (T7), now and
    at the earlier date; only people with an estimate at either date."""
    people = list(
        account.contacts.filter(is_key_person=True, is_active=True)
        .order_by("name", "pk")
        .values_list("pk", "uuid", "name")
    )
    ids_by_uuid = {str(contact_uuid): pk for pk, contact_uuid, _name in people}
    histories = (
        ladder_histories_for_account(account=account, contact_ids_by_uuid=ids_by_uuid)
        if people
        else {}
    )
    pairs = {pk: (_state_on(histories.get(pk, []), now), _state_on(histories.get(pk, []), before))
             for pk, _uuid, _name in people}  # fmt: skip
    rival_ids = {state.competitor_uuid for pair in pairs.values() for state in pair
                 if state is not None and state.competitor_uuid}  # fmt: skip
    rivals = dict(Competitor.objects.filter(uuid__in=rival_ids).values_list("uuid", "name"))
    rows = []
    for pk, contact_uuid, name in people:
        current, earlier = pairs[pk]
        if not any(state and state.competitor_level is not None for state in (current, earlier)):
            continue
        rival = next(
            (s.competitor_uuid for s in (current, earlier) if s and s.competitor_uuid), None
        )
        rows.append(
            {
                "contact": str(contact_uuid),
                "name": name,
                "competitor": rivals.get(rival, "") if rival else "",
                "our_level_now": current.current_level if current else None,
                "our_level_before": earlier.current_level if earlier else None,
                "competitor_level_now": current.competitor_level if current else None,
                "competitor_level_before": earlier.competitor_level if earlier else None,
            }
        )
    return rows


def _pair(now: MetricRow | None, before: MetricRow | None) -> dict[str, Any]:
    value_now = _decimal(now.value.value) if now else None
    value_before = _decimal(before.value.value) if before else None
    return {
        "now": _text(value_now),
        "now_as_of": _day(now.value.as_of) if now else None,
        "before": _text(value_before),
        "before_as_of": _day(before.value.as_of) if before else None,
        "change": None
        if value_now is None or value_before is None
        else _text(value_now - value_before),
    }


def versus_competitor(
    account: Account, now: date, before: date, rows_now: dict, rows_before: dict
) -> dict[str, Any]:
    return {
        "strength_ratio": _pair(rows_now.get("strength_ratio"), rows_before.get("strength_ratio")),
        "sow_rank": {"now": sow_rank(account, now), "before": sow_rank(account, before)},
        "competitor_levels": competitor_levels(account, now, before),
    }


# --- the snapshot ---------------------------------------------------------------------------------


def rows_on(account: Account, on: date) -> dict[str, MetricRow]:
    """Every catalogue metric as of the date (constant queries)."""
    return {row.definition.code: row for row in metric_values(account, on)}


def review_snapshot(
    *,
    plan: AccountPlan,
    objectives: list[Objective],
    review_on: date,
    compared_on: date,
    compared_with: str,
) -> dict[str, Any]:
    """What a review freezes: the evaluation as of `review_on` and the comparisons with
    `compared_on` (the previous review's date, or the period start)."""
    account = plan.account
    now, before = rows_on(account, review_on), rows_on(account, compared_on)
    return {
        "plan_year": plan.year,
        "plan_version": plan.version,
        "review_on": review_on.isoformat(),
        **evaluate(objectives, now),
        "compared_on": compared_on.isoformat(),
        "compared_with": compared_with,
        "vs_last_period": versus_past(now, before),
        "vs_competitor": versus_competitor(account, review_on, compared_on, now, before),
    }

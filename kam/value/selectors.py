"""Reads of the value ladder: its template, an account's snapshots as figures, the portfolio,
the tactic mix and the suggestions for the T4 score sheet."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Case, Count, F, FloatField, IntegerField, QuerySet, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate
from kam.assessments.selectors import template_current
from kam.engagement.choices import EntryStatus, TacticTier
from kam.engagement.models import CalendarEntry
from kam.users.models import User
from kam.value import rules

TOOL = ToolCode.VALUE_LADDER
DEFAULT_TIER_ORDER = ["product", "process", "strategic"]
BELOW = "below_product"


def value_template() -> AssessmentTemplate:
    """The current value ladder template with its dimensions (criteria) prefetched in order."""
    return template_current(tool_code=TOOL)


def tier_order(template: AssessmentTemplate) -> list[str]:
    return [str(tier) for tier in template.parameters.get("tier_order", DEFAULT_TIER_ORDER)]


def tier_of(template: AssessmentTemplate) -> dict[str, str]:
    return {criterion.code: criterion.group for criterion in template.criteria.all()}


def level_rank(level: str, template: AssessmentTemplate) -> int:
    """0 below the lowest tier, 1 the lowest tier reached, … (for sorting and bars)."""
    order = tier_order(template)
    return order.index(level) + 1 if level in order else 0


@dataclass(frozen=True)
class ValueState:
    """One value snapshot as figures: tier scores now and as a target, level, gaps."""

    uuid: Any
    period: str
    assessed_on: date
    is_current: bool
    level: str
    level_label: str
    level_rank: int
    total: float | None
    current: dict[str, int]
    target: dict[str, int]
    tier_scores: dict[str, float | None]
    target_tier_scores: dict[str, float | None]
    gaps: dict[str, float]
    tiers_skipped: list[str] = field(default_factory=list)


def state_of(snapshot: Assessment) -> ValueState:
    template = snapshot.template
    result = snapshot.result or {}
    inputs = snapshot.inputs or {}
    order = tier_order(template)
    groups = result.get("groups", {})
    figures = result.get("figures", {})
    return ValueState(
        uuid=snapshot.uuid,
        period=snapshot.period,
        assessed_on=snapshot.assessed_on,
        is_current=snapshot.is_current,
        level=snapshot.band,
        level_label=snapshot.band_label,
        level_rank=level_rank(snapshot.band, template),
        total=snapshot.exact_total,
        current={code: int(value) for code, value in inputs.get("current", {}).items()},
        target={code: int(value) for code, value in inputs.get("target", {}).items()},
        tier_scores={tier: groups.get(tier) for tier in order},
        target_tier_scores={tier: inputs.get("target_tier_scores", {}).get(tier) for tier in order},
        gaps={key: float(value) for key, value in inputs.get("gaps", {}).items()},
        tiers_skipped=list(figures.get("tiers_skipped", [])),
    )


def value_history(*, account: Account) -> QuerySet[Assessment]:
    """Every value snapshot of the account (superseded ones too), newest period first."""
    return (
        account.assessments.filter(tool_code=TOOL, subject="")
        .select_related("template", "created_by")
        .order_by("-period", "-created_at")
    )


def value_snapshot_for(*, account: Account, assessment_uuid: Any) -> Assessment | None:
    return value_history(account=account).filter(uuid=assessment_uuid).first()


@dataclass(frozen=True)
class ValueOverview:
    """The account's value page: the latest current snapshot, the period before and history."""

    latest: ValueState | None
    previous: ValueState | None
    history: list[ValueState]


def value_overview(*, account: Account, history_limit: int = 20) -> ValueOverview:
    """In one query: the newest snapshots, the latest current one and the current one before."""
    states = [state_of(item) for item in value_history(account=account)[:history_limit]]
    return overview_from(states)


def overview_from(states: list[ValueState], focus: Any = None) -> ValueOverview:
    """The latest current snapshot (or the one with uuid `focus`) and the current one of the
    period before it, from a history newest first."""
    current = [state for state in states if state.is_current]
    if focus is not None:
        latest = next((state for state in states if state.uuid == focus), None)
    else:
        latest = current[0] if current else None
    previous = None
    if latest is not None:
        previous = next((state for state in current if state.period < latest.period), None)
    return ValueOverview(latest=latest, previous=previous, history=states)


def tactic_mix(*, account: Account) -> dict[str, int]:
    """Planned calendar entries of the account per tactic tier (三重经典战术), every tier listed."""
    rows = (
        CalendarEntry.objects.filter(account=account, status=EntryStatus.PLANNED)
        .exclude(tactic_tier="")
        .values("tactic_tier")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {tier.value: 0 for tier in TacticTier}
    for row in rows:
        counts[row["tactic_tier"]] = row["count"]
    return counts


# --- portfolio ----------------------------------------------------------------------------------

PORTFOLIO_SORTS = {
    "name": ("account__name",),
    "level": ("-level_order", "account__name"),
    "-level": ("level_order", "account__name"),
    "gap": ("-gap_total", "account__name"),
    "-gap": ("gap_total", "account__name"),
}


def _visible_value_snapshots(user: User) -> QuerySet[Assessment]:
    """Value snapshots of the accounts the user may see: unfiltered for the portfolio roles (an
    id subquery of every account would make SQLite check each snapshot against it), else by an
    id subquery of the visible accounts (SQLite then reads those accounts first)."""
    return scope_to_visible_accounts(Assessment.objects.filter(tool_code=TOOL), user)


def value_periods(*, user: User) -> list[str]:
    """The periods in which any visible account has a value snapshot, newest first."""
    return list(
        _visible_value_snapshots(user)
        .filter(is_current=True)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()[:20]
    )


def value_portfolio(*, user: User, period: str, sort: str = "level") -> QuerySet:
    """The ids of the current value snapshot of every visible account in a period, sorted by
    level (highest first), value gap (largest first) or account name. Only the ids are sorted
    (the snapshots' JSON would make the sort carry kilobytes per row); `value_portfolio_rows`
    loads the page's snapshots."""
    levels = DEFAULT_TIER_ORDER
    order = PORTFOLIO_SORTS.get(sort, PORTFOLIO_SORTS["level"])
    return (
        _visible_value_snapshots(user)
        # No subject filter: value snapshots are account-level only, and the (tool_code, period,
        # is_current, account, band) index then covers the query for the level sort.
        .filter(period=period, is_current=True)
        .annotate(
            level_order=Case(
                *[When(band=code, then=Value(rank)) for rank, code in enumerate(levels, 1)],
                default=Value(0),
                output_field=IntegerField(),
            ),
            gap_total=Cast(KT("inputs__gaps__total"), FloatField()),
        )
        .order_by(*order, F("pk").asc())
        .values_list("pk", flat=True)
    )


def value_portfolio_rows(ids: list[int]) -> list[Assessment]:
    """The snapshots of one portfolio page, in the order of `ids` (two queries: the snapshots
    with their accounts, then their one or two template versions, shared rather than joined)."""
    rows = Assessment.objects.select_related("account").in_bulk(ids)
    versions = {row.template_id for row in rows.values()}
    templates = AssessmentTemplate.objects.in_bulk(list(versions))
    for row in rows.values():
        row.template = templates[row.template_id]
    return [rows[pk] for pk in ids if pk in rows]


# --- suggestions for the T4 score sheet ---------------------------------------------------------


@dataclass(frozen=True)
class ScoreSheetSuggestion:
    """A suggested T4 item score from the latest value snapshot (never applied automatically)."""

    item: str
    value: float | None
    period: str
    explanation: str


def list_separator() -> str:
    return "、" if (get_language() or "").startswith("zh") else ", "


def score_sheet_suggestion(*, account: Account, item: str) -> ScoreSheetSuggestion | None:
    """The suggestion for `m_strategy` or `j_innovation` (the items named by the value template's
    "score_sheet_suggestions" parameter); None for any other item."""
    template = value_template()
    dimensions = template.parameters.get("score_sheet_suggestions", {}).get(item)
    if not dimensions:
        return None
    latest = value_history(account=account).filter(is_current=True).order_by("-period").first()
    if latest is None:
        text = _("No value ladder scored yet: score it and a suggestion appears here.")
        return ScoreSheetSuggestion(item, None, "", text)
    state = state_of(latest)
    value = rules.score_sheet_suggestion(
        {code: float(score) for code, score in state.current.items()}, dimensions
    )
    labels = {criterion.code: criterion.label for criterion in template.criteria.all()}
    text = _(
        "Suggested from the value ladder ({period}): {value}, the mean current score of {names}."
    ).format(
        period=state.period,
        value=f"{value:.1f}" if value is not None else "—",
        names=list_separator().join(labels.get(code, code) for code in dimensions),
    )
    return ScoreSheetSuggestion(item, value, state.period, text)

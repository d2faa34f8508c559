"""Reads of the annual plan: the plan and its lists, the generated sections (current state,
last year's objectives against their actuals, the action plan, the RACI people), the frozen
snapshot an approval keeps, and the diff of two versions."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import translation

from kam.accounts.models import Account
from kam.assessments.models import localized
from kam.broad.selectors import Matrix, account_matrix
from kam.engagement.choices import EntryStatus
from kam.engagement.models import CalendarEntry
from kam.metrics.registry import MetricContext, MetricDefinition, MetricValue, definition_for
from kam.metrics.selectors import manual_value
from kam.needs.selectors import account_needs
from kam.plans.gaps import plan_gaps
from kam.plans.models import AccountPlan, Objective, PlanVersion
from kam.plans.outcomes import YearEndOutcome, year_end_outcome
from kam.plans.reads import PlanReads
from kam.users.models import User

# The catalogue metrics section 3 (现状评估) shows, each with the links to its latest records.
CURRENT_STATE_METRICS = (
    "coordinate_step", "coordinate_position", "org_total", "org_level", "satisfaction_index",
    "net_promoter_score", "share_of_wallet", "key_person_index", "key_persons_at_target",
    "value_product_tier", "value_process_tier", "value_strategic_tier",
)  # fmt: skip
TOP_NEEDS = 3


def team_users(*, account: Account) -> list[User]:
    """The account's owner, then its team members (who may own an objective)."""
    users = [account.owner] if account.owner_id else []
    memberships = account.team_memberships.select_related("user").order_by("user__username")
    users += [item.user for item in memberships if item.user_id != account.owner_id]
    return users


def plans_of_account(*, account: Account) -> QuerySet[AccountPlan]:
    return AccountPlan.objects.filter(account=account).order_by("-year")


def plan_get(*, account: Account, plan_uuid: Any) -> AccountPlan | None:
    return plans_of_account(account=account).filter(uuid=plan_uuid).first()


def plan_for_year(*, account: Account, year: int) -> AccountPlan | None:
    return plans_of_account(account=account).filter(year=year).first()


def plan_targets(account: Account, year: int) -> dict[str, Decimal]:
    """The objectives' targets by metric code of the year's plan as last approved (a draft's
    targets feed nothing until a director approves them); the first objective of a metric wins.
    One query: the newest approved version's snapshot."""
    snapshot = (
        PlanVersion.objects.filter(plan__account=account, plan__year=year)
        .order_by("-number")
        .values_list("snapshot", flat=True)
        .first()
    )
    targets: dict[str, Decimal] = {}
    for item in (snapshot or {}).get("objectives", []):
        if item.get("target") is not None:
            targets.setdefault(item["metric_code"], Decimal(item["target"]))
    return targets


def plan_objectives(*, plan: AccountPlan) -> QuerySet[Objective]:
    return plan.objectives.select_related("owner").order_by("created_at", "pk")


def plan_versions(*, plan: AccountPlan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("approved_by").order_by("-number")


def plan_with_lists(*, account: Account, plan_uuid: Any) -> AccountPlan | None:
    """The plan with every list of its sections prefetched (one query each)."""
    return (
        plans_of_account(account=account)
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.select_related("owner")),
            "strategies",
            "budget_lines",
            "risks",
            "review_dates",
        )
        .filter(uuid=plan_uuid)
        .first()
    )


def _value(definition: MetricDefinition, context: MetricContext) -> MetricValue:
    if definition.compute is None:
        return manual_value(context, definition)
    return definition.compute(context)


@dataclass(frozen=True)
class StateRow:
    definition: MetricDefinition
    value: MetricValue


def current_state(*, reads: PlanReads) -> list[StateRow]:
    """Section 3: the catalogue's figures for T2, T3, T4, T8 and T12 as of the read model's
    date, each with the links to the snapshot or page it was read from (the reads are shared
    with the gap list: constant queries)."""
    context = reads.context
    rows = []
    for code in CURRENT_STATE_METRICS:
        definition = definition_for(code)
        if definition is not None:
            rows.append(StateRow(definition, _value(definition, context)))
    return rows


def top_needs(*, account: Account) -> list:
    """Section 3's T11 top needs: the open needs of highest priority."""
    return list(account_needs(account=account)[:TOP_NEEDS])


@dataclass(frozen=True)
class PastRow:
    objective: Objective
    actual: MetricValue | None


@dataclass(frozen=True)
class PreviousYear:
    """Section 2: last year's plan, and either its year-end review's frozen results (`outcome`)
    or, without that review, its objectives with their actuals read live (`rows`)."""

    plan: AccountPlan | None = None
    outcome: YearEndOutcome | None = None
    rows: list[PastRow] = field(default_factory=list)
    live_on: date | None = None


def previous_year(*, plan: AccountPlan) -> PreviousYear:
    """Section 2: last year's plan with its objectives against their actuals, as its year-end
    review froze them, else live from the catalogue at the year's end (constant queries)."""
    previous = AccountPlan.objects.filter(account=plan.account, year=plan.year - 1).first()
    if previous is None:
        return PreviousYear()
    outcome = year_end_outcome(account=plan.account, plan=previous)
    if outcome is not None:
        return PreviousYear(previous, outcome)
    live_on = date(previous.year, 12, 31)
    context = MetricContext(account=plan.account, on=live_on)
    rows = []
    for objective in previous.objectives.select_related("owner").order_by("created_at", "pk"):
        definition = definition_for(objective.metric_code)
        actual = _value(definition, context) if definition else None
        rows.append(PastRow(objective, actual))
    return PreviousYear(previous, rows=rows, live_on=live_on)


UPCOMING_SHOWN = 8


@dataclass(frozen=True)
class MechanismCount:
    name: str
    planned: int
    held: int


@dataclass(frozen=True)
class ActionPlan:
    """Section 7: the year's calendar by mechanism (counts) and the next entries still to come;
    the calendar itself lists them all."""

    by_mechanism: list[MechanismCount]
    upcoming: list[CalendarEntry]


def action_plan(*, plan: AccountPlan, today: date) -> ActionPlan:
    """Two queries whatever the number of entries: counts per mechanism, then the next ones."""
    year = CalendarEntry.objects.filter(account=plan.account, planned_on__year=plan.year)
    counts = (
        year.exclude(status=EntryStatus.CANCELLED)
        .values("mechanism__code", "mechanism__name_zh", "mechanism__name_en")
        .annotate(planned=Count("pk"), held=Count("pk", filter=Q(status=EntryStatus.DONE)))
        .order_by("mechanism__code")
    )
    upcoming = (
        year.filter(status=EntryStatus.PLANNED, planned_on__gte=today)
        .select_related("mechanism", "key_person")
        .order_by("planned_on", "pk")[:UPCOMING_SHOWN]
    )
    return ActionPlan(
        by_mechanism=[
            MechanismCount(
                localized(
                    {"zh": row["mechanism__name_zh"], "en": row["mechanism__name_en"]},
                    row["mechanism__code"],
                ),
                row["planned"],
                row["held"],
            )
            for row in counts
        ],
        upcoming=list(upcoming),
    )


@dataclass(frozen=True)
class RaciPerson:
    user: User
    team_role: str
    rows: list[str]


def raci_people(*, account: Account, matrix: Matrix | None = None) -> list[RaciPerson]:
    """Section 8: our people of the T10 responsibility matrix and the rows they hold a letter
    on (read-only: the matrix is edited on its own page)."""
    matrix = matrix or account_matrix(account=account)
    return [
        RaciPerson(
            user=column.user,
            team_role=str(column.team_role),
            rows=[
                f"{row.row.label} ({row.letters[column.user.pk]})"
                for row in matrix.rows
                if column.user.pk in row.letters
            ],
        )
        for column in matrix.columns
    ]


# --- versions -----------------------------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


LANGUAGES = {"en": "en", "zh": "zh-hans"}


def _both(read: Callable[[], str]) -> dict[str, str]:
    """A generated text in both languages (a frozen snapshot is read in either)."""
    texts = {}
    for key, language in LANGUAGES.items():
        with translation.override(language):
            texts[key] = str(read())
    return texts


def snapshot_gaps(*, account: Account, reads: PlanReads | None = None) -> list[dict[str, object]]:
    """The gaps as an approval freezes them: key, kind, and title and detail in both
    languages (computed once per language)."""
    by_language, reads = {}, reads or PlanReads(account=account)
    for key, language in LANGUAGES.items():
        with translation.override(language):
            by_language[key] = plan_gaps(account=account, reads=reads)
    return [
        {
            "key": gap.key,
            "kind": gap.kind,
            "title": {key: gaps[index].title for key, gaps in by_language.items()},
            "detail": {key: gaps[index].detail for key, gaps in by_language.items()},
        }
        for index, gap in enumerate(by_language["en"])
    ]


def localize_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A frozen snapshot's texts in the reader's language."""
    return {
        **snapshot,
        "objectives": [
            {**item, "metric_label": localized(item["metric_label"], item["metric_code"])}
            if isinstance(item.get("metric_label"), dict) else item
            for item in snapshot.get("objectives", [])
        ],
        "gaps": [
            {**item, "title": localized(item["title"], item["key"]),
             "detail": localized(item["detail"])}
            if isinstance(item.get("title"), dict) else item
            for item in snapshot.get("gaps", [])
        ],
    }  # fmt: skip


def plan_snapshot(
    *,
    plan: AccountPlan,
    gaps: list[dict[str, object]],
    key_people: list[dict[str, object]] | None = None,
) -> dict[str, object]:
    """What an approval freezes: plain JSON, never re-read from the live records (the key
    persons as the power map shows them that day, for the diff of two versions)."""
    return {
        "key_people": key_people or [],
        "year": plan.year,
        "plan_version": plan.version,
        "baseline_on": plan.baseline_on.isoformat(),
        "objectives": [
            {
                "id": str(item.uuid),
                "kind": item.kind,
                "metric_code": item.metric_code,
                "metric_label": _both(partial(getattr, item, "metric_label")),
                "baseline": _text(item.baseline),
                "target": _text(item.target),
                "weight": _text(item.weight),
                "comparison_basis": item.comparison_basis,
                "owner": item.owner.username,
                "owner_name": str(item.owner),
                "frequency": item.frequency,
                "gap_key": item.gap_key,
            }
            for item in plan_objectives(plan=plan)
        ],
        "gaps": gaps,
        "strategies": [
            {
                "id": str(item.uuid),
                "description": item.description,
                "tactic_tier": item.tactic_tier,
                "gap_keys": item.gap_keys,
            }
            for item in plan.strategies.order_by("created_at", "pk")
        ],  # fmt: skip
        "budget_lines": [
            {
                "id": str(item.uuid),
                "description": item.description,
                "amount": _text(item.amount),
                "currency": item.currency,
            }
            for item in plan.budget_lines.order_by("created_at", "pk")
        ],  # fmt: skip
        "risks": [
            {
                "id": str(item.uuid),
                "description": item.description,
                "probability": item.probability,
                "impact": item.impact,
                "mitigation": item.mitigation,
            }
            for item in plan.risks.order_by("created_at", "pk")
        ],  # fmt: skip
        "review_dates": [
            {"id": str(item.uuid), "review_on": item.review_on.isoformat(), "label": item.label}
            for item in plan.review_dates.order_by("review_on", "pk")
        ],  # fmt: skip
    }


@dataclass(frozen=True)
class ObjectiveChange:
    id: str
    metric_label: str
    field: str
    before: str | None
    after: str | None


@dataclass
class PlanDiff:
    objectives_added: list[dict[str, Any]]
    objectives_removed: list[dict[str, Any]]
    objectives_changed: list[ObjectiveChange]
    gaps_appeared: list[dict[str, Any]]
    gaps_closed: list[dict[str, Any]]
    strategies_added: list[dict[str, Any]]
    strategies_removed: list[dict[str, Any]]
    risks_added: list[dict[str, Any]]
    risks_removed: list[dict[str, Any]]
    review_dates_added: list[dict[str, Any]]
    review_dates_removed: list[dict[str, Any]]

    @property
    def is_empty(self) -> bool:
        return not any(vars(self).values())


COMPARED_FIELDS = ("target", "weight", "baseline", "owner", "comparison_basis", "frequency")


def _by(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


def _added_removed(
    before: dict[str, Any], after: dict[str, Any], name: str, key: str = "id"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    old, new = _by(before.get(name, []), key), _by(after.get(name, []), key)
    return (
        [item for code, item in new.items() if code not in old],
        [item for code, item in old.items() if code not in new],
    )


def plan_diff(before: dict[str, Any], after: dict[str, Any]) -> PlanDiff:
    """What changed from one snapshot to the other: objectives added, removed or with another
    target, weight, baseline, owner, basis or frequency; gaps that appeared or closed; the
    strategies, risks and review dates added or removed."""
    before, after = localize_snapshot(before), localize_snapshot(after)
    old = _by(before.get("objectives", []), "id")
    changed = [
        ObjectiveChange(code, item["metric_label"], name, old[code][name], item[name])
        for code, item in _by(after.get("objectives", []), "id").items()
        if code in old
        for name in COMPARED_FIELDS
        if old[code].get(name) != item.get(name)
    ]
    objectives = _added_removed(before, after, "objectives")
    gaps = _added_removed(before, after, "gaps", key="key")
    strategies = _added_removed(before, after, "strategies")
    risks = _added_removed(before, after, "risks")
    reviews = _added_removed(before, after, "review_dates")
    return PlanDiff(
        objectives_added=objectives[0],
        objectives_removed=objectives[1],
        objectives_changed=changed,
        gaps_appeared=gaps[0],
        gaps_closed=gaps[1],
        strategies_added=strategies[0],
        strategies_removed=strategies[1],
        risks_added=risks[0],
        risks_removed=risks[1],
        review_dates_added=reviews[0],
        review_dates_removed=reviews[1],
    )

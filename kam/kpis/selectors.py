"""Reads of the broad-relationship KPIs (T10.2): the actuals computed from the records, the
account's KPI board against its category's targets, the snapshots and the portfolio."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import accounts_visible_to, scope_to_visible_accounts
from kam.accounts.models import Account
from kam.assessments import engine
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate
from kam.broad.choices import BroadKpi
from kam.broad.models import CoverageTarget
from kam.broad.rules import COVERED_LEVELS, KPI_UNITS, SUPPORTER_MINIMUM
from kam.broad.selectors import coverage_summary
from kam.engagement.choices import ActionStatus, EntryStatus, OwnerSide
from kam.engagement.models import ActionItem, CalendarEntry
from kam.health.models import SatisfactionSurvey, SurveyRespondent
from kam.kpis import rules
from kam.kpis.choices import light_label
from kam.lib.periods import period_window
from kam.lib.periods import quarter_of as quarter_of  # re-exported: the KPI pages import it here
from kam.people.choices import Coverage
from kam.people.models import Contact
from kam.platforms.models import PlatformEntry
from kam.platforms.selectors import COUNTED_STATUSES
from kam.scorecard.models import CategoryPolicy
from kam.users.choices import Seniority
from kam.users.models import User

TOOL = ToolCode.BROAD_KPI
# Contacts we actually talk to: any contact beyond "unknown" or "no contact".
EFFECTIVE_COVERAGE = [Coverage.BRIEF, Coverage.MULTIPLE, Coverage.IN_DEPTH]


def kpi_template() -> AssessmentTemplate:
    """The current KPI template (weights, cap, lower-is-better list, light bands)."""
    return AssessmentTemplate.objects.prefetch_related("criteria").get(
        tool_code=TOOL, is_current=True
    )


# --- actuals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiActual:
    """A KPI's actual for an account and window, with the records it was computed from."""

    code: str
    value: float | None
    basis: str


def _coverage(account: Account) -> KpiActual:
    summary = coverage_summary(account=account)
    value = float(summary.rate * 100) if summary.rate is not None else None
    basis = _("{covered} of {total} target cells covered").format(
        covered=summary.covered_target_cells, total=summary.target_cells
    )
    return KpiActual(BroadKpi.COVERAGE_RATE, value, basis)


def _contact_figures(account: Account) -> list[KpiActual]:
    """Contacts per target department and the supporter share, in two queries."""
    departments = set(
        CoverageTarget.objects.filter(account=account, is_target=True).values_list(
            "function", flat=True
        )
    )
    counts = Contact.objects.filter(account=account, is_active=True).aggregate(
        active=Count("pk"),
        supporters=Count("pk", filter=Q(support__gte=SUPPORTER_MINIMUM)),
        in_targets=Count("pk", filter=Q(function__in=departments, coverage__in=EFFECTIVE_COVERAGE)),
    )
    per_department = counts["in_targets"] / len(departments) if departments else None
    return [
        KpiActual(
            BroadKpi.CONTACTS_PER_DEPT,
            per_department,
            _("{contacts} contacts in touch across {departments} target departments").format(
                contacts=counts["in_targets"], departments=len(departments)
            ),
        ),
        KpiActual(
            BroadKpi.SUPPORTER_SHARE,
            rules.share_percent(counts["supporters"], counts["active"]),
            _("{supporters} of {contacts} active contacts support us (+1 or more)").format(
                supporters=counts["supporters"], contacts=counts["active"]
            ),
        ),
    ]


def _contact_frequency(account: Account, start: datetime.date, due: datetime.date) -> KpiActual:
    counts = CalendarEntry.objects.filter(
        account=account, planned_on__range=(start, due), status__in=COUNTED_STATUSES
    ).aggregate(planned=Count("pk"), done=Count("pk", filter=Q(status=EntryStatus.DONE)))
    return KpiActual(
        BroadKpi.CONTACT_FREQUENCY,
        rules.share_percent(counts["done"], counts["planned"]),
        _("{done} of {planned} planned contacts due by {date} held").format(
            done=counts["done"], planned=counts["planned"], date=due.isoformat()
        ),
    )


def _ops_satisfaction(account: Account, end: datetime.date) -> KpiActual:
    latest = (
        SatisfactionSurvey.objects.filter(account=account, is_current=True, conducted_on__lte=end)
        .order_by("-conducted_on", "-pk")
        .values("pk")[:1]
    )
    answers = list(
        SurveyRespondent.objects.filter(
            survey__in=Subquery(latest),
            contact__seniority=Seniority.OPERATIONAL,
            overall__isnull=False,
        ).values_list("overall", flat=True)
    )
    return KpiActual(
        BroadKpi.OPS_SATISFACTION,
        rules.satisfaction_percent([answer for answer in answers if answer is not None]),
        _("{count} operational-staff answers in the latest survey").format(count=len(answers)),
    )


def _response_time(account: Account, start: datetime.date, end: datetime.date) -> KpiActual:
    spans = [
        (timezone.localtime(created).date(), closed)
        for created, closed in ActionItem.objects.filter(
            account=account,
            owner_side=OwnerSide.OURS,
            status=ActionStatus.DONE,
            closed_on__range=(start, end),
        ).values_list("created_at", "closed_on")
        if closed is not None
    ]
    return KpiActual(
        BroadKpi.RESPONSE_TIME,
        rules.median_response_hours(spans),
        _("{count} of our actions closed in the period (days to close × 24)").format(
            count=len(spans)
        ),
    )


def _platform_events(account: Account, start: datetime.date, due: datetime.date) -> KpiActual:
    counts = PlatformEntry.objects.filter(
        item__account=account,
        entry__planned_on__range=(start, due),
        entry__status__in=COUNTED_STATUSES,
    ).aggregate(planned=Count("pk"), held=Count("pk", filter=Q(entry__status=EntryStatus.DONE)))
    return KpiActual(
        BroadKpi.PLATFORM_EVENTS,
        rules.share_percent(counts["held"], counts["planned"]),
        _("{held} of {planned} platform activities due by {date} held").format(
            held=counts["held"], planned=counts["planned"], date=due.isoformat()
        ),
    )


def kpi_actuals(
    *, account: Account, start: datetime.date, end: datetime.date
) -> dict[str, KpiActual]:
    """The seven actuals of T10.2 for a window; process KPIs count what was due by today."""
    due = min(end, timezone.localdate())
    found = [
        _coverage(account),
        *_contact_figures(account),
        _contact_frequency(account, start, due),
        _ops_satisfaction(account, end),
        _response_time(account, start, end),
        _platform_events(account, start, due),
    ]
    by_code = {actual.code: actual for actual in found}
    return {code: by_code[code] for code in BroadKpi.values}


# --- the board ------------------------------------------------------------------------------------


def category_targets(category: str) -> dict[str, float]:
    """The KPI targets of an account category (empty for an unclassified account)."""
    policy = CategoryPolicy.objects.filter(code=category).only("broad_kpi_targets").first()
    return dict(policy.broad_kpi_targets) if policy and category else {}


@dataclass(frozen=True)
class KpiRow:
    code: str
    label: str
    group: str
    unit: str
    is_lower_better: bool
    target: float | None
    actual: float | None
    achievement: float | None
    light: str
    basis: str

    @property
    def light_label(self) -> str:
        return light_label(self.light)

    @property
    def is_at_ceiling(self) -> bool:
        """A lower-is-better KPI at 0 (nothing better is possible)."""
        return self.achievement is not None and self.achievement >= rules.ACHIEVEMENT_CEILING


@dataclass(frozen=True)
class KpiBoard:
    period: str
    start: datetime.date
    end: datetime.date
    category: str
    rows: list[KpiRow]
    score: float | None
    light: str
    template: AssessmentTemplate

    @property
    def light_label(self) -> str:
        return light_label(self.light)

    @property
    def has_targets(self) -> bool:
        return any(row.target is not None for row in self.rows)


def kpi_board(*, account: Account, period: str) -> KpiBoard:
    """The account's seven KPIs for a period against its category's targets, with the score."""
    template = kpi_template()
    criteria = list(template.criteria.all())
    spec = template.spec(criteria)
    lower = set(template.parameters.get("lower_is_better", []))
    start, end = period_window(period)
    actuals = kpi_actuals(account=account, start=start, end=end)
    targets = category_targets(account.category)
    rows = []
    for criterion in criteria:
        actual = actuals.get(criterion.code)
        value = actual.value if actual else None
        target = targets.get(criterion.code)
        achievement = rules.kpi_achievement(value, target, lower_is_better=criterion.code in lower)
        rows.append(
            KpiRow(
                code=criterion.code,
                label=criterion.label,
                group=template.group_label(criterion.group),
                unit=KPI_UNITS.get(criterion.code, ""),
                is_lower_better=criterion.code in lower,
                target=target,
                actual=value,
                achievement=achievement,
                light=engine.band_for(achievement, spec.bands),
                basis=actual.basis if actual else "",
            )
        )
    answers = [
        engine.Answer(criterion_code=row.code, value=row.achievement)
        for row in rows
        if row.achievement is not None
    ]
    result = engine.score(spec, answers) if answers else None
    return KpiBoard(
        period=period,
        start=start,
        end=end,
        category=account.category,
        rows=rows,
        score=result.total if result else None,
        light=result.band if result else "",
        template=template,
    )


# --- snapshots ------------------------------------------------------------------------------------


def kpi_snapshots(*, account: Account) -> QuerySet[Assessment]:
    """The account's KPI snapshots (checks), newest first, superseded ones too."""
    return (
        Assessment.objects.filter(account=account, tool_code=TOOL)
        .select_related("template", "created_by")
        .order_by("-assessed_on", "-pk")
    )


def snapshot_lights(snapshot: Assessment) -> dict[str, str]:
    """Each KPI's light in a stored snapshot, from the achievement it stored (before the cap)."""
    bands = [
        engine.Band(float(band["lower_bound"]), band["code"])
        for band in snapshot.template.bands or []
    ]
    achievements = (snapshot.inputs or {}).get("achievements") or {}
    return {
        code: engine.band_for(achievement, bands) if achievement is not None else ""
        for code, achievement in achievements.items()
    }


# --- portfolio ------------------------------------------------------------------------------------

PORTFOLIO_SORTS = {
    "score": [F("kpi_score").asc(nulls_last=True), F("name_sort_key").asc()],
    "coverage": [F("coverage_covered").asc(), F("name_sort_key").asc()],
    "name": [F("name_sort_key").asc()],
}


def kpi_portfolio(*, user: User, period: str, sort: str = "score") -> QuerySet[Account]:
    """The visible accounts with their KPI score of the period (current snapshot) and their
    live coverage counts, sorted weakest first; one query however many accounts."""
    snapshot = Assessment.objects.filter(
        account=OuterRef("pk"), tool_code=TOOL, period=period, is_current=True, subject=""
    )
    covered_contact = Contact.objects.filter(
        account=OuterRef("account"),
        is_active=True,
        function=OuterRef("function"),
        seniority=OuterRef("level"),
        coverage__in=COVERED_LEVELS,
    )
    targets = CoverageTarget.objects.filter(account=OuterRef("pk"), is_target=True)
    covered = (
        targets.annotate(is_covered=Exists(covered_contact))
        .filter(is_covered=True)
        .values("account")
        .annotate(count=Count("pk"))
        .values("count")
    )
    total = targets.values("account").annotate(count=Count("pk")).values("count")
    order = PORTFOLIO_SORTS.get(sort, PORTFOLIO_SORTS["score"])
    return (
        accounts_visible_to(user)
        .annotate(
            kpi_score=Subquery(snapshot.values("total")[:1]),
            kpi_snapshot=Subquery(snapshot.values("pk")[:1]),
            coverage_covered=Subquery(covered),
            coverage_target_count=Subquery(total),
        )
        .only("uuid", "name", "category", "name_sort_key")
        .order_by(*order, "pk")
    )


def kpi_portfolio_snapshots(accounts: list[Account]) -> dict[int, Assessment]:
    """The KPI snapshots of one portfolio page by account id (two queries: the snapshots, then
    their template versions, shared)."""
    ids = [
        snapshot
        for snapshot in (getattr(account, "kpi_snapshot", None) for account in accounts)
        if snapshot
    ]
    rows = Assessment.objects.only(
        "pk", "account_id", "template_id", "total", "band", "inputs", "assessed_on"
    ).in_bulk(ids)
    templates = AssessmentTemplate.objects.in_bulk({row.template_id for row in rows.values()})
    for row in rows.values():
        row.template = templates[row.template_id]
    return {row.account_id: row for row in rows.values()}


@dataclass(frozen=True)
class KpiLightCell:
    code: str
    label: str
    light: str

    @property
    def light_label(self) -> str:
        return light_label(self.light)


@dataclass(frozen=True)
class KpiPortfolioRow:
    """One account of the portfolio: live coverage and the lights of its latest check."""

    account: Account
    snapshot: Assessment | None
    coverage_percent: int | None
    lights: list[KpiLightCell]

    @property
    def light_label(self) -> str:
        return light_label(self.snapshot.band) if self.snapshot else ""


def kpi_portfolio_rows(accounts: list[Account]) -> list[KpiPortfolioRow]:
    """The rows of one portfolio page (accounts from `kpi_portfolio`), in three queries."""
    snapshots = kpi_portfolio_snapshots(accounts)
    criteria = list(kpi_template().criteria.all())
    rows = []
    for account in accounts:
        snapshot = snapshots.get(account.pk)
        lights = snapshot_lights(snapshot) if snapshot else {}
        # Annotated by kpi_portfolio.
        targets = getattr(account, "coverage_target_count", None) or 0
        covered = getattr(account, "coverage_covered", None) or 0
        rows.append(
            KpiPortfolioRow(
                account=account,
                snapshot=snapshot,
                coverage_percent=round(covered / targets * 100) if targets else None,
                lights=[
                    KpiLightCell(criterion.code, criterion.label, lights.get(criterion.code, ""))
                    for criterion in criteria
                ]
                if snapshot
                else [],
            )
        )
    return rows


def kpi_periods(*, user: User) -> list[str]:
    """The periods that have KPI snapshots among the visible accounts, newest first."""
    found = (
        scope_to_visible_accounts(Assessment.objects.filter(tool_code=TOOL), user)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(found), reverse=True)

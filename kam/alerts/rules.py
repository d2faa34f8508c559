"""The alert rules (§7.3): what each finds for a batch of accounts, and its reason in words.

Every rule reads the batch's records in a constant number of queries (filtered by account ids),
except where a tool offers only a one-account reader (the T2 coordinate, a metric's actual):
those are called for the few accounts that can raise the alert (see each rule)."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.accounts.models import Account
from kam.alerts.choices import AlertSeverity
from kam.alerts.models import AlertRules
from kam.alerts.registry import Finding, Rule
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment
from kam.engagement.choices import ActionStatus
from kam.engagement.models import ActionItem
from kam.health.models import SatisfactionSurvey, WalletEstimate
from kam.ladder.selectors import STATE_FIELDS, state_from_assessment
from kam.metrics.choices import MetricDirection
from kam.metrics.registry import definition_for
from kam.metrics.selectors import metric_value
from kam.people.models import Contact
from kam.plans.models import AccountPlan, Objective, PlanVersion
from kam.plans.scoring import achievement
from kam.powermap.rules import Flag
from kam.powermap.selectors import red_flags_for_accounts
from kam.powermap.selectors.wording import flag_text
from kam.relationship.selectors import relationship_overview
from kam.reviews.models import Review

HUNDRED = Decimal(100)
# A projection needs some of the year behind it: before this many days it would multiply noise.
MIN_ELAPSED_DAYS = 31  # [D]
OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
# The flags that say someone works against us or a decision role is out of reach.
HIGH_FLAGS = {"uncovered_base", "no_coach", "strong_opponent", "enemy_key_person"}
# The instruments whose periods place the account on the T2 coordinate.
COORDINATE_TOOLS = (
    ToolCode.ORG_SCORE_SHEET,
    ToolCode.RELATIONSHIP_TEST,
    ToolCode.KEY_PERSON_LADDER,
)


def _ids(accounts: Sequence[Account]) -> list[int]:
    return [account.pk for account in accounts]


def _uuids(accounts: Sequence[Account]) -> dict[int, str]:
    return {account.pk: str(account.uuid) for account in accounts}


# --- plan not approved ----------------------------------------------------------------------


def plan_not_approved(
    accounts: Sequence[Account], on: date, thresholds: AlertRules
) -> list[Finding]:
    """After the due date: the account has no plan for the year, or its plan is not approved
    (a draft, or changed since its approval)."""
    due = thresholds.plan_due_on(on.year)
    if on <= due:
        return []
    uuids = _uuids(accounts)
    plans = {
        account_id: (plan_uuid, version, approved_version)
        for account_id, plan_uuid, version, approved_version in AccountPlan.objects.filter(
            account_id__in=list(uuids), year=on.year
        ).values_list("account_id", "uuid", "version", "approved_version")
    }
    found = []
    for account_id, account_uuid in uuids.items():
        params = {"year": on.year, "due": due.isoformat()}
        plan = plans.get(account_id)
        if plan is None:
            found.append(
                Finding(account_id, f"plan:{on.year}", AlertSeverity.HIGH,
                        {**params, "has_plan": False}, "plans:account",
                        {"account_uuid": account_uuid})
            )  # fmt: skip
        elif plan[1] != plan[2]:
            # A plan approved once and changed since: its approved version still holds.
            severity = AlertSeverity.LOW if plan[2] else AlertSeverity.MEDIUM
            found.append(
                Finding(account_id, f"plan:{on.year}", severity,
                        {**params, "has_plan": True, "was_approved": bool(plan[2])}, "plans:plan",
                        {"account_uuid": account_uuid, "plan_uuid": str(plan[0])},
                        "plan", plan[0])
            )  # fmt: skip
    return found


def describe_plan_not_approved(params: dict[str, Any]) -> str:
    if not params.get("has_plan"):
        return _("No annual plan for {year}: it should have been approved by {due}.").format(
            **params
        )
    if params.get("was_approved"):
        return _(
            "The annual plan for {year} was changed after its approval: a director has not "
            "approved the changes yet."
        ).format(year=params["year"])
    return _("The annual plan for {year} is not approved: it should have been by {due}.").format(
        **params
    )


# --- objective off track ---------------------------------------------------------------------


def _elapsed_share(on: date) -> Decimal:
    start, end = date(on.year, 1, 1), date(on.year, 12, 31)
    return Decimal((on - start).days + 1) / Decimal((end - start).days + 1)


def projected_actual(actual: Decimal, baseline: Decimal | None, share: Decimal) -> Decimal:
    """Where the actual ends the year if it keeps moving from the baseline at today's pace
    (without a baseline, today's actual is the projection)."""
    if baseline is None or share <= 0:
        return actual
    return baseline + (actual - baseline) / share


def objective_projection(objective: Objective, account: Account, on: date) -> Decimal | None:
    """The objective's projected achievement at year end (1 = on target), or None when its
    actual cannot be measured. The formula is the plan's (kam.plans.scoring.achievement)."""
    definition = definition_for(objective.metric_code)
    if definition is None:
        return None
    value = metric_value(objective.metric_code, account, on).value
    if value is None:
        return None
    actual = value if isinstance(value, Decimal) else Decimal(str(value))
    return achievement(
        actual=projected_actual(actual, objective.baseline, _elapsed_share(on)),
        target=objective.target,
        baseline=objective.baseline,
        is_lower_better=definition.direction == MetricDirection.LOWER_BETTER,
        is_stage=definition.is_stage,
    )


def objective_off_track(
    accounts: Sequence[Account], on: date, thresholds: AlertRules
) -> list[Finding]:
    """Objectives of the year's plan whose projected achievement is below the threshold. The
    objectives are read in one query; each actual comes from the metric catalogue (one
    account's reader), so only the accounts with objectives this year are measured."""
    if (on - date(on.year, 1, 1)).days < MIN_ELAPSED_DAYS:
        return []
    by_id = {account.pk: account for account in accounts}
    objectives = Objective.objects.filter(
        plan__account_id__in=list(by_id), plan__year=on.year
    ).select_related("plan")
    below = Decimal(thresholds.off_track_below) / HUNDRED
    found = []
    for objective in objectives:
        account = by_id[objective.plan.account_id]
        projected = objective_projection(objective, account, on)
        if projected is None or projected >= below:
            continue
        severity = AlertSeverity.HIGH if projected < below / 2 else AlertSeverity.MEDIUM
        params = {
            "metric_code": objective.metric_code,
            "year": on.year,
            "projected": int((projected * HUNDRED).quantize(Decimal(1))),
            "threshold": thresholds.off_track_below,
        }
        found.append(
            Finding(account.pk, f"objective:{objective.uuid}", severity, params, "plans:plan",
                    {"account_uuid": str(account.uuid), "plan_uuid": str(objective.plan.uuid)},
                    "objective", objective.uuid)
        )  # fmt: skip
    return found


def describe_objective_off_track(params: dict[str, Any]) -> str:
    definition = definition_for(params.get("metric_code", ""))
    metric = str(definition.label) if definition else params.get("metric_code", "")
    return _(
        "Objective “{metric}” of the {year} plan is projected to reach {projected} % of its "
        "target by year end (alert below {threshold} %)."
    ).format(metric=metric, **{key: params[key] for key in ("year", "projected", "threshold")})


# --- relationship cooling --------------------------------------------------------------------


def _coordinate_candidates(account_ids: list[int]) -> set[int]:
    """Accounts with at least two periods of records that place them on the T2 coordinate
    (only they can have a previous point to fall from)."""
    periods: dict[int, set[str]] = defaultdict(set)
    reads = (
        Assessment.objects.filter(
            account_id__in=account_ids, tool_code__in=COORDINATE_TOOLS, is_current=True
        ),
        WalletEstimate.objects.filter(account_id__in=account_ids),
        SatisfactionSurvey.objects.filter(account_id__in=account_ids, is_current=True),
    )
    for queryset in reads:
        for account_id, period in queryset.values_list("account_id", "period").distinct():
            periods[account_id].add(period)
    return {account_id for account_id, found in periods.items() if len(found) > 1}


def _disintegrating(accounts: Sequence[Account], uuids: dict[int, str]) -> list[Finding]:
    found = []
    candidates = _coordinate_candidates(list(uuids))
    for account in accounts:
        if account.pk not in candidates:
            continue
        overview = relationship_overview(account=account)
        if not overview.is_disintegrating or not overview.current or not overview.previous:
            continue
        params = {"kind": "coordinate", "period": overview.current.period,
                  "previous_period": overview.previous.period}  # fmt: skip
        found.append(
            Finding(account.pk, "coordinate", AlertSeverity.HIGH, params, "relationship:account",
                    {"account_uuid": uuids[account.pk]})
        )  # fmt: skip
    return found


def _support_falls(uuids: dict[int, str]) -> list[Finding]:
    """Key persons whose ladder-derived support is lower in their latest period than in the
    period before (two queries for all accounts)."""
    people = {
        str(contact_uuid): (pk, name, account_id)
        for pk, contact_uuid, name, account_id in Contact.objects.filter(
            account_id__in=list(uuids), is_key_person=True, is_active=True
        ).values_list("pk", "uuid", "name", "account_id")
    }
    snapshots = (
        Assessment.objects.filter(
            tool_code=ToolCode.KEY_PERSON_LADDER, is_current=True, account_id__in=list(uuids)
        )
        .only(*STATE_FIELDS)
        .order_by("subject", "-period", "-assessed_on", "-created_at")
    )
    latest: dict[str, list[Assessment]] = defaultdict(list)
    for snapshot in snapshots:
        if snapshot.subject not in people:
            continue
        periods = latest[snapshot.subject]
        if len(periods) < 2 and (not periods or periods[-1].period != snapshot.period):
            periods.append(snapshot)
    found = []
    for subject, pair in latest.items():
        if len(pair) < 2:
            continue
        pk, name, account_id = people[subject]
        now, before = (state_from_assessment(item, pk) for item in pair)
        if now.derived_support >= before.derived_support:
            continue
        params = {"kind": "support", "contact": name, "period": now.period,
                  "previous_period": before.period, "support": now.derived_support,
                  "previous_support": before.derived_support}  # fmt: skip
        severity = AlertSeverity.HIGH if now.derived_support < 0 else AlertSeverity.MEDIUM
        found.append(
            Finding(account_id, f"support:{subject}", severity, params, "ladder:contact",
                    {"contact_uuid": subject}, "contact", uuid.UUID(subject))
        )  # fmt: skip
    return found


def relationship_cooling(
    accounts: Sequence[Account], on: date, thresholds: AlertRules
) -> list[Finding]:
    """The T2 coordinate is flagged disintegrating (关系衰退), or a key person's support (from
    their ladder level) fell between their last two periods."""
    uuids = _uuids(accounts)
    return _disintegrating(accounts, uuids) + _support_falls(uuids)


def describe_relationship_cooling(params: dict[str, Any]) -> str:
    if params.get("kind") == "coordinate":
        return _(
            "The relationship is disintegrating: the T2 coordinate fell from {previous_period} "
            "to {period}."
        ).format(**params)
    return _(
        "{contact}'s support fell from {previous_support} ({previous_period}) to {support} "
        "({period})."
    ).format(**params)


# --- red flags ---------------------------------------------------------------------------------


def red_flag(accounts: Sequence[Account], on: date, thresholds: AlertRules) -> list[Finding]:
    """Every raised red flag of the power maps (the power map's rules and settings)."""
    uuids = _uuids(accounts)
    flags, _limits = red_flags_for_accounts(account_ids=list(uuids), today=on)
    found = []
    for account_id, raised in flags.items():
        for flag in raised:
            # The uncovered role names the finding; other qualifiers (a count) only describe it.
            is_named = flag.code == "uncovered_base" and flag.qualifier
            key = f"flag:{flag.code}:{flag.qualifier}" if is_named else f"flag:{flag.code}"
            severity = AlertSeverity.HIGH if flag.code in HIGH_FLAGS else AlertSeverity.MEDIUM
            params = {"code": flag.code, "qualifier": flag.qualifier, "people": list(flag.people)}
            found.append(
                Finding(account_id, key, severity, params, "powermap:account",
                        {"account_uuid": uuids[account_id]})
            )  # fmt: skip
    return found


def describe_red_flag(params: dict[str, Any]) -> str:
    flag = Flag(
        code=params.get("code", ""),
        qualifier=params.get("qualifier", ""),
        people=tuple(params.get("people", ())),
    )
    text = flag_text(flag)
    return f"{text.title}: {text.detail}"


# --- overdue actions ---------------------------------------------------------------------------


def overdue_actions(accounts: Sequence[Account], on: date, thresholds: AlertRules) -> list[Finding]:
    """Open action items past their due date, one alert per account (how many, since when)."""
    uuids = _uuids(accounts)
    rows = (
        ActionItem.objects.filter(
            account_id__in=list(uuids), status__in=OPEN_ACTION_STATUSES, due_on__lt=on
        )
        .values("account_id")
        .annotate(count=Count("id"), oldest=Min("due_on"))
        .order_by()
    )
    found = []
    for row in rows:
        days = (on - row["oldest"]).days
        severity = AlertSeverity.HIGH if days > 30 else AlertSeverity.MEDIUM
        params = {"count": row["count"], "oldest": row["oldest"].isoformat(), "days": days}
        found.append(
            Finding(row["account_id"], "overdue", severity, params, "engagement:action_board",
                    {"account_uuid": uuids[row["account_id"]]})
        )  # fmt: skip
    return found


def describe_overdue_actions(params: dict[str, Any]) -> str:
    return _(
        "{count} open action item(s) past due; the oldest was due {oldest} ({days} days ago)."
    ).format(**params)


# --- plan not reviewed ------------------------------------------------------------------------


def _review_years(on: date) -> list[int]:
    """The year's plan; in the first quarter also last year's, whose year-end review (年终回顾)
    is due then (from April on, last year's plan is closed and no longer watched)."""
    return [on.year, on.year - 1] if on.month <= 3 else [on.year]


def _since(plan: AccountPlan) -> tuple[str, date]:
    """What the review clock starts from: the latest review, else the first approval, else the
    plan's creation."""
    if plan.last_review_on is not None:  # type: ignore[attr-defined]
        return "review", plan.last_review_on  # type: ignore[attr-defined]
    approved_at = plan.first_approved_at  # type: ignore[attr-defined]
    if approved_at is not None:
        return "approval", timezone.localdate(approved_at)
    return "creation", timezone.localdate(plan.created_at)


def plan_not_reviewed(
    accounts: Sequence[Account], on: date, thresholds: AlertRules
) -> list[Finding]:
    """Plans whose latest review (or, never reviewed, approval or creation) is more than the
    threshold's days before `on` (one query for the batch)."""
    uuids = _uuids(accounts)
    plans = (
        AccountPlan.objects.filter(account_id__in=list(uuids), year__in=_review_years(on))
        .annotate(
            last_review_on=Subquery(
                Review.objects.filter(plan=OuterRef("pk"), review_on__lte=on)
                .order_by()
                .values("plan")
                .annotate(last=Max("review_on"))
                .values("last")
            ),
            first_approved_at=Subquery(
                PlanVersion.objects.filter(plan=OuterRef("pk"))
                .order_by()
                .values("plan")
                .annotate(first=Min("approved_at"))
                .values("first")
            ),
        )
        .only("pk", "uuid", "account_id", "year", "created_at")
        .order_by("account_id", "-year")
    )
    found = []
    for plan in plans:
        basis, since = _since(plan)
        days = (on - since).days
        if days <= thresholds.review_overdue_days:
            continue
        severity = (
            AlertSeverity.HIGH
            if days > 2 * thresholds.review_overdue_days
            else AlertSeverity.MEDIUM
        )
        params = {"year": plan.year, "basis": basis, "since": since.isoformat(), "days": days,
                  "threshold": thresholds.review_overdue_days}  # fmt: skip
        found.append(
            Finding(plan.account_id, f"review:{plan.year}", severity, params, "reviews:list",
                    {"account_uuid": uuids[plan.account_id], "plan_uuid": str(plan.uuid)},
                    "plan", plan.uuid)
        )  # fmt: skip
    return found


def describe_plan_not_reviewed(params: dict[str, Any]) -> str:
    if params.get("basis") == "review":
        text = _("The {year} plan has not been reviewed for {days} days: last review on {since}.")
    elif params.get("basis") == "approval":
        text = _("The {year} plan has never been reviewed: approved {days} days ago, on {since}.")
    else:
        text = _("The {year} plan has never been reviewed: created {days} days ago, on {since}.")
    return text.format(**{key: params[key] for key in ("year", "days", "since")})


RULES: tuple[Rule, ...] = (
    Rule("plan_not_approved", gettext_lazy("Plan not approved"), plan_not_approved,
         describe_plan_not_approved),
    Rule("objective_off_track", gettext_lazy("Objective off track"), objective_off_track,
         describe_objective_off_track),
    Rule("relationship_cooling", gettext_lazy("Relationship cooling"), relationship_cooling,
         describe_relationship_cooling),
    Rule("red_flag", gettext_lazy("Power-map red flag"), red_flag, describe_red_flag),
    Rule("overdue_actions", gettext_lazy("Overdue action items"), overdue_actions,
         describe_overdue_actions),
    Rule("plan_not_reviewed", gettext_lazy("Plan not reviewed"), plan_not_reviewed,
         describe_plan_not_reviewed),
)  # fmt: skip

"""Demo annual plans (issue 13, T13 《大客户关系提升年度规划书》): each account of manager.li has
a 2026 plan with three objectives (share of wallet, the organisation score, calendar
compliance; linked to the gaps they close when the records show them), a strategy, a budget
line and a risk, approved by the director as version 1; then a draft change raises the share-
of-wallet target. Before it, a 2025 plan with the same objectives, approved and reviewed at the
year's end (回顾); after it, the 2026 plan's second- and third-quarter reviews, the third one
agreeing a corrective action — except the last active account's plan, reviewed in the second quarter
only, so the alert centre shows a plan not reviewed for months. kam.workspace.demo_cycle varies
the 2025 plans for the cycle wheel's 2025 story. Written through the services, after every
tool's records are seeded."""

from collections import Counter
from datetime import date
from decimal import Decimal

from kam.accounts.choices import AccountStatus
from kam.accounts.models import Account
from kam.engagement.choices import TacticTier
from kam.plans.gaps import plan_gaps
from kam.plans.models import AccountPlan, Objective
from kam.plans.services import (
    ObjectiveInput,
    StrategyInput,
    budget_line_create,
    objective_create,
    objective_update,
    plan_approve,
    plan_create,
    risk_create,
    strategy_create,
)
from kam.reviews.choices import ReviewKind
from kam.reviews.services import CorrectiveActionInput, review_record
from kam.users.models import User
from kam.workspace.demo_cycle import (
    has_year_end_review,
    past_baseline_on,
    seed_past_calendar,
    seed_past_letter,
    year_end_action,
)

YEAR = 2026
PAST_YEAR = 2025
# kind, review date, PDCA phase, findings, corrective action (description, due date) or None
ReviewSpec = tuple[str, date, str, str, tuple[str, date] | None]
REVIEWS: dict[int, list[ReviewSpec]] = {
    PAST_YEAR: [
        ("year_end", date(2025, 12, 31), "act",
         "全年份额提升不及预期；组织关系得分稳定。明年重点：高层互访与方案联合。", None),
    ],
    YEAR: [
        ("quarterly", date(2026, 6, 30), "check",
         "上半年日历执行率偏低，部分高层会议推迟；份额与去年持平。", None),
        ("quarterly", date(2026, 9, 30), "act",
         "三季度高层互访恢复，组织关系得分提升；份额仍低于目标。",
         ("四季度安排一次高层战略会，推动框架协议续签", date(2026, 12, 31))),
    ],
}  # fmt: skip
PLANNER = "manager.li"
# metric, kind, target, weight, comparison basis, frequency, the gap it closes
OBJECTIVES = [
    ("share_of_wallet", "result", Decimal("45"), Decimal("40"), "competitor", "quarterly",
     "sow_headroom"),
    ("org_total", "result", Decimal("70"), Decimal("30"), "self_past", "yearly", "org_dimension"),
    ("calendar_compliance", "process", Decimal("90"), Decimal("30"), "absolute", "monthly", ""),
]  # fmt: skip


def _objectives(actor: User, plan: AccountPlan, account: Account) -> list[Objective]:
    keys = [gap.key for gap in plan_gaps(account=account)]
    made = []
    for code, kind, target, weight, basis, frequency, gap in OBJECTIVES:
        linked = next((key for key in keys if gap and key.startswith(gap)), "")
        plan.refresh_from_db()
        made.append(
            objective_create(
                actor=actor,
                plan=plan,
                data=ObjectiveInput(
                    kind=kind,
                    metric_code=code,
                    target=target,
                    weight=weight,
                    comparison_basis=basis,
                    owner=actor,
                    frequency=frequency,
                    gap_key=linked,
                ),
                expected_version=plan.version,
            )  # fmt: skip
        )
    return made


def _lists(actor: User, plan: AccountPlan) -> None:
    plan.refresh_from_db()
    strategy_create(
        actor=actor, plan=plan,
        data=StrategyInput("与客户共同制定年度技术路线，争取进入集团战略供应商名录。",
                           TacticTier.STRATEGIC),
        expected_version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    budget_line_create(
        actor=actor, plan=plan, description="年度技术交流会", amount=Decimal("80000"),
        currency="CNY", expected_version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    risk_create(
        actor=actor, plan=plan, description="竞争对手低价抢标", probability="medium",
        impact="high", mitigation="提前锁定框架协议，突出全生命周期成本。",
        expected_version=plan.version,
    )  # fmt: skip


def _reviews(actor: User, plan: AccountPlan, *, count: int | None = None) -> int:
    made = 0
    for kind, review_on, phase, findings, planned_action in REVIEWS[plan.year][:count]:
        action = planned_action
        if kind == ReviewKind.YEAR_END:
            if not has_year_end_review(plan.account):
                continue
            action = year_end_action(plan.account)
        actions = [CorrectiveActionInput(action[0], actor, action[1])] if action else []
        review_record(
            actor=actor, plan=plan, kind=kind, review_on=review_on, findings=findings,
            phase=phase, corrective_actions=actions,
        )  # fmt: skip
        made += 1
    return made


def _past_plan(planner: User, director: User, account: Account, counts: Counter[str]) -> None:
    """Last year's plan, approved on its objectives, carried out (for the accounts of the
    wheel's 2025 story, kam.workspace.demo_cycle) and reviewed at the year's end."""
    counts.update(seed_past_calendar(planner=planner, account=account))
    plan = plan_create(
        actor=planner, account=account, year=PAST_YEAR, baseline_on=past_baseline_on(account)
    )
    _objectives(planner, plan, account)
    plan.refresh_from_db()
    plan_approve(actor=director, plan=plan, expected_version=plan.version)
    plan.refresh_from_db()
    counts.update(seed_past_letter(planner=planner, director=director, plan=plan))
    counts["plan reviews"] += _reviews(planner, plan)


def seed_plans(*, accounts: list[Account]) -> dict[str, int]:
    planner = User.objects.get(username=PLANNER)
    director = User.objects.get(username="director")
    counts: Counter[str] = Counter()
    mine = [account for account in accounts if account.owner_id == planner.pk]
    # The last active one's third-quarter review is still to be done (the alerts watch active
    # accounts only).
    active = [account for account in mine if account.status == AccountStatus.ACTIVE]
    lagging = active[-1] if active else None
    for account in mine:
        _past_plan(planner, director, account, counts)
        plan = plan_create(actor=planner, account=account, year=YEAR)
        objectives = _objectives(planner, plan, account)
        _lists(planner, plan)
        plan.refresh_from_db()
        plan_approve(actor=director, plan=plan, expected_version=plan.version)
        plan.refresh_from_db()
        first = objectives[0]
        code, kind, _target, weight, basis, frequency, _gap = OBJECTIVES[0]
        objective_update(
            actor=planner, objective=first,
            data=ObjectiveInput(kind=kind, metric_code=code, target=Decimal("50"), weight=weight,
                                comparison_basis=basis, owner=planner, frequency=frequency,
                                gap_key=first.gap_key),
            expected_version=plan.version,
        )  # fmt: skip
        plan.refresh_from_db()
        counts["plan reviews"] += _reviews(planner, plan, count=1 if account == lagging else None)
        counts["annual plans"] += 2
    return {
        "annual plans": counts["annual plans"],
        "plan reviews": counts["plan reviews"],
        "letters signed for 2025": counts["letters"],
        "calendar entries in 2025": counts["entries"],
        "calendar entries in 2025 held": counts["held"],
    }

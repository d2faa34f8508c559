"""Demo annual plans (issue 13, T13 《大客户关系提升年度规划书》): each account of manager.li has
a 2026 plan with three objectives (share of wallet, the organisation score, calendar
compliance; linked to the gaps they close when the records show them), a strategy, a budget
line and a risk, approved by the director as version 1; then a draft change raises the share-
of-wallet target. Written through the services, after every tool's records are seeded."""

from decimal import Decimal

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
from kam.users.models import User

YEAR = 2026
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


def seed_plans(*, accounts: list[Account]) -> dict[str, int]:
    planner = User.objects.get(username=PLANNER)
    director = User.objects.get(username="director")
    planned = 0
    for account in accounts:
        if account.owner_id != planner.pk:
            continue
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
        planned += 1
    return {"annual plans": planned}

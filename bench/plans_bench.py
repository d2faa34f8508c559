"""Annual plans (T13) for the latency benchmark (issue 13): a 2026 plan on the measured
account of the 2,000-account data set with 12 objectives, 12 strategies, budget lines, risks,
the quarterly review dates and 8 approved versions, so its page reads every section (current
state, gaps, calendar, matrix) over the account's full records.

Call after django.setup() on the bench database:

    from plans_bench import add_plans_data, targets
    add_plans_data(account)                  # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail).
"""

from datetime import date
from decimal import Decimal

OBJECTIVES = 12
VERSIONS = 8
METRICS = ["share_of_wallet", "org_total", "calendar_compliance", "coverage_rate"]


def add_plans_data(account: object) -> int:
    """One plan of this year with its lists and approved versions on the measured account."""
    from django.utils import timezone

    from kam.plans.models import (
        AccountPlan,
        BudgetLine,
        Objective,
        PlanVersion,
        ReviewDate,
        Risk,
        Strategy,
    )

    year = timezone.localdate().year
    if AccountPlan.objects.filter(account_id=account.pk, year=year).exists():
        return 0
    owner = account.owner
    plan = AccountPlan.objects.create(
        account_id=account.pk, year=year, baseline_on=date(year, 1, 1), version=VERSIONS + 1,
        approved_version=VERSIONS, created_by=owner,
    )  # fmt: skip
    rows: list = [
        Objective(plan=plan, kind="result", metric_code=METRICS[index % len(METRICS)],
                  baseline=Decimal(index), target=Decimal(50 + index),
                  weight=Decimal(100) / OBJECTIVES, comparison_basis="self_past", owner=owner,
                  frequency="quarterly")
        for index in range(OBJECTIVES)
    ]  # fmt: skip
    Objective.objects.bulk_create(rows)
    Strategy.objects.bulk_create(
        [
            Strategy(plan=plan, description=f"策略{index}", tactic_tier="product")
            for index in range(OBJECTIVES)
        ]  # fmt: skip
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(plan=plan, description=f"预算{index}", amount=Decimal(10000))
            for index in range(6)
        ]
    )
    Risk.objects.bulk_create(
        [
            Risk(plan=plan, description=f"风险{index}", probability="medium", impact="high")
            for index in range(6)
        ]  # fmt: skip
    )
    ReviewDate.objects.bulk_create(
        [ReviewDate(plan=plan, review_on=date(year, month, 28)) for month in (3, 6, 9, 12)]
    )
    PlanVersion.objects.bulk_create(
        [
            PlanVersion(
                plan=plan,
                number=number,
                snapshot={"objectives": [], "gaps": []},
                approved_by=owner,
                approved_at=timezone.now(),
            )
            for number in range(1, VERSIONS + 1)
        ]  # fmt: skip
    )
    return 1 + OBJECTIVES * 2 + 6 + 6 + 4 + VERSIONS


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse
    from django.utils import timezone

    from kam.plans.models import AccountPlan

    uuid = str(account.uuid)
    plan = AccountPlan.objects.filter(account_id=account.pk).order_by("-year").first()
    rows = [("Annual plans page (account)", reverse("plans:account", args=[uuid]))]
    if plan is not None:
        year = timezone.localdate().year
        rows += [
            ("Annual plan page", reverse("plans:plan", args=[uuid, plan.uuid])),
            ("Annual plan current state", reverse("plans:state", args=[uuid, plan.uuid])),
            ("Annual plan gaps API", reverse("api:api_plans_gaps", args=[uuid, year])),
        ]
    return rows

"""A plan with one of everything, for the route walkers (access and i18n)."""

from datetime import date
from decimal import Decimal

from kam.plans.services import (
    ObjectiveInput,
    StrategyInput,
    budget_line_create,
    objective_create,
    plan_approve,
    plan_create,
    risk_create,
    strategy_create,
)
from tests.factories import UserFactory


def plan_objects(owner: object, account: object, year: int = 2026) -> dict[str, object]:
    """An approved plan (version 1) with a draft change after it: an objective, a strategy, a
    budget line and a risk. Returns the walkers' keys."""
    plan = plan_create(actor=owner, account=account, year=year)
    objective = objective_create(
        actor=owner, plan=plan,
        data=ObjectiveInput(kind="result", metric_code="share_of_wallet", target=Decimal("35"),
                            weight=Decimal("100"), comparison_basis="competitor", owner=owner,
                            frequency="quarterly"),
        expected_version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    director = UserFactory(role="director")
    version = plan_approve(actor=director, plan=plan, expected_version=plan.version)
    plan.refresh_from_db()
    strategy_create(actor=owner, plan=plan, data=StrategyInput("高层互访", "strategic"),
                    expected_version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    budget_line_create(actor=owner, plan=plan, description="技术交流会", amount=Decimal("50000"),
                       currency="CNY", expected_version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    risk = risk_create(actor=owner, plan=plan, description="竞品降价", probability="high",
                       impact="medium", mitigation="提前锁定框架协议",
                       expected_version=plan.version)  # fmt: skip
    assert plan.review_dates.filter(review_on=date(year, 3, 31)).exists()
    return {
        "plan_uuid": plan.uuid,
        "objective_uuid": objective.uuid,
        "item_uuid": risk.uuid,
        "version_uuid": version.uuid,
        "plan_year": year,
        "version_number": version.number,
    }

"""Fixtures of the letter tests: a plan whose owner owns a manual objective (gross margin, no
data source yet) and a computed one (executive meetings, the catalogue's source)."""

from decimal import Decimal

import pytest

from kam.plans.models import AccountPlan
from kam.plans.services import ObjectiveInput, objective_create, plan_create


def add_objective(actor: object, plan: AccountPlan, **values: object) -> object:
    fields: dict[str, object] = {
        "kind": "result", "metric_code": "gross_margin", "target": Decimal("25"),
        "weight": Decimal("30"), "comparison_basis": "self_past", "owner": actor,
        "frequency": "quarterly", "baseline": Decimal("20"),
    }  # fmt: skip
    fields.update(values)
    plan.refresh_from_db()
    return objective_create(
        actor=actor, plan=plan, data=ObjectiveInput(**fields), expected_version=plan.version
    )


@pytest.fixture
def plan(owner: object, account: object) -> AccountPlan:
    """2026: gross margin (manual, baseline 20 → 25, weight 30, no data source) and executive
    meetings (process, baseline 0 → 4, weight 30) owned by `owner`."""
    made = plan_create(actor=owner, account=account, year=2026)
    add_objective(owner, made)
    add_objective(
        owner, made, kind="process", metric_code="executive_meetings", target=Decimal("4"),
        baseline=None,
    )  # fmt: skip
    made.refresh_from_db()
    return made

"""Fixtures of the PDCA tests: an account whose KPIs can be measured, and cycles made through
the services as the account owner."""

from collections.abc import Callable

import pytest

from kam.broad.models import CoverageTarget
from kam.pdca.models import PdcaCycle
from kam.pdca.services import PdcaCycleInput, pdca_cycle_advance, pdca_cycle_create
from tests.factories import ContactFactory

PERIOD = "2026-Q4"


@pytest.fixture
def measurable(account: object) -> object:
    """The account classified (strategic targets) with one target cell covered by a supporter."""
    account.category = "strategic"
    account.save(update_fields=["category"])
    CoverageTarget.objects.create(account=account, function="procurement", level="middle")
    ContactFactory(
        account=account, function="procurement", seniority="middle", coverage="multiple", support=2
    )
    return account


@pytest.fixture
def make_cycle(owner: object, account: object) -> Callable[..., PdcaCycle]:
    def _make(*, doing: bool = False, **values: object) -> PdcaCycle:
        fields: dict[str, object] = {
            "cadence": "quarterly",
            "period": PERIOD,
            "focus_kpis": ["coverage_rate", "supporter_share"],
            "planned_actions": "拜访采购部中层；举办技术交流会",
        }
        fields.update(values)
        cycle = pdca_cycle_create(actor=owner, account=account, cycle=PdcaCycleInput(**fields))  # type: ignore[arg-type]
        if doing:
            cycle = pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=cycle.version)
        return cycle

    return _make

"""The approved plan's targets feed the tools (T13 → T2, T4, T7/T8, T12; spec §7.3): one
selector, one query; the relationship page's target step and radar, the value ladder's tier
targets and the power map's key-person targets say "target from the <year> plan"; a draft's
targets feed nothing until approved."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kam.metrics.targets import planned_targets
from kam.plans.models import AccountPlan
from kam.plans.selectors import plan_targets
from kam.plans.services import plan_approve
from kam.plans.tests.conftest import add_objective
from kam.value.services import ValueInput, value_ladder_submit

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]
YEAR = timezone.localdate().year
VALUE_CODES = ["product", "service", "solution", "process_cost", "financial", "brand_market",
               "relationship_capability", "strategic"]  # fmt: skip


def _approved(owner: object, director: object, make_plan: MakePlan) -> AccountPlan:
    """This year's plan approved with a target for the T2 step, the T4 total, the key persons
    and the value ladder's product tier (weights 40 + 20 + 10 + 10 + 20)."""
    plan = make_plan(YEAR)
    for code, target, weight in (("coordinate_step", "4", "40"), ("org_total", "75", "20"),
                                 ("key_person_index", "65", "10"),
                                 ("key_persons_at_target", "3", "10"),
                                 ("value_product_tier", "90", "20")):  # fmt: skip
        add_objective(owner, plan, metric_code=code, target=Decimal(target), weight=Decimal(weight))
    plan.refresh_from_db()
    plan_approve(actor=director, plan=plan, expected_version=plan.version)
    return plan


def test_it_reads_the_approved_targets_in_one_query_and_ignores_a_draft(
    owner: object, director: object, account: object, make_plan: MakePlan
) -> None:
    plan = make_plan(YEAR)
    add_objective(owner, plan, metric_code="coordinate_step", target=Decimal("4"),
                  weight=Decimal("100"))  # fmt: skip
    assert plan_targets(account, YEAR) == {}  # a draft feeds nothing
    plan.refresh_from_db()
    plan_approve(actor=director, plan=plan, expected_version=plan.version)
    with CaptureQueriesContext(connection) as captured:
        targets = plan_targets(account, YEAR)
    assert (targets, len(captured.captured_queries)) == ({"coordinate_step": Decimal("4")}, 1)
    assert planned_targets(account=account, year=YEAR).values == {"coordinate_step": Decimal("4")}
    assert planned_targets(account=account, year=YEAR - 1).values == {}


def test_it_shows_the_plans_target_step_and_t4_target_on_the_relationship_page(
    client_for: ClientFor, owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    url = reverse("relationship:account", args=[gappy.uuid])
    before = client_for(owner).get(url).content.decode()
    assert "Target step: set in the annual plan (not recorded yet)." in before
    _approved(owner, director, make_plan)
    response = client_for(owner).get(url)
    html = response.content.decode()
    label = f"target from the {YEAR} plan"
    assert "Target step: set in the annual plan (not recorded yet)." not in html
    step = response.context["ladder"][3]
    assert (step["height"], step["is_target"]) == (4, True)
    assert f'<strong>{step["label"]}</strong> <small class="muted">({label})</small>' in html
    series = response.context["radar_option"]["series"][0]["data"]
    assert (series[-1]["name"], series[-1]["value"]) == (f"Target ({label})", [75.0] * 4)


def test_it_takes_the_plans_tier_target_on_the_value_ladder(
    client_for: ClientFor, owner: object, director: object, account: object, make_plan: MakePlan
) -> None:
    value_ladder_submit(
        actor=owner, account=account,
        data=ValueInput(period=str(YEAR), assessed_on=timezone.localdate(),
                        current=dict(zip(VALUE_CODES, [4, 3, 3, 2, 2, 1, 1, 0], strict=True)),
                        target=dict(zip(VALUE_CODES, [5, 4, 4, 3, 3, 3, 2, 2], strict=True))),
    )  # fmt: skip
    _approved(owner, director, make_plan)
    response = client_for(owner).get(reverse("value:account", args=[account.uuid]))
    rows = response.context["tier_rows"]
    assert [(row["target"], row["is_planned"]) for row in rows] == [
        (90.0, True), (rows[1]["target"], False), (rows[2]["target"], False),
    ]  # fmt: skip
    html = response.content.decode()
    assert html.count('data-testid="value-target-from-plan"') == 1
    assert f"(target from the {YEAR} plan)" in html
    bar = response.context["ladder_option"]["series"][1]["data"]
    assert bar[0] == round(90.0 - rows[0]["score"], 1)


def test_it_shows_the_plans_key_person_targets_with_the_figures(
    client_for: ClientFor, owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    _approved(owner, director, make_plan)
    for name in ("powermap:account", "powermap:table"):
        html = client_for(owner).get(reverse(name, args=[gappy.uuid])).content.decode()
        assert f'data-testid="planned-index">Target 65 (target from the {YEAR} plan)' in html
        assert (f'data-testid="planned-at-target">Target: 3 key persons at their target level '
                f"(target from the {YEAR} plan)") in html  # fmt: skip


def test_it_keeps_the_figures_without_a_plan_target(
    client_for: ClientFor, owner: object, gappy: object
) -> None:
    html = client_for(owner).get(reverse("powermap:account", args=[gappy.uuid])).content.decode()
    assert 'data-testid="planned-index"' not in html
    assert 'data-testid="planned-at-target"' not in html

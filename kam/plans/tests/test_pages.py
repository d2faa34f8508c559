"""Plan pages: empty states, a plan opened, a gap turned into an objective, errors next to
fields with nothing lost, a stale form refused, approval by a director only, versions and
their diff, access (outsider 404, viewer 403, nothing changed) and constant query counts."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kam.broad.services import raci_row_create
from kam.plans.models import AccountPlan, Objective, PlanVersion, Risk
from kam.plans.services import StrategyInput, plan_approve, strategy_create
from kam.plans.tests.conftest import add_objective
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]


def _url(plan: AccountPlan, name: str = "plans:plan", *extra: object) -> str:
    return reverse(name, args=[plan.account.uuid, plan.uuid, *extra])


def test_it_says_what_to_do_without_a_plan_and_opens_one(
    client_for: ClientFor, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("plans:account", args=[account.uuid])
    assert 'data-testid="plans-empty"' in client.get(url).content.decode()
    response = client.post(url, {"year": "2026"})
    plan = AccountPlan.objects.get(account=account)
    assert response.status_code == 302 and response["Location"] == _url(plan)
    assert [item.review_on.isoformat() for item in plan.review_dates.all()] == [
        "2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31",
    ]  # fmt: skip
    again = client.post(url, {"year": "2026"})
    assert again.status_code == 400
    assert "This account already has a plan for that year." in again.content.decode()


def test_it_shows_the_sections_with_gaps_each_one_click_from_an_objective(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    page = client_for(owner).get(_url(plan)).content.decode()
    assert page.count('data-testid="plan-gap"') == 10
    assert f"{_url(plan, 'plans:objective_new')}?gap=sow_headroom" in page
    assert 'data-testid="plan-last-year-empty"' in page
    assert 'data-testid="plan-objectives-empty"' in page
    form = client_for(owner).get(f"{_url(plan, 'plans:objective_new')}?gap=sow_headroom")
    fields = form.context["form"].initial
    assert (fields["metric_code"], fields["kind"], fields["target"], fields["gap_key"]) == (
        "share_of_wallet", "result", Decimal("50.0"), "sow_headroom",
    )  # fmt: skip


def _objective_post(plan: AccountPlan, owner: object, **values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": plan.version, "kind": "result", "metric_code": "share_of_wallet",
        "target": "35", "weight": "60", "comparison_basis": "competitor", "owner": owner.pk,
        "frequency": "quarterly", "gap_key": "sow_headroom",
    }  # fmt: skip
    data.update(values)
    return data


def test_it_saves_an_objective_and_keeps_the_input_on_an_error(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    url = _url(plan, "plans:objective_new")
    assert client.post(url, _objective_post(plan, owner)).status_code == 302
    plan.refresh_from_db()
    refused = client.post(url, _objective_post(plan, owner, weight="50", target="77"))
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "weight": ["The weights would add up to 110: at most 100."]
    }
    assert 'value="77"' in refused.content.decode()
    objective = Objective.objects.get()
    assert (objective.baseline, objective.target, objective.weight) == (
        Decimal("20"), Decimal("35"), Decimal("60"),
    )  # fmt: skip


def test_it_refuses_a_stale_form_with_a_clear_message(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    seen = plan.version
    add_objective(owner, plan, weight=Decimal("10"))
    before = database_fingerprint()
    data = {"risk-version": seen, "risk-description": "竞品降价", "risk-probability": "high",
            "risk-impact": "high"}  # fmt: skip
    response = client_for(owner).post(_url(plan, "plans:risk_add"), data)
    assert response.status_code == 400
    assert "Someone else changed this plan after you opened it." in response.content.decode()
    assert database_fingerprint() == before and Risk.objects.count() == 0


def test_it_lets_a_director_approve_and_shows_the_diff(
    client_for: ClientFor, owner: object, director: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("100"))
    plan.refresh_from_db()
    member = client_for(owner)
    assert 'data-testid="plan-approve"' not in member.get(_url(plan)).content.decode()
    before = database_fingerprint()
    assert member.post(_url(plan, "plans:approve"), {"version": plan.version}).status_code == 403
    assert database_fingerprint() == before
    boss = client_for(director)
    assert boss.post(_url(plan, "plans:approve"), {"version": plan.version}).status_code == 302
    plan.refresh_from_db()
    strategy_create(actor=owner, plan=plan, data=StrategyInput("高层互访", "strategic"),
                    expected_version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    plan_approve(actor=director, plan=plan, expected_version=plan.version)
    versions = boss.get(_url(plan, "plans:versions") + "?a=1&b=2").content.decode()
    assert 'data-testid="plan-diff"' in versions and "+ 高层互访" in versions
    first = PlanVersion.objects.get(number=1)
    page = boss.get(_url(plan, "plans:version", first.uuid))
    assert page.status_code == 200 and "Share of wallet" in page.content.decode()


def test_it_refuses_outsiders_and_viewers_and_changes_nothing(
    client_for: ClientFor, owner: object, outsider: object, viewer: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    before = database_fingerprint()
    assert client_for(outsider).get(_url(plan)).status_code == 404
    reader = client_for(viewer)
    assert reader.get(_url(plan)).status_code == 200
    data = _objective_post(plan, owner)
    assert reader.post(_url(plan, "plans:objective_new"), data).status_code == 403
    assert reader.post(_url(plan, "plans:approve"), {"version": plan.version}).status_code == 403
    assert database_fingerprint() == before


def _grow(owner: object, account: object, plan: AccountPlan, start: int, count: int) -> None:
    for index in range(start, start + count):
        ContactFactory(account=account, name=f"联系人{index}", is_key_person=True)
        raci_row_create(actor=owner, account=account, touchpoint=f"触点{index}")
        plan.refresh_from_db()
        strategy_create(actor=owner, plan=plan, data=StrategyInput(f"策略{index}", "product"),
                        expected_version=plan.version)  # fmt: skip
        add_objective(owner, plan, weight=Decimal("5"), metric_code="org_total")


def test_it_reads_the_plan_page_in_constant_queries(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    _grow(owner, gappy, plan, 0, 1)
    few = count_queries(lambda: client.get(_url(plan)))
    _grow(owner, gappy, plan, 1, 6)
    assert count_queries(lambda: client.get(_url(plan))) == few

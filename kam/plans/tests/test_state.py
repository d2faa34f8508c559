"""Section 3 (current state and top needs) loads after the plan page (htmx) or as a page of its
own without JavaScript; same access rules; constant queries."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from kam.plans.models import AccountPlan
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]


def _state_url(plan: AccountPlan) -> str:
    return reverse("plans:state", args=[plan.account.uuid, plan.uuid])


def test_it_loads_the_current_state_after_the_page_with_a_link_without_javascript(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    page = client.get(reverse("plans:plan", args=[gappy.uuid, plan.uuid])).content.decode()
    url = _state_url(plan)
    assert f'hx-get="{url}" hx-trigger="load"' in page
    assert f'<a href="{url}">Show the current state and the top needs</a>' in page
    assert 'data-testid="plan-state-body"' not in page
    partial = client.get(url, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert html.startswith('<div data-testid="plan-state-body">') and "<html" not in html
    rows = {row.definition.code: row.value.value for row in partial.context["state"]}
    # Share of wallet 200,000 of 1,000,000; T4 total: matching 20, the three others 80.
    assert (rows["share_of_wallet"], round(rows["org_total"], 6)) == (20, 65)
    full = client.get(url).content.decode()
    assert "<html" in full and 'data-testid="plan-state-body"' in full


def test_it_hides_the_state_from_outsiders_and_shows_it_to_viewers(
    client_for: ClientFor, outsider: object, viewer: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    before = database_fingerprint()
    assert client_for(outsider).get(_state_url(plan)).status_code == 404
    assert client_for(viewer).get(_state_url(plan)).status_code == 200
    assert database_fingerprint() == before


def test_it_reads_the_state_in_constant_queries(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    ContactFactory(account=gappy, name="关键人", is_key_person=True, influence=5)

    def read() -> object:
        return client.get(_state_url(plan), headers={"HX-Request": "true"})

    few = count_queries(read)
    for index in range(6):
        ContactFactory(account=gappy, name=f"关键人{index}", is_key_person=True, influence=5)
    assert count_queries(read) == few


def test_it_heads_the_state_table_and_the_dimension_gap_in_a_managers_chinese(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    client.post(reverse("users:language"), {"language": "zh-hans"})
    state = client.get(_state_url(plan), headers={"HX-Request": "true"}).content.decode()
    # the metric's value (数值), not an amount of money (金额)
    assert '<th scope="col" class="number">数值</th>' in state
    assert "金额" not in state
    page = client.get(reverse("plans:plan", args=[gappy.uuid, plan.uuid])).content.decode()
    # a T4 dimension (维度), not a latitude (纬度)
    assert "<strong>组织关系层级维度低于目标</strong>" in page
    assert "纬度" not in page

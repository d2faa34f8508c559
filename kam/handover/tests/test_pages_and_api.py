"""Handover pages and API: who sees and confirms, the badge, and constant query counts."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.accounts.services import account_update
from kam.handover.models import Handover, HandoverConfirmation
from kam.handover.tests.objects import key_person, rate_ladder
from kam.letters.tests.conftest import add_objective
from kam.plans.services import plan_create
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, TeamMembershipFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def handover(owner: object, account: object, successor: object, rated: dict) -> Handover:
    account_update(actor=owner, account=account, data={"owner": successor})
    return Handover.objects.get()


def _confirm(
    client: object, handover: Handover, contact: object, item: str = "power_map"
) -> object:
    url = reverse("handover:confirm", args=[handover.uuid])
    return client.post(url, {"contact": str(contact.uuid), "item": item})


def test_it_lists_my_handovers_and_shows_the_checklist(
    client_for: object, successor: object, handover: Handover
) -> None:
    client = client_for(successor)
    html = client.get(reverse("handover:mine")).content.decode()
    assert html.count('data-testid="handover-row"') == 1
    assert "0 / 4" in html
    page = client.get(reverse("handover:detail", args=[handover.uuid])).content.decode()
    assert page.count('data-testid="handover-item"') == 4
    assert page.count('data-testid="handover-confirm"') == 2
    assert reverse("ladder:assess", args=[handover.persons.first().contact.uuid]) in page


def test_it_shows_the_empty_states(client_for: object, owner: object, account: object) -> None:
    client = client_for(owner)
    assert 'data-testid="handover-empty"' in client.get(reverse("handover:mine")).content.decode()
    html = client.get(reverse("handover:account", args=[account.uuid])).content.decode()
    assert 'data-testid="handover-empty"' in html


def test_it_confirms_an_item_for_the_new_owner(
    client_for: object, successor: object, handover: Handover, rated: dict
) -> None:
    response = _confirm(client_for(successor), handover, rated["first"])
    assert response.status_code == 302
    assert HandoverConfirmation.objects.filter(person__contact=rated["first"]).count() == 1


def test_it_refuses_bad_input_with_400_and_changes_nothing(
    client_for: object, successor: object, handover: Handover, rated: dict, contact: object
) -> None:
    client = client_for(successor)
    before = database_fingerprint()
    assert _confirm(client, handover, rated["first"], "ladder").status_code == 400
    assert _confirm(client, handover, contact).status_code == 400  # not handed over
    response = client.post(reverse("handover:confirm", args=[handover.uuid]), {"item": "x"})
    assert response.status_code == 400
    assert "Choose an item of the checklist." in response.content.decode()
    assert database_fingerprint() == before


def test_it_answers_404_to_an_outsider_and_changes_nothing(
    client_for: object, outsider: object, handover: Handover, rated: dict
) -> None:
    client = client_for(outsider)
    before = database_fingerprint()
    assert client.get(reverse("handover:detail", args=[handover.uuid])).status_code == 404
    assert _confirm(client, handover, rated["first"]).status_code == 404
    api = f"/api/v1/handovers/{handover.uuid}"
    assert client.get(api).status_code == 404
    body = {"contact_id": str(rated["first"].uuid), "item": "power_map"}
    response = client.post(f"{api}/confirm", json.dumps(body), content_type="application/json")
    assert response.status_code == 404
    assert client.get("/api/v1/handovers").json()["count"] == 0
    assert database_fingerprint() == before


def test_it_lets_a_viewer_read_but_not_confirm(
    client_for: object, viewer: object, teammate: object, handover: Handover, rated: dict
) -> None:
    before = database_fingerprint()
    client = client_for(viewer)
    page = client.get(reverse("handover:detail", args=[handover.uuid])).content.decode()
    assert 'data-testid="handover-confirm"' not in page
    assert _confirm(client, handover, rated["first"]).status_code == 403
    body = {"contact_id": str(rated["first"].uuid), "item": "power_map"}
    url = f"/api/v1/handovers/{handover.uuid}/confirm"
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    # a teammate who is not the new owner may not confirm either
    assert _confirm(client_for(teammate), handover, rated["first"]).status_code == 403
    assert database_fingerprint() == before


def test_it_serves_the_api(
    client_for: object, successor: object, handover: Handover, rated: dict
) -> None:
    client = client_for(successor)
    listed = client.get("/api/v1/handovers").json()
    assert (listed["count"], listed["items"][0]["total_count"]) == (1, 4)
    detail = client.get(f"/api/v1/handovers/{handover.uuid}").json()
    assert [(item["contact_name"], item["code"], item["status"]) for item in detail["items"]] == [
        ("李总", "ladder", "pending"), ("王总", "ladder", "pending"),
        ("李总", "power_map", "pending"), ("王总", "power_map", "pending"),
    ]  # fmt: skip
    body = {"contact_id": str(rated["first"].uuid), "item": "power_map"}
    url = f"/api/v1/handovers/{handover.uuid}/confirm"
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert (response.status_code, response.json()["done_count"]) == (200, 1)
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_confirmed")
    bad = client.post(url, json.dumps({"item": "power_map"}), content_type="application/json")
    assert bad.status_code == 422


def test_it_shows_the_badge_until_the_new_owner_re_rates(
    client_for: object, successor: object, handover: Handover, rated: dict, account: object
) -> None:
    client = client_for(successor)
    ladder_url = reverse("ladder:contact", args=[rated["first"].uuid])
    table_url = reverse("powermap:table", args=[account.uuid])
    assert 'data-testid="previous-owner-badge"' in client.get(ladder_url).content.decode()
    # two people × (ladder + power map)
    assert client.get(table_url).content.decode().count('data-testid="previous-owner-badge"') == 4
    rate_ladder(successor, rated["first"])
    assert 'data-testid="previous-owner-badge"' not in client.get(ladder_url).content.decode()
    assert client.get(table_url).content.decode().count('data-testid="previous-owner-badge"') == 3


def _more(account: object, owner: object, successor: object, count: int) -> None:
    """More key persons rated by the owner, handed over in a new handover each round."""
    for number in range(count):
        rate_ladder(owner, key_person(account, f"客户{number}"))
    account_update(actor=successor, account=account, data={"owner": owner})
    account_update(actor=owner, account=account, data={"owner": successor})


def test_it_keeps_the_query_counts_constant(
    client_for: object, owner: object, successor: object, handover: Handover, account: object,
    rated: dict,
) -> None:  # fmt: skip
    # the account has the year's plan, with an objective the successor owns (the letter item)
    plan = plan_create(actor=owner, account=account, year=timezone.localdate().year)
    add_objective(owner, plan, owner=successor, metric_code="executive_meetings", baseline=None)
    client = client_for(successor)
    urls = [
        reverse("handover:mine"),
        reverse("handover:account", args=[account.uuid]),
        reverse("handover:detail", args=[handover.uuid]),
        reverse("ladder:contact", args=[rated["first"].uuid]),
        reverse("powermap:table", args=[account.uuid]),
        "/api/v1/handovers",
        f"/api/v1/handovers/{handover.uuid}",
    ]
    for url in urls:  # warm the per-process caches (content types, settings) first
        client.get(url)
    few = [count_queries(lambda url=url: client.get(url)) for url in urls]
    _more(account, owner, successor, 4)
    latest = Handover.objects.filter(new_owner=successor).latest("created_at")
    urls[2] = reverse("handover:detail", args=[latest.uuid])
    urls[6] = f"/api/v1/handovers/{latest.uuid}"
    assert latest.persons.count() == 6
    many = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert many == few
    letters_url = reverse("letters:plan", args=[account.uuid, plan.uuid])
    assert f'href="{letters_url}"' in client.get(urls[2]).content.decode()


def test_it_shows_the_handovers_of_another_account_to_its_team_only(
    client_for: object, successor: object, handover: Handover
) -> None:
    other = AccountFactory(name="其他客户")
    TeamMembershipFactory(account=other, user=other.owner, team_role="account_manager")
    url = reverse("handover:account", args=[other.uuid])
    assert client_for(successor).get(url).status_code == 404

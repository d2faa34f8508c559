"""Strategic matching pages, the org score sheet hint and the API."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.api.versioning import etag
from kam.engagement.matching.services import (
    MatchingAdvanceInput,
    MatchingItemInput,
    matching_item_advance,
    matching_item_create,
)
from kam.engagement.models import MatchingItem
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _item(account: object, **fields: object) -> MatchingItem:
    defaults = {"domain": "production", "problem": "停机频繁"}
    return matching_item_create(
        actor=account.owner, account=account, item=MatchingItemInput(**{**defaults, **fields})
    )


def _proven(account: object) -> MatchingItem:
    item = _item(account, value_amount=Decimal("1000.00"))
    for stage in ["problem_confirmed", "help_agreed", "delivered"]:
        item = matching_item_advance(
            actor=account.owner, item=item, move=MatchingAdvanceInput(stage=stage)
        )
    return matching_item_advance(
        actor=account.owner,
        item=item,
        move=MatchingAdvanceInput(stage="value_proven", evidence="报告", is_signed_off=True),
    )


def test_it_shows_the_items_grouped_by_domain_with_the_charts(
    client_for: object, owner: object, account: object
) -> None:
    _item(account, domain="finance", problem="融资成本高")
    _proven(account)
    response = client_for(owner).get(reverse("engagement:matching", args=[account.uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "融资成本高" in body
    assert "Production &amp; operations" in body
    assert 'data-chart="matching-funnel"' in body
    assert 'data-chart="matching-value"' in body
    assert "1 proven, 0 delivered → suggested 1" in body


def test_it_adds_an_item_from_the_page(
    client_for: object, teammate: object, account: object, contact: object
) -> None:
    url = reverse("engagement:matching", args=[account.uuid])
    response = client_for(teammate).post(
        url,
        {
            "new-domain": "it_digital",
            "new-problem": "数据孤岛",
            "new-customer_owner": contact.pk,
            "new-currency": "CNY",
        },
    )
    assert response.status_code == 302
    item = MatchingItem.objects.get()
    assert (item.problem, item.customer_owner, item.stage) == ("数据孤岛", contact, "identified")


def test_it_shows_errors_next_to_the_fields_and_keeps_the_input(
    client_for: object, owner: object, account: object
) -> None:
    url = reverse("engagement:matching", args=[account.uuid])
    response = client_for(owner).post(
        url, {"new-domain": "nonsense", "new-problem": "我写的问题", "new-value_amount": "-5"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_new-domain_error"' in body
    assert 'id="id_new-value_amount_error"' in body
    assert "我写的问题" in body
    assert MatchingItem.objects.count() == 0


def test_it_refuses_a_contact_of_another_account_in_the_form(
    client_for: object, owner: object, account: object
) -> None:
    stranger = ContactFactory()
    response = client_for(owner).post(
        reverse("engagement:matching", args=[account.uuid]),
        {"new-domain": "finance", "new-problem": "x", "new-customer_owner": stranger.pk},
    )
    assert response.status_code == 400
    assert 'id="id_new-customer_owner_error"' in response.content.decode()
    assert MatchingItem.objects.count() == 0


def test_it_edits_and_advances_an_item(client_for: object, owner: object, account: object) -> None:
    item = _item(account)
    client = client_for(owner)
    url = reverse("engagement:matching_edit", args=[item.uuid])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "domain": "production",
            "problem": "停机频繁",
            "key_help": "预测性维护方案",
            "currency": "CNY",
            "version": item.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302
    response = client.post(url, {"advance": "1", "stage": "problem_confirmed"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.key_help, item.stage) == ("预测性维护方案", "problem_confirmed")
    # skipping a stage shows the message next to the stage field
    response = client.post(url, {"advance": "1", "stage": "value_proven"})
    assert response.status_code == 400
    assert "Move one stage at a time" in response.content.decode()


def test_it_hints_m_solution_on_the_org_score_sheet(
    client_for: object, owner: object, account: object
) -> None:
    _proven(account)
    client = client_for(owner)
    form = client.get(reverse("assessments:new", args=[account.uuid, "org_score_sheet"]))
    assert 'data-testid="solution-hint-slot"' in form.content.decode()
    url = reverse("engagement:solution_hint", args=[account.uuid])
    response = client.get(url, {"prefill": "1", "value__m_solution__0": ""})
    body = response.content.decode()
    assert "1 proven, 0 delivered → suggested 1" in body
    assert 'id="id_value__m_solution__0"' in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert '<option value="1" selected>' in body
    # an answered select is left alone
    response = client.get(url, {"prefill": "1", "value__m_solution__0": "4"})
    assert "hx-swap-oob" not in response.content.decode()


def test_it_keeps_the_matching_page_query_count_constant(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("engagement:matching", args=[account.uuid])
    _proven(account)
    small = count_queries(lambda: client.get(url))
    for index in range(8):
        _item(
            account,
            customer_owner=ContactFactory(account=account),
            domain=["finance", "hr_training"][index % 2],
        )
        _proven(account)
    assert count_queries(lambda: client.get(url)) == small


# --- API ---------------------------------------------------------------------------------------


def test_it_creates_lists_and_patches_items_through_the_api(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    response = client.post(
        f"/api/v1/accounts/{account.uuid}/matching-items",
        json.dumps(
            {
                "domain": "supply_chain",
                "problem": "交付周期长",
                "customer_owner_id": str(contact.uuid),
                "help_type": "expertise",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["stage"], created["customer_owner"]["name"]) == ("identified", "张伟")
    listing = client.get(f"/api/v1/accounts/{account.uuid}/matching-items").json()
    assert (listing["count"], listing["items"][0]["problem"]) == (1, "交付周期长")
    url = f"/api/v1/matching-items/{created['id']}"
    response = client.patch(
        url,
        json.dumps({"stage": "problem_confirmed"}),
        content_type="application/json",
        headers={"If-Match": client.get(url)["ETag"]},
    )
    assert response.json()["stage"] == "problem_confirmed"
    response = client.patch(
        url,
        json.dumps({"stage": "delivered"}),
        content_type="application/json",
        headers={"If-Match": response["ETag"]},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["stage"] == [
        "Move one stage at a time: next comes “Help agreed”."
    ]
    assert client.get(url).json()["stage"] == "problem_confirmed"


def test_it_rejects_bad_api_input_with_422(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/matching-items"
    bad = [
        {"domain": "nonsense", "problem": "x"},
        {"domain": "finance", "problem": ""},
        {"domain": "finance", "problem": "x", "value_amount": "-1"},
        {"domain": "finance", "problem": "x", "customer_owner_id": str(ContactFactory().uuid)},
    ]
    for payload in bad:
        response = client.post(url, json.dumps(payload), content_type="application/json")
        assert response.status_code == 422, (payload, response.content)
    assert MatchingItem.objects.count() == 0
    item = _item(account)
    response = client.patch(
        f"/api/v1/matching-items/{item.uuid}",
        json.dumps({"problem": None}),
        content_type="application/json",
        headers={"If-Match": etag(item.updated_at)},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "problem": ["problem cannot be null: send a value, or leave the field out to keep it."]
    }


def test_it_keeps_the_matching_api_query_count_constant(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/matching-items?page_size=50"
    _proven(account)
    small = count_queries(lambda: client.get(url))
    for _index in range(6):
        _item(account, customer_owner=ContactFactory(account=account))
    assert count_queries(lambda: client.get(url)) == small

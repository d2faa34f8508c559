"""Every `next` goes through kam.core.views.safe_next_url: a path on this site is followed,
anything else (a word Django would try to reverse, another site) falls back to the page of the
object the form was about. One test per view family that takes a `next`."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kam.cards.services import card_action_create
from kam.compliance.services import GiftInput, counterpart_profile_set, gift_entry_create
from kam.engagement.meetings.services import ActionItemInput, action_item_create
from kam.needs.services import NeedInput, need_create

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = ["foo", "//evil.example", "https://evil.example", "/\\evil.example"]

Clients = Callable[[object], Client]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_power_map_form_goes_back_to_the_contact_map(
    client_for: Clients, owner: object, contact: object, target: str
) -> None:
    url = reverse("people:contact_map", args=[contact.uuid])
    # given the map page opened with a hostile next, the form does not carry it
    page = client_for(owner).get(url, {"next": target})
    assert page.status_code == 200
    assert page.context["next"] == url
    # when the map is saved with it
    response = client_for(owner).post(
        url, {"visibility": "hidden", "influence": "6", "coverage": "in_depth", "next": target}
    )
    # then the browser goes back to the contact's map
    assert response.status_code == 302
    assert response["Location"] == url
    contact.refresh_from_db()
    assert contact.influence == 6


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_a_gift_decision_goes_back_to_the_approvals(
    client_for: Clients, owner: object, contact: object, director: object, target: str
) -> None:
    counterpart_profile_set(actor=owner, contact=contact, counterpart_type="state_owned_enterprise")
    entry = gift_entry_create(
        actor=owner,
        contact=contact,
        data=GiftInput(
            occurred_on=timezone.localdate(),
            gift_type="gift",
            description="茶叶礼盒",
            value=Decimal("400.00"),
            currency="CNY",
            purpose="春节问候",
            counterpart_type="state_owned_enterprise",
        ),
    )
    assert entry.status == "pending"
    response = client_for(director).post(
        reverse("compliance:decide", args=[entry.uuid]), {"decision": "approve", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("compliance:approvals")
    entry.refresh_from_db()
    assert entry.status == "approved"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_a_development_step_edit_goes_back_to_the_card(
    client_for: Clients, owner: object, contact: object, target: str
) -> None:
    step = card_action_create(
        actor=owner,
        contact=contact,
        description="邀请参加技术论坛",
        owner=owner,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    url = reverse("cards:action_edit", args=[step.uuid])
    card = reverse("cards:card", args=[contact.uuid])
    assert client_for(owner).get(url, {"next": target}).context["back"] == card
    response = client_for(owner).post(
        url,
        {
            "description": "邀请参加储能论坛",
            "owner": owner.pk,
            "due_on": "2026-12-01",
            "status": "open",
            "next": target,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == card
    step.refresh_from_db()
    assert (step.description, step.due_on) == ("邀请参加储能论坛", date(2026, 12, 1))


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_a_meeting_action_edit_goes_back_to_the_action_board(
    client_for: Clients, owner: object, account: object, target: str
) -> None:
    item = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="提交方案",
            owner_side="ours",
            owner_user=owner,
            due_on=timezone.localdate() + timedelta(days=5),
        ),
    )
    url = reverse("engagement:action_item_edit", args=[item.uuid])
    board = reverse("engagement:action_board", args=[account.uuid])
    assert client_for(owner).get(url, {"next": target}).context["back"] == board
    response = client_for(owner).post(
        url,
        {
            "description": "提交修订方案",
            "owner_side": "ours",
            "owner_user": owner.pk,
            "due_on": "2026-11-30",
            "status": "in_progress",
            "next": target,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == board
    item.refresh_from_db()
    assert (item.description, item.status) == ("提交修订方案", "in_progress")


@pytest.mark.parametrize("target", HOSTILE_NEXT)
@pytest.mark.parametrize("route", ["needs:status", "needs:address"])
def test_a_need_action_goes_back_to_the_needs_list(
    client_for: Clients, owner: object, account: object, route: str, target: str
) -> None:
    need = need_create(
        actor=owner,
        account=account,
        need=NeedInput(title="降低停电损失", iceberg_layer="surface"),
    )
    response = client_for(owner).post(
        reverse(route, args=[need.uuid]), {"action": "drop", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:account", args=[account.uuid])
    need.refresh_from_db()
    assert need.status == ("dropped" if route == "needs:status" else "addressed")


def test_a_path_on_this_site_is_followed(
    client_for: Clients, owner: object, account: object, contact: object
) -> None:
    powermap = reverse("powermap:account", args=[account.uuid])
    response = client_for(owner).post(
        reverse("people:contact_map", args=[contact.uuid]),
        {"visibility": "hidden", "influence": "6", "coverage": "in_depth", "next": powermap},
    )
    assert response["Location"] == powermap

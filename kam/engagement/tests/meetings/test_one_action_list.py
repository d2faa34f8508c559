"""One action list (issue 10, items 12 and 13): development-plan steps of key-person cards sit on
the action boards beside meeting actions, are edited, reassigned and closed in both places, and a
status change moves the card and its counts in place (htmx out-of-band swaps)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.cards.models import CardAction
from kam.cards.services import card_action_create
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.meetings.board import board_items
from kam.engagement.models import ActionItem
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _meeting_action(owner: object, account: object, **values: object) -> ActionItem:
    fields = {"description": "提交方案", "owner_side": "ours", "owner_user": owner}
    fields["due_on"] = timezone.localdate() + timedelta(days=5)
    fields.update(values)
    return action_item_create(actor=owner, account=account, action=ActionItemInput(**fields))


def _plan_step(actor: object, contact: object, **values: object) -> CardAction:
    fields = {"description": "邀请参加技术论坛", "owner": actor}
    fields["due_on"] = timezone.localdate() + timedelta(days=3)
    fields.update(values)
    return card_action_create(actor=actor, contact=contact, **fields)


def _count(page: str, status: str) -> int:
    match = re.search(rf'id="count-{status}"[^>]*>(\d+)<', page)
    assert match, status
    return int(match.group(1))


def test_it_shows_development_steps_beside_meeting_actions_in_both_places(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    _meeting_action(owner, account)
    step = _plan_step(owner, contact)
    client = client_for(owner)
    for url in (
        reverse("engagement:action_board", args=[account.uuid]),
        reverse("engagement:my_actions"),
    ):
        page = client.get(url).content.decode()
        assert "提交方案" in page and "邀请参加技术论坛" in page, url
        assert 'data-kind="development"' in page and 'data-kind="meeting"' in page
        assert reverse("cards:action_edit", args=[step.uuid]) in page
        assert reverse("engagement:card_action_status", args=[step.uuid]) in page
        assert _count(page, "open") == 2


def test_it_returns_one_typed_list_soonest_due_first(
    owner: object, teammate: object, account: object, contact: object
) -> None:
    today = timezone.localdate()
    _meeting_action(owner, account, description="后到期", due_on=today + timedelta(days=9))
    _plan_step(owner, contact, description="先到期", due_on=today + timedelta(days=1))
    _plan_step(owner, contact, description="别人的", owner=teammate)
    items = board_items(user=owner, owner=owner)
    assert [(item.kind, item.title, item.due_on, item.status) for item in items] == [
        ("development", "先到期", today + timedelta(days=1), "open"),
        ("meeting", "后到期", today + timedelta(days=9), "open"),
    ]
    assert items[0].owner_name == str(owner)
    assert items[0].edit_url == reverse("cards:action_edit", args=[items[0].uuid])


def test_it_edits_reassigns_and_closes_a_development_step_from_the_board(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    step = _plan_step(owner, contact)
    board = reverse("engagement:action_board", args=[account.uuid])
    url = reverse("cards:action_edit", args=[step.uuid])
    client = client_for(owner)
    form = client.get(f"{url}?next={board}")
    assert form.status_code == 200 and 'value="邀请参加技术论坛"' in form.content.decode()
    response = client.post(
        url,
        {
            "description": "邀请参加储能论坛",
            "owner": teammate.pk,
            "due_on": "2026-12-01",
            "status": "done",
            "next": board,
        },
    )
    assert response.status_code == 302 and response.url == board
    step.refresh_from_db()
    assert (step.description, step.owner, step.due_on, step.status) == (
        "邀请参加储能论坛",
        teammate,
        date(2026, 12, 1),
        "done",
    )
    assert step.done_on == timezone.localdate()


def test_it_edits_and_reassigns_a_meeting_action_from_my_actions(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    item = _meeting_action(owner, account)
    mine = reverse("engagement:my_actions")
    url = reverse("engagement:action_item_edit", args=[item.uuid])
    response = client_for(owner).post(
        url,
        {
            "description": "提交修订方案",
            "owner_side": "ours",
            "owner_user": teammate.pk,
            "due_on": "2026-11-30",
            "status": "in_progress",
            "next": mine,
        },
    )
    assert response.status_code == 302 and response.url == mine
    item.refresh_from_db()
    assert (item.description, item.owner_user, item.due_on, item.status) == (
        "提交修订方案",
        teammate,
        date(2026, 11, 30),
        "in_progress",
    )
    # an outside address is not followed
    other = client_for(owner).post(
        url,
        {
            "description": "x",
            "owner_side": "ours",
            "owner_user": teammate.pk,
            "due_on": "2026-11-30",
            "status": "open",
            "next": "https://example.com/",
        },
    )
    assert other.url == reverse("engagement:action_board", args=[item.account.uuid])


def test_it_refuses_the_edits_to_a_viewer_and_an_outsider_and_changes_nothing(
    client_for: object, owner: object, viewer: object, outsider: object, account: object,
    contact: object,
) -> None:  # fmt: skip
    step = _plan_step(owner, contact)
    item = _meeting_action(owner, account)
    before = database_fingerprint()
    for user, expected in ((viewer, 403), (outsider, 404)):
        client = client_for(user)
        for url in (
            reverse("cards:action_edit", args=[step.uuid]),
            reverse("engagement:action_item_edit", args=[item.uuid]),
        ):
            assert client.post(url, {"description": "x"}).status_code == expected, url
        status_url = reverse("engagement:card_action_status", args=[step.uuid])
        assert client.post(status_url, {"status": "done"}).status_code == expected
    assert database_fingerprint() == before


def test_it_moves_the_card_and_its_counts_out_of_band_when_the_status_changes(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    # given two open actions of each kind on the account board
    item = _meeting_action(owner, account)
    step = _plan_step(owner, contact)
    client = client_for(owner)
    page = client.get(reverse("engagement:action_board", args=[account.uuid])).content.decode()
    assert (_count(page, "open"), _count(page, "in_progress"), _count(page, "done")) == (2, 0, 0)
    # when the meeting action moves to in progress with htmx
    response = client.post(
        reverse("engagement:action_item_status", args=[item.uuid]),
        {"status": "in_progress", "board": "account"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    # then the response swaps every column and count out of band, with the new counts
    assert response.status_code == 200
    assert body.count('hx-swap-oob="true"') == 7  # summary, three counts, three columns
    assert (_count(body, "open"), _count(body, "in_progress"), _count(body, "done")) == (1, 1, 0)
    in_progress = re.search(
        r'<ul class="action-list" id="column-in_progress"[^>]*>(.*?)</ul>', body, re.S
    )
    assert in_progress and f'id="action-{item.uuid}"' in in_progress.group(1)
    assert 'data-focus="status-' in body and "Moved to In progress." in body
    # and a development step closed from my actions lands in done
    closed = client.post(
        reverse("engagement:card_action_status", args=[step.uuid]),
        {"status": "done", "board": "mine"},
        headers={"HX-Request": "true"},
    )
    closed_body = closed.content.decode()
    assert (_count(closed_body, "open"), _count(closed_body, "in_progress")) == (0, 1)
    assert _count(closed_body, "done") == 1
    done = re.search(r'id="column-done"[^>]*>(.*?)</ul>', closed_body, re.S)
    assert done and f'id="action-{step.uuid}"' in done.group(1)
    step.refresh_from_db()
    assert (step.status, step.done_on) == ("done", timezone.localdate())
    # without htmx the change goes back to the board it came from
    reopened = client.post(
        reverse("engagement:card_action_status", args=[step.uuid]),
        {"status": "open", "board": "mine"},
    )
    assert reopened.status_code == 302 and reopened.url == reverse("engagement:my_actions")


def _grow(owner: object, account: object, count: int) -> None:
    for index in range(count):
        person = ContactFactory(account=account, name=f"关键人{index}", is_key_person=True)
        _plan_step(owner, person, description=f"步骤{index}")
        _meeting_action(owner, account, description=f"行动{index}")


@pytest.mark.parametrize("name", ["engagement:my_actions", "engagement:action_board"])
def test_it_keeps_the_board_query_count_constant_as_both_kinds_grow(
    client_for: object, owner: object, account: object, name: str
) -> None:
    client = client_for(owner)
    url = reverse(name, args=[account.uuid]) if name.endswith("board") else reverse(name)
    _grow(owner, account, 2)
    small = count_queries(lambda: client.get(url))
    _grow(owner, account, 12)
    large = count_queries(lambda: client.get(url))
    assert large == small

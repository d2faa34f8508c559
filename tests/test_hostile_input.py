"""No 5xx on any input: the forms and routes that once answered 500 get hostile values (months
and days no year has, ids too large for any column, ids that are not ids, `next` to nowhere or
to another site) from the account's manager (a director on the settings pages). Every answer is
below 500, a refusal writes nothing, and a wrong value is an error on its field."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from kam.compliance.tests.factories import LocalCustomNoteFactory
from kam.engagement.models import Mechanism
from kam.engagement.tests.calendar_factories import entry_for
from kam.engagement.tests.meeting_factories import logged_activity
from kam.needs.services import NeedInput, need_create
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999999"
BAD_MONTHS = ["0", "13", "99999999999999999999", "-1"]
BAD_IDS = [HUGE_ID, "-1", "abc", "0", "9223372036854775808"]
BAD_UUIDS = [HUGE_ID, "-1", "abc", "not-a-uuid", "//evil.example"]
BAD_NEXT = ["foo", "//evil.example", "https://evil.example", "-1", HUGE_ID]

Clients = Callable[[object], Client]


def _send(call: Callable[[], object], *, is_refusal: bool = False) -> object:
    """The answer to a hostile request: never a 5xx, and nothing written when refused (a 4xx,
    or a form shown again with its errors)."""
    before = database_fingerprint()
    response = call()
    assert response.status_code < 500, response.status_code
    if is_refusal or response.status_code >= 400:
        assert database_fingerprint() == before
    return response


# --- month and day of a festival or a due date ---------------------------------------------------


@pytest.mark.parametrize(("month", "day"), [*((m, "5") for m in BAD_MONTHS), ("2", "30")])
def test_an_account_note_refuses_a_day_no_year_has(
    client_for: Clients, owner: object, account: object, month: str, day: str
) -> None:
    data = {
        "note-title": "端午节",
        "note-text": "节前问候",
        "note-constraint_level": "info",
        "note-festival_month": month,
        "note-festival_day": day,
    }
    url = reverse("compliance:account", args=[account.uuid])
    response = _send(lambda: client_for(owner).post(url, data))
    assert response.status_code == 400
    field = "festival_day" if month == "2" else "festival_month"
    assert list(response.context["note_form"].errors) == [field]


@pytest.mark.parametrize(("month", "day"), [*((m, "5") for m in BAD_MONTHS), ("2", "30")])
def test_the_region_notes_and_alert_rules_refuse_a_day_no_year_has(
    client_for: Clients, director: object, month: str, day: str
) -> None:
    note = LocalCustomNoteFactory(account=None, title="春节")
    note_data = {
        "region": "east_china",
        "title": "中秋节",
        "text": "节前问候",
        "constraint_level": "info",
        "festival_month": month,
        "festival_day": day,
    }
    rules_data = {
        "plan_due_month": month,
        "plan_due_day": day,
        "review_overdue_days": "100",
        "off_track_below": "70",
    }
    client = client_for(director)
    for url, data in (
        (reverse("compliance:note_new"), note_data),
        (reverse("compliance:note_edit", args=[note.uuid]), note_data),
        (reverse("alerts:rules"), rules_data),
    ):
        response = _send(lambda url=url, data=data: client.post(url, data))
        assert response.status_code == 400, url


def test_a_region_note_is_not_found_on_the_account_note_page(
    client_for: Clients, director: object
) -> None:
    note = LocalCustomNoteFactory(account=None, title="春节")
    url = reverse("compliance:account_note_edit", args=[note.uuid])
    client = client_for(director)
    assert _send(lambda: client.get(url)).status_code == 404
    response = _send(lambda: client.post(url, {"delete": "1"}))
    assert response.status_code == 404


# --- ids from the query string and in posted lists -----------------------------------------------


@pytest.mark.parametrize("value", BAD_UUIDS)
def test_a_new_assessment_from_an_id_that_is_no_assessment_is_not_found(
    client_for: Clients, owner: object, account: object, value: str
) -> None:
    url = reverse("assessments:new", args=[account.uuid, "org_score_sheet"])
    response = _send(lambda: client_for(owner).get(url, {"from": value}))
    assert response.status_code == 404


def _entry_data(**values: object) -> dict[str, object]:
    return {
        "mechanism": Mechanism.objects.get(code="periodic_planning_meeting").pk,
        "planned_on": "2027-05-18",
        "title": "季度规划会",
        "currency": "CNY",
        "status": "planned",
        **values,
    }


@pytest.mark.parametrize("value", BAD_IDS)
def test_participant_lists_refuse_ids_that_name_nobody(
    client_for: Clients, owner: object, account: object, contact: object, value: str
) -> None:
    entry = entry_for(owner, account)
    activity = logged_activity(owner, account)
    client = client_for(owner)
    cases = [
        ("engagement:entry_create", account, _entry_data(our_participants=[value])),
        ("engagement:entry_create", account, _entry_data(customer_participants=[value])),
        ("engagement:entry_edit", entry, _entry_data(our_participants=[value])),
        (
            "engagement:activity_edit",
            activity,
            {
                "mechanism": activity.mechanism.pk,
                "title": "技术交流",
                "occurred_on": "2026-03-10",
                "customer_participants": [value],
            },
        ),
        (
            "people:contact_map",
            contact,
            {"visibility": "hidden", "influence": "6", "supporting_users": [value]},
        ),
    ]
    for name, target, data in cases:
        url = reverse(name, args=[target.uuid])
        response = _send(lambda url=url, data=data: client.post(url, data), is_refusal=True)
        # the calendar shows its form again with 200, the other pages with 400
        assert response.status_code in (200, 400), (name, data)
        form = response.context["form"]
        field = next(key for key in data if isinstance(data[key], list))
        assert field in form.errors, (name, form.errors)


# --- where to go back to --------------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD_NEXT)
def test_next_never_leaves_the_object_page(
    client_for: Clients, owner: object, account: object, contact: object, value: str
) -> None:
    need = need_create(
        actor=owner, account=account, need=NeedInput(title="降低停电损失", iceberg_layer="surface")
    )
    client = client_for(owner)
    map_url = reverse("people:contact_map", args=[contact.uuid])
    assert _send(lambda: client.get(map_url, {"next": value})).status_code == 200
    response = _send(
        lambda: client.post(
            map_url,
            {"visibility": "hidden", "influence": "6", "coverage": "in_depth", "next": value},
        )
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == map_url
    response = _send(
        lambda: client.post(
            reverse("needs:status", args=[need.uuid]), {"action": "drop", "next": value}
        )
    )
    assert response["Location"] == reverse("needs:account", args=[account.uuid])


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775807", "-1", "abc"])
def test_a_page_number_past_any_list_shows_the_first_page(
    client_for: Clients, owner: object, account: object, value: str
) -> None:
    client = client_for(owner)
    for url in (reverse("alerts:list"), reverse("accounts:history", args=[account.uuid])):
        response = _send(lambda url=url: client.get(url, {"page": value}))
        assert response.status_code == 200, url
        assert response.context["page"].number == 1

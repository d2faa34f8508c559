"""API of the platform plan: list, create, update, delete, add to calendar, figure; errors."""

import json
from collections.abc import Callable

import pytest
from django.test import Client

from kam.engagement.models import CalendarEntry
from kam.platforms.models import PlatformItem
from kam.platforms.services import platform_item_add_to_calendar
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlatform = Callable[..., PlatformItem]


def _send(client: Client, method: str, url: str, body: dict[str, object]) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_it_creates_adds_to_calendar_and_reports_the_figure(
    client_for: Callable[[object], Client], owner: object, account: object, teammate: object
) -> None:
    client = client_for(owner)
    base = f"/api/v1/accounts/{account.uuid}/platforms"
    body = {
        "year": 2026,
        "platform_type": "joint_event",
        "title": "联合创新日",
        "frequency": "times",
        "times_per_year": 3,
        "owner_id": str(teammate.uuid),
        "budget": "60000.00",
        "audience_level": "middle",
    }
    created = _send(client, "POST", base, body)
    assert created.status_code == 201
    item = created.json()
    assert (item["events_per_year"], item["owner"]["username"], item["budget"]) == (
        3,
        "teammate",
        "60000.00",
    )
    calendar = client.post(f"{base}/{item['id']}/calendar")
    assert calendar.json() == {"created": 3, "total": 3}
    assert client.post(f"{base}/{item['id']}/calendar").json() == {"created": 0, "total": 3}
    CalendarEntry.objects.filter(planned_on__month=3).update(status="done")
    assert client.get(f"{base}/figure?year=2026").json() == {
        "year": 2026,
        "held": 1,
        "planned": 3,
        "rate": "0.3333",
    }
    listing = client.get(f"{base}?year=2026").json()
    assert (listing["count"], listing["items"][0]["entries_planned"]) == (1, 3)
    assert listing["items"][0]["entries_held"] == 1


def test_it_answers_422_next_to_the_field_and_changes_nothing(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    before = database_fingerprint()
    response = _send(
        client_for(owner),
        "POST",
        f"/api/v1/accounts/{account.uuid}/platforms",
        {"year": 2026, "platform_type": "user_forum", "title": "论坛", "frequency": "times"},
    )
    assert response.status_code == 422
    assert "times_per_year" in response.json()["error"]["fields"]
    assert database_fingerprint() == before


def test_it_updates_and_deletes(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    make_platform: MakePlatform,
) -> None:
    item = make_platform()
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/platforms/{item.uuid}"
    version = item.updated_at.isoformat()
    response = _send(client, "PATCH", url, {"title": "新名称", "notes": "", "version": version})
    assert (response.status_code, response.json()["title"]) == (200, "新名称")
    assert client.delete(url).status_code == 204
    assert PlatformItem.objects.count() == 0
    assert client.delete(url).status_code == 404


def test_a_viewer_gets_403_and_an_outsider_404(
    client_for: Callable[[object], Client],
    viewer: object,
    outsider: object,
    account: object,
    make_platform: MakePlatform,
) -> None:
    item = make_platform()
    url = f"/api/v1/accounts/{account.uuid}/platforms/{item.uuid}/calendar"
    before = database_fingerprint()
    assert client_for(viewer).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    list_url = f"/api/v1/accounts/{account.uuid}/platforms"
    assert client_for(outsider).get(list_url).status_code == 404
    assert client_for(viewer).get(list_url).status_code == 200
    assert database_fingerprint() == before


def test_the_list_makes_as_many_queries_with_more_items(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    teammate: object,
    make_platform: MakePlatform,
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/platforms?year=2026"
    make_platform(owner=teammate)
    few = count_queries(lambda: client.get(url))
    for index in range(6):
        item = make_platform(title=f"平台{index}", owner=teammate)
        platform_item_add_to_calendar(actor=owner, item=item)
    assert count_queries(lambda: client.get(url)) == few

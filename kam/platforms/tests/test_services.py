"""Services and figure of the platform plan: validation, audit, idempotent add-to-calendar, and
platform_events by exact value."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.audit.models import AuditEntry
from kam.engagement.models import CalendarEntry
from kam.platforms.models import PlatformItem
from kam.platforms.rules import planned_months
from kam.platforms.selectors import PlatformEvents, platform_events
from kam.platforms.services import (
    platform_item_add_to_calendar,
    platform_item_delete,
    platform_item_update,
)
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db
MakePlatform = Callable[..., PlatformItem]


@pytest.mark.parametrize(
    ("count", "months"),
    [
        (1, [7]),
        (2, [4, 10]),
        (4, [2, 5, 8, 11]),
        (12, list(range(1, 13))),
        (3, [3, 7, 11]),
    ],
)
def test_the_events_spread_evenly_over_the_year(count: int, months: list[int]) -> None:
    assert planned_months(count) == months


def test_it_plans_an_item_and_audits_it(make_platform: MakePlatform, teammate: object) -> None:
    item = make_platform(owner=teammate, budget=Decimal("80000"), audience_level="operational")
    audit = AuditEntry.objects.get(object_uuid=item.uuid)
    assert (audit.action, audit.changes["title"], audit.changes["owner"]) == (
        "create",
        [None, "变电运维技术研讨会"],
        [None, str(teammate)],
    )


def test_times_per_year_is_required_for_that_frequency(make_platform: MakePlatform) -> None:
    with pytest.raises(ValidationError) as error:
        make_platform(frequency="times")
    assert "times_per_year" in error.value.message_dict
    assert PlatformItem.objects.count() == 0


def test_a_fixed_frequency_drops_a_stray_count(make_platform: MakePlatform) -> None:
    assert make_platform(frequency="monthly", times_per_year=5).times_per_year is None


def test_the_owner_must_be_on_the_account_team(make_platform: MakePlatform) -> None:
    with pytest.raises(ValidationError) as error:
        make_platform(owner=UserFactory(username="stranger"))
    assert list(error.value.message_dict) == ["owner"]


def test_a_viewer_cannot_plan(make_platform: MakePlatform, viewer: object) -> None:
    with pytest.raises(PermissionDenied):
        make_platform(actor=viewer)


def test_it_refuses_a_negative_budget_on_update(make_platform: MakePlatform, owner: object) -> None:
    item = make_platform()
    with pytest.raises(ValidationError) as error:
        platform_item_update(actor=owner, item=item, data={"budget": Decimal("-1")})
    assert "budget" in error.value.message_dict
    item.refresh_from_db()
    assert item.budget is None


def test_add_to_calendar_creates_the_years_entries_once(
    make_platform: MakePlatform, owner: object, teammate: object
) -> None:
    item = make_platform(owner=teammate)
    first = platform_item_add_to_calendar(actor=owner, item=item)
    second = platform_item_add_to_calendar(actor=owner, item=item)
    entries = CalendarEntry.objects.filter(platform_link__item=item).order_by("planned_on")
    assert (first.created, first.total, second.created, second.total) == (4, 4, 0, 4)
    assert [entry.planned_on for entry in entries] == [
        date(2026, 2, 1),
        date(2026, 5, 1),
        date(2026, 8, 1),
        date(2026, 11, 1),
    ]
    entry = entries[0]
    assert (entry.title, entry.is_month_only, entry.status, entry.mechanism.code) == (
        "变电运维技术研讨会",
        True,
        "planned",
        "tech_exchange_service",
    )
    assert list(entry.our_participants.all()) == [teammate]
    changes = AuditEntry.objects.filter(object_uuid=item.uuid, action="update").get().changes
    assert changes == {"entry_links": [0, 4]}


def test_add_to_calendar_fills_only_the_missing_events(
    make_platform: MakePlatform, owner: object
) -> None:
    item = make_platform(frequency="semiannual")
    platform_item_add_to_calendar(actor=owner, item=item)
    platform_item_update(actor=owner, item=item, data={"frequency": "quarterly"})
    result = platform_item_add_to_calendar(actor=owner, item=item)
    assert (result.created, result.total) == (2, 4)
    assert CalendarEntry.objects.filter(platform_link__item=item).count() == 4


def test_a_viewer_cannot_add_to_the_calendar(make_platform: MakePlatform, viewer: object) -> None:
    item = make_platform()
    with pytest.raises(PermissionDenied):
        platform_item_add_to_calendar(actor=viewer, item=item)
    assert CalendarEntry.objects.count() == 0


def _set_status(item: PlatformItem, statuses: list[str]) -> None:
    entries = CalendarEntry.objects.filter(platform_link__item=item).order_by("planned_on")
    for entry, status in zip(entries, statuses, strict=False):
        CalendarEntry.objects.filter(pk=entry.pk).update(status=status)


def test_platform_events_is_held_over_planned(
    make_platform: MakePlatform, owner: object, account: object
) -> None:
    quarterly = make_platform()
    yearly = make_platform(
        title="客户俱乐部年会", platform_type="customer_club", frequency="yearly"
    )
    make_platform(title="未加入日历", frequency="monthly")  # not on the calendar: not counted
    last_year = make_platform(year=2025, frequency="monthly")
    for item in (quarterly, yearly, last_year):
        platform_item_add_to_calendar(actor=owner, item=item)
    _set_status(quarterly, ["done", "done", "cancelled", "planned"])
    _set_status(yearly, ["postponed"])
    _set_status(last_year, ["done"] * 12)
    # 2026: quarterly 2 done + 1 planned (1 cancelled left out), yearly 1 postponed → 2 / 4
    assert platform_events(account, 2026) == PlatformEvents(
        year=2026, held=2, planned=4, rate=Decimal("0.5000")
    )
    assert platform_events(account, 2025) == PlatformEvents(
        year=2025, held=12, planned=12, rate=Decimal("1.0000")
    )


def test_platform_events_without_plan_is_none_and_ignores_other_accounts(
    make_platform: MakePlatform, owner: object, account: object
) -> None:
    other = AccountFactory(name="其他客户", owner=owner)
    item = make_platform(account=other, frequency="times", times_per_year=3)
    platform_item_add_to_calendar(actor=owner, item=item)
    _set_status(item, ["done"])
    assert platform_events(account, 2026) == PlatformEvents(2026, 0, 0, None)
    assert platform_events(other, 2026) == PlatformEvents(2026, 1, 3, Decimal("0.3333"))


def test_deleting_an_item_keeps_its_entries_on_the_calendar(
    make_platform: MakePlatform, owner: object
) -> None:
    item = make_platform()
    platform_item_add_to_calendar(actor=owner, item=item)
    platform_item_delete(actor=owner, item=item)
    assert (PlatformItem.objects.count(), CalendarEntry.objects.count()) == (0, 4)
    assert AuditEntry.objects.filter(object_uuid=item.uuid, action="delete").count() == 1

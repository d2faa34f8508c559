"""iCalendar export and the private, revocable subscription feed (RFC 5545, parsed back)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kam.engagement.calendar.services import (
    calendar_entry_cancel,
    calendar_subscription_create,
    calendar_subscription_revoke,
)
from kam.engagement.models import CalendarSubscription
from kam.engagement.tests.calendar_factories import entry_for, key_date_for
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def _events(content: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_it_exports_the_account_calendar_as_valid_icalendar(
    client_for: object, owner: object, account: object
) -> None:
    # given an entry with a Chinese title, a cancelled one and a customer key date
    entry = entry_for(owner, account, title="高层战略会晤", purpose="对齐年度目标")
    cancelled = entry_for(owner, account, title="取消的拜访", planned_on=date(2027, 4, 2))
    calendar_entry_cancel(actor=owner, entry=cancelled)
    key_date = key_date_for(owner, account, title="董事会", kind="board_meeting")
    # when the owner downloads the .ics file
    response = client_for(owner).get(reverse("engagement:calendar_ics", args=[account.uuid]))
    # then it parses, with the calendar properties and one all-day event per record
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert "KAM" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "华东电力集团"
    events = _events(response.content)
    assert set(events) == {f"{entry.uuid}@kam", f"{cancelled.uuid}@kam", f"{key_date.uuid}@kam"}
    event = events[f"{entry.uuid}@kam"]
    assert str(event["SUMMARY"]) == "华东电力集团 · 高层战略会晤"
    assert event.decoded("DTSTART") == date(2027, 3, 9)
    assert "对齐年度目标" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event
    assert str(events[f"{cancelled.uuid}@kam"]["STATUS"]) == "CANCELLED"
    assert str(events[f"{key_date.uuid}@kam"]["SUMMARY"]) == "华东电力集团 · Board meeting: 董事会"


def test_it_serves_the_users_feed_with_a_token_and_stops_when_revoked(
    client: object, owner: object, teammate: object, account: object
) -> None:
    # given entries in the window: one the teammate takes part in, one they do not
    today = timezone.localdate()
    mine = entry_for(owner, account, title="技术交流·中文", planned_on=today + timedelta(days=10),
                     our_participants=[teammate])  # fmt: skip
    entry_for(owner, account, title="别人的", planned_on=today + timedelta(days=11))
    entry_for(owner, account, title="太早", planned_on=today - timedelta(days=200),
              our_participants=[teammate])  # fmt: skip
    key_date = key_date_for(owner, account, starts_on=today + timedelta(days=30))
    subscription, raw = calendar_subscription_create(user=teammate)
    url = reverse("engagement:subscription_feed", args=[raw])
    # when the feed is fetched without a session
    response = client.get(url)
    # then it holds the teammate's entry in the window and the account's key date
    assert response.status_code == 200
    events = _events(response.content)
    assert set(events) == {f"{mine.uuid}@kam", f"{key_date.uuid}@kam"}
    assert str(events[f"{mine.uuid}@kam"]["SUMMARY"]) == "华东电力集团 · 技术交流·中文"
    assert CalendarSubscription.objects.get().last_used_at is not None
    # when the subscription is revoked, then the same URL answers 404
    calendar_subscription_revoke(user=teammate, subscription=subscription)
    assert client.get(url).status_code == 404


def test_it_answers_404_to_an_unknown_token(client: object, db: None) -> None:
    assert (
        client.get(reverse("engagement:subscription_feed", args=["kcal_nope"])).status_code == 404
    )
    assert client.get(reverse("engagement:subscription_feed", args=["other"])).status_code == 404


def test_it_keeps_only_the_digest_and_shows_the_token_once(
    client_for: object, teammate: object
) -> None:
    # when the user creates a subscription address on the page
    client = client_for(teammate)
    response = client.post(reverse("engagement:subscriptions"))
    # then the page shows the full address once; only its digest is stored
    assert response.status_code == 200
    subscription = CalendarSubscription.objects.get(user=teammate)
    feed_url = response.context["feed_url"]
    raw = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    assert raw.startswith(subscription.token_prefix)
    assert raw not in subscription.token_digest
    assert len(subscription.token_digest) == 64
    assert client.get(reverse("engagement:subscriptions")).context["feed_url"] == ""
    # and revoking it on the page stops the feed
    assert client.get(feed_url).status_code == 200
    revoke = reverse("engagement:subscription_revoke", args=[subscription.uuid])
    assert client.post(revoke).status_code == 302
    assert client.get(feed_url).status_code == 404


def test_it_does_not_let_another_user_revoke_a_subscription(
    client_for: object, teammate: object, outsider: object
) -> None:
    subscription, _raw = calendar_subscription_create(user=teammate)
    revoke = reverse("engagement:subscription_revoke", args=[subscription.uuid])
    assert client_for(outsider).post(revoke).status_code == 404
    subscription.refresh_from_db()
    assert subscription.revoked_at is None


def test_it_leaves_out_accounts_the_user_no_longer_sees(
    client: object, owner: object, teammate: object, account: object
) -> None:
    # given the teammate's entry on an account, then they leave the team
    today = timezone.localdate()
    entry_for(owner, account, planned_on=today + timedelta(days=3), our_participants=[teammate])
    other = AccountFactory(owner=teammate)
    entry_for(teammate, other, title="自己的客户", planned_on=today + timedelta(days=4))
    account.team_memberships.filter(user=teammate).delete()
    _subscription, raw = calendar_subscription_create(user=teammate)
    # when the feed is read, then only the entry of the account they still see is in it
    events = _events(client.get(reverse("engagement:subscription_feed", args=[raw])).content)
    assert [str(event["SUMMARY"]) for event in events.values()] == [f"{other.name} · 自己的客户"]


def test_it_exports_a_meetings_time_and_location(
    client_for: object, owner: object, account: object
) -> None:
    # given a meeting from 09:30 to 11:00 Shanghai time at the customer's head office
    timed = entry_for(
        owner, account, start_time=time(9, 30), end_time=time(11, 0), location="上海总部 3 楼"
    )
    all_day = entry_for(owner, account, title="全天", planned_on=date(2027, 3, 10))
    # when the calendar is exported
    response = client_for(owner).get(reverse("engagement:calendar_ics", args=[account.uuid]))
    events = _events(response.content)
    # then the meeting is timed (in UTC) with its location; the other stays all-day
    event = events[f"{timed.uuid}@kam"]
    assert event.decoded("DTSTART") == datetime(2027, 3, 9, 1, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2027, 3, 9, 3, 0, tzinfo=UTC)
    assert str(event["LOCATION"]) == "上海总部 3 楼"
    assert b"DTSTART:20270309T013000Z" in response.content
    other = events[f"{all_day.uuid}@kam"]
    assert other.decoded("DTSTART") == date(2027, 3, 10)
    assert "LOCATION" not in other

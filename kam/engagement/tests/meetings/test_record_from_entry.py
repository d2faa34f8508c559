"""Plan → record (issue 10, item 11): a planned calendar entry opens the activity form filled from
the entry, and saving it marks the entry done."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.engagement.models import Activity, CalendarEntry
from kam.engagement.tests.calendar_factories import entry_for
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_it_opens_the_activity_form_filled_from_the_planned_entry(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    # given an entry planned yesterday with both sides, a key person and a purpose
    key_person = ContactFactory(account=account, name="李总", is_key_person=True)
    yesterday = timezone.localdate() - timedelta(days=1)
    entry = entry_for(
        owner,
        account,
        title="技术交流会",
        planned_on=yesterday,
        our_participants=[teammate],
        customer_participants=[contact],
        key_person=key_person,
        purpose="介绍储能方案",
    )
    # when the owner opens 记录本次会议/活动
    response = client_for(owner).get(reverse("engagement:entry_record", args=[entry.uuid]))
    # then every field comes from the entry
    assert response.status_code == 200
    form = response.context["form"]
    assert form["calendar_entry"].value() == entry.uuid
    assert form["mechanism"].value() == "tech_exchange_service"
    assert form["title"].value() == "技术交流会"
    assert form["occurred_on"].value() == yesterday
    assert [str(value) for value in form["our_participants"].value()] == [str(teammate.uuid)]
    assert sorted(str(value) for value in form["customer_participants"].value()) == sorted(
        [str(contact.uuid), str(key_person.uuid)]
    )
    assert form["notes"].value() == "Purpose: 介绍储能方案"
    page = response.content.decode()
    assert f'value="{yesterday:%Y-%m-%d}"' in page
    assert 'data-testid="save-then-meeting"' in page


def test_it_dates_a_future_entry_today(client_for: object, owner: object, account: object) -> None:
    entry = entry_for(owner, account, planned_on=timezone.localdate() + timedelta(days=1))
    response = client_for(owner).get(reverse("engagement:entry_record", args=[entry.uuid]))
    assert response.context["form"]["occurred_on"].value() == timezone.localdate()


def test_it_marks_the_entry_done_on_save_and_goes_on_to_the_meeting_record(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    day = date(2026, 3, 9)
    entry = entry_for(owner, account, planned_on=day, customer_participants=[contact])
    url = reverse("engagement:entry_record", args=[entry.uuid])
    response = client_for(owner).post(
        url,
        {
            "calendar_entry": str(entry.uuid),
            "mechanism": "tech_exchange_service",
            "title": "技术交流会",
            "occurred_on": "2026-03-09",
            "our_participants": [str(owner.uuid)],
            "customer_participants": [str(contact.uuid)],
            "then": "meeting",
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("engagement:meeting_edit", args=[activity.uuid])
    entry.refresh_from_db()
    assert (entry.status, activity.calendar_entry_id, activity.occurred_on) == (
        "done",
        entry.pk,
        day,
    )
    # a done entry has nothing left to record
    again = client_for(owner).get(url)
    assert again.status_code == 302
    assert again.url == reverse("engagement:entry_edit", args=[entry.uuid])


def test_it_offers_the_record_link_on_the_entry_and_refuses_a_viewer(
    client_for: object, owner: object, viewer: object, outsider: object, account: object
) -> None:
    entry = entry_for(owner, account)
    page = client_for(owner).get(reverse("engagement:entry_edit", args=[entry.uuid]))
    assert reverse("engagement:entry_record", args=[entry.uuid]) in page.content.decode()
    before = database_fingerprint()
    url = reverse("engagement:entry_record", args=[entry.uuid])
    assert client_for(viewer).get(url).status_code == 403
    assert client_for(outsider).post(url, {"title": "x"}).status_code == 404
    assert database_fingerprint() == before
    assert CalendarEntry.objects.get().status == "planned"

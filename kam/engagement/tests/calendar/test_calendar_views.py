"""Calendar pages: month/agenda, entries and key dates, plan generation, heat maps, mechanisms."""

from datetime import date, time

import pytest
from django.urls import reverse

from kam.audit.models import AuditEntry
from kam.engagement.calendar.selectors import account_year_map
from kam.engagement.calendar.services import CalendarEntryInput
from kam.engagement.meetings.services import ActivityInput, activity_log
from kam.engagement.models import CalendarEntry, CustomerKeyDate, Mechanism, MechanismCadence
from kam.engagement.rules import calendar_compliance_percent
from kam.engagement.tests.calendar_factories import entry_for, key_date_for
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _entry_post(mechanism: Mechanism, **values: object) -> dict[str, object]:
    data = {
        "mechanism": mechanism.pk,
        "planned_on": "2027-05-18",
        "title": "季度规划会",
        "purpose": "回顾Q1",
        "currency": "CNY",
        "status": "planned",
    }
    data.update(values)
    return data


def test_it_shows_the_month_with_entries_and_key_dates(
    client_for: object, owner: object, account: object
) -> None:
    # given an entry and a tender in March 2027
    entry_for(owner, account, title="技术交流会")
    key_date_for(owner, account, title="年度招标", ends_on=date(2027, 3, 22))
    url = reverse("engagement:calendar", args=[account.uuid]) + "?year=2027&month=3"
    # when the owner opens the month
    response = client_for(owner).get(url)
    # then the grid shows both; the key date on each of its three days
    assert response.status_code == 200
    page = response.context["page"]
    cells = {cell.day: cell for week in page.weeks for cell in week}
    assert [entry.title for entry in cells[date(2027, 3, 9)].entries] == ["技术交流会"]
    assert [len(cells[date(2027, 3, day)].key_dates) for day in (19, 20, 21, 22, 23)] == [
        0, 1, 1, 1, 0
    ]  # fmt: skip
    assert page.previous == date(2027, 2, 1)
    assert page.next == date(2027, 4, 1)
    assert "技术交流会" in response.content.decode()


def test_it_swaps_only_the_calendar_body_for_htmx_and_shows_the_agenda(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    entry_for(owner, account, title="技术交流会", customer_participants=[contact])
    url = reverse("engagement:calendar", args=[account.uuid]) + "?year=2027&month=3&view=agenda"
    response = client_for(owner).get(url, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.startswith('<div id="calendar-body"')
    assert 'data-testid="agenda"' in content
    assert "张伟" in content


def test_it_plans_an_entry_with_participants(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    # given a key person at the account
    contact.is_key_person = True
    contact.save()
    mechanism = Mechanism.objects.get(code="periodic_planning_meeting")
    data = _entry_post(
        mechanism,
        our_participants=[teammate.pk],
        customer_participants=[contact.pk],
        key_person=contact.pk,
        budget="5000.00",
        is_month_only="on",
    )
    # when the owner submits the form
    response = client_for(owner).post(reverse("engagement:entry_create", args=[account.uuid]), data)
    # then the entry is planned for May (month only) with its participants, and audited
    assert response.status_code == 302
    entry = CalendarEntry.objects.get()
    assert entry.planned_on == date(2027, 5, 1)
    assert entry.is_month_only is True
    assert list(entry.our_participants.all()) == [teammate]
    assert list(entry.customer_participants.all()) == [contact]
    assert entry.key_person == contact
    assert str(entry.budget) == "5000.00"
    assert entry.created_by == owner
    assert AuditEntry.objects.filter(object_uuid=entry.uuid, action="create").count() == 1


def test_it_shows_errors_next_to_the_fields_and_keeps_the_input(
    client_for: object, owner: object, outsider: object, account: object
) -> None:
    mechanism = Mechanism.objects.get(code="periodic_planning_meeting")
    before = database_fingerprint()
    data = _entry_post(
        mechanism,
        title="保留我",
        planned_on="2027-13-45",
        budget="-5",
        our_participants=[outsider.pk],
    )
    response = client_for(owner).post(reverse("engagement:entry_create", args=[account.uuid]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"planned_on", "budget", "our_participants"}
    assert 'value="保留我"' in response.content.decode()
    assert database_fingerprint() == before


def test_it_refuses_a_participant_from_outside_the_team_in_the_service(
    client_for: object, owner: object, account: object
) -> None:
    # a contact of another account cannot be posted (not in the choices) → error next to it
    stranger = ContactFactory(name="外人")
    mechanism = Mechanism.objects.get(code="periodic_planning_meeting")
    data = _entry_post(mechanism, customer_participants=[stranger.pk])
    response = client_for(owner).post(reverse("engagement:entry_create", args=[account.uuid]), data)
    assert "customer_participants" in response.context["form"].errors
    assert CalendarEntry.objects.count() == 0


def test_it_edits_cancels_and_postpones_an_entry(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    entry = entry_for(owner, account)
    data = _entry_post(entry.mechanism, title="改名", planned_on="2027-03-10",
                       version=entry.updated_at.isoformat())  # fmt: skip
    assert client.post(reverse("engagement:entry_edit", args=[entry.uuid]), data).status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.planned_on) == ("改名", date(2027, 3, 10))
    postpone = reverse("engagement:entry_postpone", args=[entry.uuid])
    response = client.post(postpone, {"planned_on": "2027-03-01"})
    assert "planned_on" in response.context["form"].errors
    assert client.post(postpone, {"planned_on": "2027-04-02"}).status_code == 302
    entry.refresh_from_db()
    assert (entry.planned_on, entry.status) == (date(2027, 4, 2), "postponed")
    assert client.post(reverse("engagement:entry_cancel", args=[entry.uuid])).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "cancelled"


def test_it_shows_a_viewer_the_entry_read_only(
    client_for: object, owner: object, viewer: object, account: object
) -> None:
    entry = entry_for(owner, account)
    response = client_for(viewer).get(reverse("engagement:entry_edit", args=[entry.uuid]))
    assert response.status_code == 200
    assert "form" not in response.context
    assert (
        client_for(viewer).post(reverse("engagement:entry_cancel", args=[entry.uuid])).status_code
        == 403
    )


def test_it_manages_customer_key_dates(client_for: object, owner: object, account: object) -> None:
    client = client_for(owner)
    create = reverse("engagement:key_date_create", args=[account.uuid])
    bad = client.post(create, {"kind": "shutdown", "title": "检修", "starts_on": "2027-08-10",
                               "ends_on": "2027-08-01"})  # fmt: skip
    assert "ends_on" in bad.context["form"].errors
    good = client.post(create, {"kind": "shutdown", "title": "检修", "starts_on": "2027-08-10",
                                "ends_on": "2027-08-20"})  # fmt: skip
    assert good.status_code == 302
    key_date = CustomerKeyDate.objects.get()
    assert (key_date.kind, key_date.ends_on) == ("shutdown", date(2027, 8, 20))
    delete = reverse("engagement:key_date_delete", args=[key_date.uuid])
    assert client.post(delete).status_code == 302
    assert CustomerKeyDate.objects.count() == 0


def test_it_generates_the_plan_from_the_page_and_says_what_it_did(
    client_for: object, owner: object, account: object
) -> None:
    account.category = "streamline"
    account.save()
    client = client_for(owner)
    url = reverse("engagement:plan_generate", args=[account.uuid])
    response = client.post(url, {"year": "2027"}, follow=True)
    # streamline: planning 1/yr + routine 2/yr (tech exchange is on demand)
    assert "3 entries created, 0 already planned." in response.content.decode()
    response = client.post(url, {"year": "2027"}, follow=True)
    assert "0 entries created, 3 already planned." in response.content.decode()
    assert CalendarEntry.objects.count() == 3


def test_it_refuses_to_generate_without_a_category(
    client_for: object, owner: object, account: object
) -> None:
    account.category = ""
    account.save()
    url = reverse("engagement:plan_generate", args=[account.uuid])
    response = client_for(owner).post(url, {"year": "2027"}, follow=True)
    assert "category first: the plan follows" in response.content.decode()
    assert client_for(owner).post(url, {"year": "nope"}).status_code == 302
    assert CalendarEntry.objects.count() == 0


def test_it_builds_the_year_heat_map_with_exact_counts(owner: object, account: object) -> None:
    # given 2 tech exchanges planned in March 2025 (one cancelled), 1 in May, and activities: the
    # one in March carries out the first March entry, the one in July was never planned
    tech = Mechanism.objects.get(code="tech_exchange_service")
    first = entry_for(owner, account, planned_on=date(2025, 3, 3))
    entry_for(owner, account, planned_on=date(2025, 3, 20))
    entry_for(owner, account, planned_on=date(2025, 5, 6))
    cancelled = entry_for(owner, account, planned_on=date(2025, 3, 25))
    cancelled.status = "cancelled"
    cancelled.save()
    for day, planned in ((date(2025, 3, 4), first), (date(2025, 7, 1), None)):
        activity_log(
            actor=owner,
            account=account,
            activity=ActivityInput(
                mechanism=tech, title="交流", occurred_on=day, calendar_entry=planned
            ),
        )
    # when the 2025 map is built
    year_map = account_year_map(account=account, year=2025)
    # then planned/done per month are exact, and compliance is the calendar compliance of the
    # rules (entries done / entries due): March 1/2, May 0/1, July nothing due
    row = {mechanism.code: cells for mechanism, cells in year_map.rows}["tech_exchange_service"]
    assert [(cell.planned, cell.done) for cell in row[2:7]] == [
        (2, 1),
        (0, 0),
        (1, 0),
        (0, 0),
        (0, 1),
    ]
    assert [row[2].compliance, row[4].compliance, row[6].compliance] == [50, 0, None]
    assert [row[2].light, row[4].light, row[6].light] == ["red", "red", None]
    assert (year_map.planned_total, year_map.done_total) == (3, 2)
    series = year_map.option["series"][0]["data"]
    labels = {tuple(item["value"][:2]): item["label"]["formatter"] for item in series}
    assert labels[(2, 1)] == "1/2"
    assert labels[(6, 1)] == "1/0"
    assert calendar_compliance_percent(4, 5) == 80.0
    assert calendar_compliance_percent(3, 0) is None


def test_it_shows_the_heat_maps_and_my_calendar(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    entry_for(owner, account, title="我参加的", our_participants=[teammate])
    entry_for(owner, account, title="别人的")
    client = client_for(teammate)
    response = client.get(reverse("engagement:my_calendar") + "?year=2027&month=3&view=agenda")
    assert [entry.title for entry in response.context["page"].entries] == ["我参加的"]
    assert client.get(reverse("engagement:my_year_map") + "?year=2027").status_code == 200
    year_map = client.get(reverse("engagement:year_map", args=[account.uuid]) + "?year=2027")
    assert year_map.context["year_map"].planned_total == 2
    assert client.get(reverse("engagement:my_calendar") + "?year=x").status_code == 404
    assert client.get(reverse("engagement:my_calendar") + "?month=13").status_code == 404


def test_it_lets_directors_edit_mechanisms_with_history(
    client_for: object, director: object, teammate: object
) -> None:
    mechanism = Mechanism.objects.get(code="routine_visit_advisory")
    url = reverse("engagement:mechanism_edit", args=[mechanism.code])
    assert client_for(teammate).get(url).status_code == 403
    assert client_for(teammate).get(reverse("engagement:mechanisms")).status_code == 403
    assert client_for(teammate).get(reverse("engagement:mechanism_guide")).status_code == 200
    client = client_for(director)
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {key: value for key, value in data.items() if value is not False}
    data.update(
        {"purpose_en": "Visit often.", "per_year_status": "6", "on_demand_streamline": "on"}
    )
    bad = client.post(url, {**data, "per_year_star": "-1"})
    assert "per_year_star" in bad.context["form"].errors
    assert client.post(url, data).status_code == 302
    mechanism.refresh_from_db()
    assert mechanism.purpose_en == "Visit often."
    cadences = {c.category: (str(c.per_year), c.is_on_demand) for c in mechanism.cadences.all()}
    assert cadences["status"] == ("6.00", False)
    assert cadences["streamline"] == ("2.00", True)
    entry = AuditEntry.objects.get(object_uuid=mechanism.uuid)
    assert entry.changes["cadence_status"] == ["4.00", "6.00"]
    assert entry.changes["on_demand_streamline"] == [False, True]
    assert "cadence_streamline" not in entry.changes
    rows = client.get(url).context["audit_rows"]
    assert len(rows) == 1
    labels = {change.label for change in rows[0].field_changes}
    assert {"Times per year · Status", "On demand only · Streamline"} <= labels
    assert client.get(reverse("engagement:mechanism_edit", args=["nope"])).status_code == 404
    assert MechanismCadence.objects.count() == 24


def test_it_renders_the_forms_in_both_languages(
    client_for: object, owner: object, account: object
) -> None:
    entry = entry_for(owner, account)
    key_date = key_date_for(owner, account)
    urls = [
        reverse("engagement:entry_create", args=[account.uuid]) + "?date=2027-03-09",
        reverse("engagement:entry_edit", args=[entry.uuid]),
        reverse("engagement:entry_postpone", args=[entry.uuid]),
        reverse("engagement:key_date_create", args=[account.uuid]),
        reverse("engagement:key_date_edit", args=[key_date.uuid]),
        reverse("engagement:mechanism_guide"),
    ]
    client = client_for(owner)
    for url in urls:
        assert client.get(url).status_code == 200, url
    chinese = client.get(
        reverse("engagement:mechanism_guide"), headers={"Accept-Language": "zh-hans"}
    )
    assert "高层会议与战略会议" in chinese.content.decode()


def test_it_shows_the_mechanism_in_the_readers_language_in_the_history(
    client_for: object, owner: object, account: object
) -> None:
    from django.utils import translation

    from kam.engagement.calendar.services import calendar_entry_create
    from kam.engagement.models import Mechanism

    mechanism = Mechanism.objects.get(code="exec_strategy_meeting")
    with translation.override("en"):  # recorded by someone working in English
        calendar_entry_create(
            actor=owner,
            account=account,
            entry=CalendarEntryInput(
                mechanism=mechanism, title="Strategy day", planned_on=date(2026, 5, 4)
            ),
        )
    client = client_for(owner)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(
        reverse("accounts:history", args=[account.uuid]), headers={"Accept-Language": "zh-hans"}
    ).content.decode()
    assert "高层会议与战略会议" in html
    assert "Executive &amp; strategy meetings" not in html


def test_it_plans_a_meeting_with_its_time_and_place(
    client_for: object, owner: object, viewer: object, account: object
) -> None:
    mechanism = Mechanism.objects.get(code="periodic_planning_meeting")
    data = _entry_post(mechanism, start_time="09:30", end_time="11:00", location="上海总部 3 楼")
    response = client_for(owner).post(reverse("engagement:entry_create", args=[account.uuid]), data)
    assert response.status_code == 302
    entry = CalendarEntry.objects.get()
    assert (entry.start_time, entry.end_time) == (time(9, 30), time(11, 0))
    assert entry.location == "上海总部 3 楼"
    page = client_for(viewer).get(reverse("engagement:entry_edit", args=[entry.uuid]))
    assert "09:30–11:00" in page.content.decode()
    assert "上海总部 3 楼" in page.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("09:30", "09:30", "end_time"), ("09:30", "09:29", "end_time"), ("", "10:00", "start_time")],
)
def test_it_refuses_an_end_not_after_the_start_next_to_the_field(
    client_for: object, owner: object, account: object, start: str, end: str, field: str
) -> None:
    mechanism = Mechanism.objects.get(code="periodic_planning_meeting")
    data = _entry_post(mechanism, start_time=start, end_time=end)
    response = client_for(owner).post(reverse("engagement:entry_create", args=[account.uuid]), data)
    assert list(response.context["form"].errors) == [field]
    assert CalendarEntry.objects.count() == 0


def test_it_accepts_an_end_one_minute_after_the_start(
    client_for: object, owner: object, account: object
) -> None:
    mechanism = Mechanism.objects.get(code="periodic_planning_meeting")
    data = _entry_post(mechanism, start_time="09:30", end_time="09:31")
    response = client_for(owner).post(reverse("engagement:entry_create", args=[account.uuid]), data)
    assert response.status_code == 302
    assert CalendarEntry.objects.get().end_time == time(9, 31)

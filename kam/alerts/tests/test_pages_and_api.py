"""The alert centre's pages and API: who sees which alerts, filters, reasons and fix links,
the empty state, the account page, the thresholds page, and constant query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kam.alerts.models import Alert, AlertRules
from kam.alerts.services import alerts_refresh
from kam.alerts.tests.conftest import ON, overdue_item
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_alert(
    account: object, key: str, *, kind: str = "overdue_actions", severity: str = "medium"
) -> Alert:
    now = timezone.now()
    return Alert.objects.create(
        account=account, kind=kind, key=key, severity=severity,
        params={"count": 1, "oldest": "2026-06-01", "days": 31},
        fix_url_name="engagement:action_board", fix_url_kwargs={"account_uuid": str(account.uuid)},
        first_seen=now, last_seen=now,
    )  # fmt: skip


@pytest.fixture
def refreshed(owner: object, account: object) -> object:
    overdue_item(account, owner, date(2026, 6, 1))
    alerts_refresh(on=ON)
    return account


def test_it_shows_the_alerts_with_their_reason_and_fix_link(
    client_for: object, owner: object, refreshed: object
) -> None:
    response = client_for(owner).get(reverse("alerts:list"), {"kind": "overdue_actions"})
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert (
        row.reason == "1 open action item(s) past due; the oldest was due 2026-06-01 (31 days ago)."
    )
    assert row.fix_url == reverse("engagement:action_board", args=[refreshed.uuid])
    assert row.label == "Overdue action items"
    assert "Last computed at" in response.content.decode()


def test_it_says_the_reason_in_chinese(
    client_for: object, owner: object, refreshed: object
) -> None:
    client = client_for(owner)
    response = client.get(
        reverse("alerts:list"), {"kind": "overdue_actions"}, headers={"Accept-Language": "zh-hans"}
    )
    [row] = response.context["rows"]
    assert row.label == "逾期行动项"


def test_it_shows_an_outsider_none_of_another_accounts_alerts(
    client_for: object, outsider: object, refreshed: object
) -> None:
    client = client_for(outsider)
    rows = client.get(reverse("alerts:list")).context["rows"]
    assert {row.alert.account.name for row in rows} == {"Outsider Co."}
    assert client.get(reverse("alerts:account", args=[refreshed.uuid])).status_code == 404
    response = client.get(f"/api/v1/accounts/{refreshed.uuid}/alerts")
    assert response.status_code == 404
    names = {item["account_name"] for item in client.get("/api/v1/alerts").json()["items"]}
    assert names == {"Outsider Co."}


def test_it_lets_a_viewer_read_but_not_recompute(
    client_for: object, viewer: object, refreshed: object
) -> None:
    client = client_for(viewer)
    assert client.get(reverse("alerts:account", args=[refreshed.uuid])).status_code == 200
    before = database_fingerprint()
    response = client.post(reverse("alerts:account_refresh", args=[refreshed.uuid]))
    assert response.status_code == 403
    assert database_fingerprint() == before


def test_it_lets_the_team_ask_for_a_recompute(
    client_for: object,
    teammate: object,
    account: object,
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client_for(teammate).post(reverse("alerts:account_refresh", args=[account.uuid]))
    assert response.status_code == 302
    [job] = DBTaskResult.objects.all()
    assert job.task_path == "kam.alerts.tasks.refresh_alerts"
    assert job.args_kwargs["kwargs"] == {"account_ids": [account.pk]}


def test_it_filters_by_kind_severity_manager_and_account(
    client_for: object, director: object, owner: object, account: object
) -> None:
    other_manager = UserFactory(username="manager.wang", role="account_manager")
    other = AccountFactory(name="南方电网", owner=other_manager)
    make_alert(account, "a", severity="high")
    make_alert(account, "b", kind="red_flag", severity="medium")
    make_alert(other, "c", severity="medium")
    client = client_for(director)

    def keys(**query: str) -> list[str]:
        return [row.alert.key for row in client.get(reverse("alerts:list"), query).context["rows"]]

    assert keys() == ["a", "c", "b"]  # most urgent first, then newest
    assert sorted(keys(kind="red_flag")) == ["b"]
    assert sorted(keys(severity="high")) == ["a"]
    assert sorted(keys(manager=str(other_manager.uuid))) == ["c"]
    assert sorted(keys(account="南方")) == ["c"]
    assert sorted(keys(kind="nonsense")) == ["a", "b", "c"]  # a bad filter is ignored


def test_it_hides_the_manager_filter_from_a_manager(
    client_for: object, owner: object, account: object
) -> None:
    form = client_for(owner).get(reverse("alerts:list")).context["form"]
    assert "manager" not in form.fields


def test_it_says_what_to_do_when_there_is_no_alert(client_for: object, owner: object) -> None:
    body = client_for(owner).get(reverse("alerts:list")).content.decode()
    assert "No open alerts." in body
    assert "Not computed yet" in body


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_alert_centre_and_the_api_read_a_constant_number_of_queries(
    client_for: object, director: object, owner: object
) -> None:
    client = client_for(director)
    accounts = [AccountFactory(name=f"客户{index}", owner=owner) for index in range(12)]
    for account in accounts[:2]:
        make_alert(account, "x")
    counts = [_queries(client, reverse("alerts:list")), _queries(client, "/api/v1/alerts")]
    counts.append(_queries(client, reverse("alerts:account", args=[accounts[0].uuid])))
    for index, account in enumerate(accounts):
        make_alert(account, "y", kind="red_flag")
        make_alert(account, f"z{index}", severity="high")
    assert [
        _queries(client, reverse("alerts:list")),
        _queries(client, "/api/v1/alerts"),
        _queries(client, reverse("alerts:account", args=[accounts[0].uuid])),
    ] == counts


def test_the_api_lists_filters_and_paginates(
    client_for: object, owner: object, account: object
) -> None:
    for index in range(3):
        make_alert(account, f"k{index}")
    make_alert(account, "flag", kind="red_flag", severity="high")
    client = client_for(owner)
    body = client.get("/api/v1/alerts", {"page_size": 2}).json()
    assert (body["count"], len(body["items"])) == (4, 2)
    assert body["items"][0]["kind"] == "red_flag"
    body = client.get(f"/api/v1/accounts/{account.uuid}/alerts", {"kind": "overdue_actions"}).json()
    assert body["count"] == 3
    item = body["items"][0]
    assert item["fix_url"] == reverse("engagement:action_board", args=[account.uuid])
    assert (
        item["reason"]
        == "1 open action item(s) past due; the oldest was due 2026-06-01 (31 days ago)."
    )
    assert item["account_id"] == str(account.uuid)


def test_the_api_refuses_an_unknown_kind_and_anonymous_callers(
    client: object, client_for: object, owner: object
) -> None:
    response = client_for(owner).get("/api/v1/alerts", {"kind": "nonsense"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_kind"
    assert client.get("/api/v1/alerts").status_code == 401


def test_a_director_changes_the_thresholds(client_for: object, director: object) -> None:
    client = client_for(director)
    assert client.get(reverse("alerts:rules")).status_code == 200
    data = {
        "plan_due_month": 2,
        "plan_due_day": 28,
        "review_overdue_days": 90,
        "off_track_below": 75,
    }
    response = client.post(reverse("alerts:rules"), data)
    assert response.status_code == 302
    rules = AlertRules.objects.get()
    assert (
        rules.plan_due_month,
        rules.plan_due_day,
        rules.review_overdue_days,
        rules.off_track_below,
    ) == (2, 28, 90, 75)
    assert rules.created_by == director


def test_it_refuses_a_day_that_does_not_exist_every_year(
    client_for: object, director: object
) -> None:
    data = {
        "plan_due_month": 2,
        "plan_due_day": 29,
        "review_overdue_days": 100,
        "off_track_below": 70,
    }
    response = client_for(director).post(reverse("alerts:rules"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["plan_due_day"] == [
        "That day does not exist in every year."
    ]
    assert AlertRules.objects.count() == 0


@pytest.mark.parametrize(
    ("month", "day", "errors"),
    [
        ("0", "1", {"plan_due_month": ["Enter a month from 1 to 12."]}),
        ("13", "1", {"plan_due_month": ["Enter a month from 1 to 12."]}),
        ("99999999999999999999", "1", {"plan_due_month": ["Enter a month from 1 to 12."]}),
        ("2", "30", {"plan_due_day": ["This month has no such day."]}),
        ("1", "99999999999999999999", {"plan_due_day": ["This month has no such day."]}),
    ],
)
def test_it_refuses_a_due_date_no_year_has_next_to_the_field(
    client_for: object, director: object, month: str, day: str, errors: dict
) -> None:
    data = {
        "plan_due_month": month,
        "plan_due_day": day,
        "review_overdue_days": 100,
        "off_track_below": 70,
    }
    before = database_fingerprint()
    response = client_for(director).post(reverse("alerts:rules"), data)
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert database_fingerprint() == before


def test_a_manager_may_not_change_the_thresholds(client_for: object, owner: object) -> None:
    before = database_fingerprint()
    client = client_for(owner)
    assert client.get(reverse("alerts:rules")).status_code == 403
    data = {
        "plan_due_month": 2,
        "plan_due_day": 28,
        "review_overdue_days": 90,
        "off_track_below": 75,
    }
    assert client.post(reverse("alerts:rules"), data).status_code == 403
    assert database_fingerprint() == before

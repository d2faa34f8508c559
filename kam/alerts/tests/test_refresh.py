"""The refresh: upserts the findings, never duplicates, resolves what vanished, reopens what came
back, reads a constant number of queries however many accounts; the daily job and the digest."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.alerts.models import Alert, AlertRun
from kam.alerts.services import alerts_refresh
from kam.alerts.tasks import refresh_alerts
from kam.alerts.tests.conftest import ON, overdue_item
from kam.engagement.digests.selectors import digest_for
from kam.engagement.digests.services import digests_send
from kam.engagement.models import ActionItem
from kam.jobs.registry import JOB_LABELS, PERIODIC_JOBS
from tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _open(account: object) -> list[tuple[str, str]]:
    return sorted(
        Alert.objects.filter(account=account, resolved_at=None).values_list("kind", "key")
    )


def test_it_writes_each_finding_once_and_updates_it_on_a_rerun(
    owner: object, account: object
) -> None:
    item = overdue_item(account, owner, date(2026, 6, 1))
    first = alerts_refresh(on=ON)
    assert (first.accounts, first.resolved) == (1, 0)
    assert ("overdue_actions", "overdue") in _open(account)
    alert = Alert.objects.get(account=account, kind="overdue_actions")
    overdue_item(account, owner, date(2026, 6, 2))
    second = alerts_refresh(on=ON)
    assert second.found == first.found
    assert Alert.objects.filter(account=account).count() == first.found
    again = Alert.objects.get(account=account, kind="overdue_actions")
    assert (again.pk, again.first_seen) == (alert.pk, alert.first_seen)
    assert again.params == {"count": 2, "oldest": "2026-06-01", "days": 31}
    assert again.last_seen > alert.last_seen
    assert item.pk


def test_it_resolves_what_vanished_and_reopens_what_comes_back(
    owner: object, account: object
) -> None:
    item = overdue_item(account, owner, date(2026, 6, 1))
    alerts_refresh(on=ON)
    ActionItem.objects.filter(pk=item.pk).update(status="done")
    result = alerts_refresh(on=ON)
    assert result.resolved == 1
    alert = Alert.objects.get(account=account, kind="overdue_actions")
    assert alert.resolved_at is not None
    ActionItem.objects.filter(pk=item.pk).update(status="open")
    alerts_refresh(on=ON)
    alert.refresh_from_db()
    assert alert.resolved_at is None
    assert Alert.objects.filter(account=account, kind="overdue_actions").count() == 1


def test_it_resolves_the_alerts_of_an_account_that_is_no_longer_active(account: object) -> None:
    alerts_refresh(on=ON)
    assert _open(account) != []
    account.status = "lost"
    account.save(update_fields=["status"])
    alerts_refresh(on=ON)
    assert _open(account) == []


def test_it_refreshes_only_the_given_accounts(owner: object, account: object) -> None:
    other = AccountFactory(name="南方电网", owner=owner)
    alerts_refresh(account_ids=[other.pk], on=ON)
    assert _open(account) == []
    assert _open(other) != []
    assert AlertRun.objects.get().is_complete is False


def _refresh_reads() -> int:
    """The refresh's reads (its writes are bulk statements, batched by the database's limit
    on parameters per statement)."""
    with CaptureQueriesContext(connection) as queries:
        alerts_refresh(on=ON)
    return sum(1 for query in queries if query["sql"].lstrip().upper().startswith("SELECT"))


def test_its_queries_do_not_grow_with_the_accounts(owner: object, account: object) -> None:
    def add_accounts(count: int) -> None:
        for index in range(count):
            other = AccountFactory(name=f"客户{index}", owner=owner)
            ContactFactory(account=other, name=f"联系人{index}", is_key_person=True)
            overdue_item(other, owner, date(2026, 6, 1))

    add_accounts(2)
    few = _refresh_reads()
    add_accounts(8)
    assert _refresh_reads() == few
    assert Alert.objects.filter(kind="overdue_actions", resolved_at=None).count() == 10


def test_it_runs_as_a_daily_job_before_the_digests() -> None:
    names = [job.name for job in PERIODIC_JOBS]
    assert names.index("refresh_alerts") < names.index("daily_digests")
    assert str(JOB_LABELS["kam.alerts.tasks.refresh_alerts"]) == "Alerts: computing the alerts"


def test_the_job_refreshes_the_alerts(account: object) -> None:
    result = refresh_alerts.enqueue(day=ON.isoformat())
    call_command("run_worker", "--batch", "--interval", "0", stdout=StringIO())
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value == {"accounts": 1, "found": len(_open(account)), "resolved": 0}


def test_the_digest_lists_the_open_alerts_of_the_users_accounts(
    owner: object, account: object, outsider: object, settings: object
) -> None:
    overdue_item(account, owner, date(2026, 6, 1))
    alerts_refresh(on=ON)
    digest = digest_for(user=owner, day=ON)
    [section] = digest.sections
    assert section.heading == "Open alerts on your accounts:"
    assert (
        "华东电力集团 · Overdue action items: 1 open action item(s) past due; the oldest was due "
        "2026-06-01 (31 days ago)." in section.lines
    )
    assert section.url.endswith("/alerts/")
    [other] = digest_for(user=outsider, day=ON).sections
    assert {item.account.name for item in other.items} == {"Outsider Co."}
    owner.email = "owner@example.com"
    owner.save(update_fields=["email"])
    assert digests_send(day=ON) == 1
    [message] = [m for m in mail.outbox if m.to == [owner.email]]
    assert "您负责客户的未处理预警：" in message.body  # in the recipient's language

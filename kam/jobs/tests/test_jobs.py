"""Background jobs: a worker runs them, failures retry up to the limit, orphans are recovered,
periodic jobs are enqueued once a day."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.jobs.models import PeriodicRun
from kam.jobs.services import jobs_reclaim_orphans, periodic_enqueue, worker_id
from kam.jobs.tests.tasks_for_tests import add, always_fails

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0", stdout=StringIO())


def test_a_worker_runs_an_enqueued_job_to_its_result() -> None:
    result = add.enqueue(2, 3)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    run_worker()
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value == 5


def test_a_failing_job_is_retried_up_to_the_limit_then_stays_failed(settings: object) -> None:
    settings.KAM_JOB_MAX_ATTEMPTS = 3  # type: ignore[attr-defined]
    settings.KAM_JOB_RETRY_DELAY_SECONDS = 0  # type: ignore[attr-defined]
    result = always_fails.enqueue("boom")
    run_worker()  # the three attempts run back to back (no delay)
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.FAILED
    assert len(job.worker_ids) == 3
    assert "RuntimeError: boom" in job.traceback


def test_a_failed_job_waits_longer_before_each_retry(settings: object) -> None:
    settings.KAM_JOB_MAX_ATTEMPTS = 3  # type: ignore[attr-defined]
    settings.KAM_JOB_RETRY_DELAY_SECONDS = 30  # type: ignore[attr-defined]
    result = always_fails.enqueue("later")
    before = timezone.now()
    run_worker()  # first attempt fails; the retry is not due yet, so the batch stops
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.READY
    assert len(job.worker_ids) == 1
    assert job.run_after >= before + timedelta(seconds=30)


def test_the_job_of_a_dead_worker_on_this_host_goes_back_to_the_queue() -> None:
    result = add.enqueue(1, 1)
    host = worker_id().rpartition(":")[0]
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=[f"{host}:999999"]
    )
    alive = add.enqueue(2, 2)
    DBTaskResult.objects.filter(pk=alive.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=[worker_id()]
    )
    assert jobs_reclaim_orphans() == 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=alive.id).status == TaskResultStatus.RUNNING
    run_worker()
    assert DBTaskResult.objects.get(pk=result.id).return_value == 2


def test_a_job_past_its_lease_on_another_host_goes_back_to_the_queue(settings: object) -> None:
    settings.KAM_JOB_LEASE_SECONDS = 60  # type: ignore[attr-defined]
    fresh = add.enqueue(1, 2)
    stale = add.enqueue(3, 4)
    now = timezone.now()
    DBTaskResult.objects.filter(pk=fresh.id).update(
        status=TaskResultStatus.RUNNING, started_at=now, worker_ids=["elsewhere:1"]
    )
    DBTaskResult.objects.filter(pk=stale.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=now - timedelta(seconds=61),
        worker_ids=["elsewhere:2"],
    )
    assert jobs_reclaim_orphans(now=now) == 1
    assert DBTaskResult.objects.get(pk=stale.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=fresh.id).status == TaskResultStatus.RUNNING


def test_the_daily_digest_is_enqueued_once_a_day_from_its_hour(settings: object) -> None:
    settings.KAM_DIGEST_HOUR = 7  # type: ignore[attr-defined]
    zone = ZoneInfo(settings.TIME_ZONE)  # type: ignore[attr-defined]
    # the alerts are refreshed an hour before the digests (which list them)
    assert periodic_enqueue(now=datetime(2026, 3, 2, 5, 59, tzinfo=zone)) == []
    assert periodic_enqueue(now=datetime(2026, 3, 2, 6, 59, tzinfo=zone)) == ["refresh_alerts"]
    assert periodic_enqueue(now=datetime(2026, 3, 2, 7, 0, tzinfo=zone)) == [
        "daily_digests",
        "purge_idempotency_records",
    ]
    assert periodic_enqueue(now=datetime(2026, 3, 2, 9, 0, tzinfo=zone)) == []
    assert periodic_enqueue(now=datetime(2026, 3, 3, 7, 5, tzinfo=zone)) == [
        "refresh_alerts",
        "daily_digests",
        "purge_idempotency_records",
    ]
    runs = PeriodicRun.objects.filter(name="daily_digests").order_by("day")
    assert [run.day.isoformat() for run in runs] == ["2026-03-02", "2026-03-03"]
    jobs = DBTaskResult.objects.filter(task_path__endswith="send_daily_digests")
    assert sorted(job.args_kwargs["kwargs"]["day"] for job in jobs) == ["2026-03-02", "2026-03-03"]
    run_worker()
    assert all(job.status == TaskResultStatus.SUCCESSFUL for job in jobs.all())


def test_enqueue_periodic_command_says_what_it_did(settings: object) -> None:
    settings.KAM_DIGEST_HOUR = 0  # type: ignore[attr-defined]
    out = StringIO()
    call_command("enqueue_periodic", stdout=out)
    assert (
        out.getvalue().strip()
        == "Enqueued: refresh_alerts, daily_digests, purge_idempotency_records"
    )
    out = StringIO()
    call_command("enqueue_periodic", stdout=out)
    assert out.getvalue().strip() == "Nothing due."

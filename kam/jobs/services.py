"""Writes on background jobs: the retry policy, handing orphaned jobs to another worker, the
administrators' retry button and the once-a-day periodic runs.

The jobs themselves are rows of the django-tasks database backend (`DBTaskResult`); a worker is
`manage.py run_worker` (the backend's `db_worker` after recovering its host's orphans)."""

import logging
import os
import socket
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.jobs.models import PeriodicRun
from kam.jobs.registry import PERIODIC_JOBS
from kam.users.models import User

logger = logging.getLogger(__name__)


def worker_id() -> str:
    """`host:pid` — lets a restarted worker on the same host tell its dead predecessors' jobs."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}"


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=settings.KAM_JOB_RETRY_DELAY_SECONDS * 2 ** max(0, attempts - 1))


def on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """A failed job goes back to the queue until it has had KAM_JOB_MAX_ATTEMPTS attempts."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    attempts = len(task_result.worker_ids)
    if attempts >= settings.KAM_JOB_MAX_ATTEMPTS:
        logger.warning("Job %s failed for good after %d attempts", task_result.id, attempts)
        return
    DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        run_after=timezone.now() + _retry_delay(attempts),
        finished_at=None,
    )


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def jobs_reclaim_orphans(*, now: Any = None) -> int:
    """Running jobs whose worker is gone go back to the queue (their work is one transaction, so
    nothing of it was kept): on this host, when the worker's process no longer exists; on any
    host, when the job has run longer than KAM_JOB_LEASE_SECONDS. Returns how many."""
    now = now or timezone.now()
    host = socket.gethostname()[:50]
    stale_before = now - timedelta(seconds=settings.KAM_JOB_LEASE_SECONDS)
    orphans = []
    for job in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        last = job.worker_ids[-1] if job.worker_ids else ""
        job_host, _sep, pid = last.rpartition(":")
        dead_here = job_host == host and pid.isdigit() and not _is_alive(int(pid))
        if dead_here or (job.started_at and job.started_at < stale_before):
            orphans.append(job.pk)
    if orphans:
        DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, run_after=now, started_at=None
        )
        logger.warning("Handed %d orphaned job(s) back to the queue", len(orphans))
    return len(orphans)


def jobs_release_own(worker: str) -> int:
    """The jobs `worker` was running when its database connection broke go back to the queue:
    the worker is alive but no longer runs them (their work was one transaction, rolled back)."""
    running = DBTaskResult.objects.running().only("id", "worker_ids")
    candidates = [job.pk for job in running if job.worker_ids[-1:] == [worker]]
    if not candidates:
        return 0
    return DBTaskResult.objects.filter(pk__in=candidates, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, run_after=timezone.now(), started_at=None
    )


def job_retry(*, actor: User, job: DBTaskResult) -> DBTaskResult:
    """The administrators' retry button: a failed job goes back to the queue, now."""
    with transaction.atomic():
        updated = DBTaskResult.objects.filter(pk=job.pk, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
        )
        if updated:
            audit_record(
                actor=actor,
                instance=job,
                action=AuditAction.UPDATE,
                changes={"status": [TaskResultStatus.FAILED, TaskResultStatus.READY]},
            )
    job.refresh_from_db()
    return job


def periodic_enqueue(*, now: Any = None) -> list[str]:
    """Enqueue each periodic job that is due today and not yet enqueued today; returns their
    names. Safe to call from any number of machines: one run per job and day (unique row)."""
    now = timezone.localtime(now or timezone.now())
    today: date = now.date()
    enqueued = []
    for job in PERIODIC_JOBS:
        if now.hour < job.hour():
            continue
        try:
            with transaction.atomic():
                run = PeriodicRun.objects.create(name=job.name, day=today)
                result = import_string(job.task_path).enqueue(**job.kwargs(today))
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # already enqueued today
        enqueued.append(job.name)
    return enqueued

"""A background worker outlives a database restart: it waits, reconnects and goes on, and hands
back the job it was running when the connection broke."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from kam.jobs.services import jobs_release_own
from kam.jobs.tests.tasks_for_tests import add
from tests.browser.conftest import reseed_after_module  # noqa: F401 — the rows back after the flush
from tests.concurrency import postgresql_only, seeded_transactional_db  # noqa: F401
from tests.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[3]


def failing_first(calls: int, real: Callable[..., Any]) -> Callable[..., Any]:
    """`real`, except that its first `calls` calls raise what a lost connection raises."""
    seen = {"n": 0}

    def call(*args: Any, **kwargs: Any) -> Any:
        seen["n"] += 1
        if seen["n"] <= calls:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    return call


@pytest.mark.usefixtures("seeded_transactional_db")  # the worker closes its connection to retry
def test_a_worker_waits_out_a_lost_connection_then_runs_the_queue(settings: Any) -> None:
    settings.KAM_WORKER_RETRY_MAX_SECONDS = 0.01
    result = add.enqueue(20, 22)
    manager = db_worker.DBTaskResult.objects
    with mock.patch.object(manager, "ready", side_effect=failing_first(3, manager.ready)) as ready:
        call_command("run_worker", "--batch", "--interval", "0", stdout=StringIO())
    assert ready.call_count >= 4  # three failed polls, then the ones that found the job
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value == 42


@pytest.mark.django_db
def test_the_job_a_worker_was_running_when_the_connection_broke_goes_back_to_the_queue() -> None:
    running = DBTaskResult.objects.get(pk=add.enqueue(1, 1).id)
    running.claim("host-a:10")
    other = DBTaskResult.objects.get(pk=add.enqueue(2, 2).id)
    other.claim("host-a:11")

    assert jobs_release_own("host-a:10") == 1

    running.refresh_from_db()
    other.refresh_from_db()
    assert running.status == TaskResultStatus.READY
    assert running.started_at is None
    assert other.status == TaskResultStatus.RUNNING  # another worker's job is left alone


def _wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _status(job_id: str) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(pk=job_id)


@postgresql_only
@pytest.mark.usefixtures("seeded_transactional_db")
def test_a_worker_process_survives_a_database_restart() -> None:
    """A real `manage.py run_worker` reaches PostgreSQL through a proxy that drops every
    connection and refuses new ones for 4 s: the worker is still running afterwards and runs
    the job enqueued during the outage."""
    db = connection.settings_dict
    with TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)) as proxy:
        url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "KAM_WORKER_RETRY_MAX_SECONDS": "1",
        }
        worker = subprocess.Popen(  # noqa: S603 — our own command
            [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            before = add.enqueue(1, 2).id
            assert _wait_for(lambda: _status(before) == TaskResultStatus.SUCCESSFUL, 30)

            proxy.cut()
            during = add.enqueue(3, 4).id  # written straight to the database, not via the proxy
            time.sleep(4)
            assert worker.poll() is None, "the worker exited when the database went away"
            assert _status(during) == TaskResultStatus.READY
            proxy.restore()

            assert _wait_for(lambda: _status(during) == TaskResultStatus.SUCCESSFUL, 30)
            assert worker.poll() is None
        finally:
            worker.terminate()
            output = worker.communicate(timeout=20)[0]
        assert "Database unavailable" in output, output

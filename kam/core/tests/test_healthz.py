"""/healthz: no sign-in, three words, 200 only when the database answers and is migrated."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kam.core import healthz
from kam.jobs.tasks import check_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached_migrations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(healthz, "_migrations_applied", False)


def _job_seen(*, minutes_ago: int) -> None:
    result = check_worker.enqueue()
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="SUCCESSFUL", started_at=moment, finished_at=moment
    )


def test_it_answers_200_without_sign_in_when_all_is_well(client: Client) -> None:
    _job_seen(minutes_ago=2)
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"database": "ok", "migrations": "ok", "worker": "ok"},
    )
    assert "no-cache" in response["Cache-Control"]


def test_the_worker_is_unknown_until_one_ran_a_job(client: Client) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()["worker"]) == (200, "unknown")


def test_a_stale_worker_is_reported_but_does_not_fail_the_check(client: Client) -> None:
    _job_seen(minutes_ago=11)  # KAM_WORKER_FRESH_SECONDS is 600
    response = client.get("/healthz")
    assert (response.status_code, response.json()["worker"]) == (200, "stale")


def test_it_answers_503_when_the_database_is_unreachable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"database": "unavailable", "migrations": "unknown", "worker": "unknown"},
    )


def test_it_answers_503_when_a_migration_is_not_applied(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("kam_jobs_0099_next", False)],
    )
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"database": "ok", "migrations": "pending", "worker": "unknown"},
    )


def test_it_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405

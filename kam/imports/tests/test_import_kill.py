"""Acceptance: a real worker process killed (SIGKILL) while it imports leaves the batch either
fully there or not at all; a restarted worker hands the job back to the queue and finishes it.

Runs real subprocesses (`manage.py migrate`, a setup script, `manage.py run_worker`) against a
SQLite file of its own; the test process reads that file with sqlite3 only."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROWS = 10_000
PYTHON = sys.executable
MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("kill") / "kill.sqlite3"
    env = _env(path)
    subprocess.run([PYTHON, MANAGE, "migrate", "-v0"], env=env, check=True, timeout=300)
    yield path


def _env(path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(settings.BASE_DIR),
    }


def _query(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path, timeout=30)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _batch_state(path: Path) -> tuple[str, int]:
    rows = _query(path, "SELECT status, processed_rows FROM imports_importbatch")
    return rows[0] if rows else ("", 0)


def _counts(path: Path) -> tuple[int, int]:
    contacts = _query(path, "SELECT count(*) FROM people_contact")[0][0]
    audited = _query(
        path,
        "SELECT count(*) FROM audit_auditentry a JOIN django_content_type t "
        "ON a.content_type_id = t.id WHERE t.model = 'contact'",
    )[0][0]
    return contacts, audited


def _wait_for(path: Path, wanted: str, worker: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, processed = _batch_state(path)
        if status == wanted and (wanted != "running" or processed > 0):
            return
        assert worker.poll() is None, "the worker ended before it was killed"
        time.sleep(0.05)
    pytest.fail(f"the batch never reached {wanted}: {_batch_state(path)}")


@pytest.mark.parametrize(("phase", "delay"), [("running", 0.0), ("writing", 0.4)])
def test_a_killed_worker_leaves_all_or_nothing_and_a_new_worker_finishes_the_import(
    database: Path, tmp_path: Path, phase: str, delay: float
) -> None:
    # given a copy of the migrated database with a confirmed batch of 10,000 contacts queued
    path = tmp_path / "db.sqlite3"
    path.write_bytes(database.read_bytes())
    env = _env(path)
    setup = Path(__file__).with_name("kill_setup.py")
    script = f"import runpy; runpy.run_path({str(setup)!r}, run_name='__main__')"
    subprocess.run(
        [PYTHON, MANAGE, "shell", "-c", script],
        env={**env, "KILL_TEST_ROWS": str(ROWS)},
        check=True,
        timeout=300,
    )
    assert _counts(path) == (0, 0)
    # when a real worker takes the job and is killed -9 in the middle of `phase`
    worker = subprocess.Popen(
        [PYTHON, MANAGE, "run_worker", "--interval", "0.1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(path, phase, worker)
        time.sleep(delay)
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    # then nothing of the batch is in the database, and the job is left running (orphaned)
    status, processed = _batch_state(path)
    print(f"\nkilled in {phase}: batch status {status}, {processed} rows processed")
    assert status == phase
    assert _counts(path) == (0, 0)
    jobs = _query(path, "SELECT status FROM django_tasks_database_dbtaskresult "
                        "WHERE task_path LIKE '%apply_import_batch'")  # fmt: skip
    assert jobs == [("RUNNING",)]
    # when a new worker starts, it hands the dead worker's job back to the queue and runs it
    subprocess.run(
        [PYTHON, MANAGE, "run_worker", "--batch", "--interval", "0"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    # then the batch is there, once and whole
    assert _batch_state(path) == ("done", ROWS)
    assert _counts(path) == (ROWS, ROWS)
    assert _query(path, "SELECT created_count, skipped_count FROM imports_importbatch") == [
        (ROWS, 0)
    ]

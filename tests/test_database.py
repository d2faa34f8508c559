"""The database settings: SQLite holds concurrent writers (WAL, BEGIN IMMEDIATE, a busy timeout),
PostgreSQL is taken as given; every engine checks kept connections before reuse."""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections, transaction

from config.database import SQLITE_INIT_COMMAND, database_settings

ALIAS = "concurrent_sqlite"


def test_it_tunes_sqlite_for_concurrent_writers() -> None:
    database = database_settings(
        "sqlite:////srv/kam/kam.sqlite3", conn_max_age=60, sqlite_timeout=20
    )
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == "/srv/kam/kam.sqlite3"
    assert database["OPTIONS"] == {
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (0, True)


def test_it_takes_postgresql_as_given_with_health_checks() -> None:
    database = database_settings(
        "postgres://kam:secret@db.example:5433/kam", conn_max_age=60, sqlite_timeout=20
    )
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "kam")
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "OPTIONS" not in database or database["OPTIONS"] == {}


def test_the_project_settings_use_the_builder() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert settings.DATABASES["default"]["OPTIONS"]["init_command"] == SQLITE_INIT_COMMAND
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.fixture
def file_database(tmp_path: Path, django_db_blocker: object) -> Iterator[str]:
    """A second connection alias on a SQLite file, configured by `database_settings`."""
    database = database_settings(
        f"sqlite:///{tmp_path / 'concurrent.sqlite3'}", conn_max_age=0, sqlite_timeout=20
    )
    configured = connections.configure_settings({"default": {}, ALIAS: database})
    connections.settings[ALIAS] = configured[ALIAS]
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, total INTEGER NOT NULL)")
            cursor.execute("INSERT INTO ledger (total) VALUES (0)")
        connections[ALIAS].close()
        yield ALIAS
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def _write_many(alias: str, rounds: int, errors: list[BaseException]) -> None:
    """Read-modify-write in a transaction: the pattern that fails at once with a DEFERRED begin
    (the reader cannot upgrade its shared lock while the other thread holds the write lock)."""
    try:
        for _round in range(rounds):
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT MAX(total) FROM ledger")
                (latest,) = cursor.fetchone()
                time.sleep(0.001)  # let the other writer arrive while this one holds a read
                cursor.execute("INSERT INTO ledger (total) VALUES (%s)", [latest + 1])
    except BaseException as error:  # noqa: BLE001 - handed to the test thread
        errors.append(error)
    finally:
        connections[alias].close()


def test_two_writers_at_once_on_a_sqlite_file_both_succeed(file_database: str) -> None:
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_write_many, args=(file_database, 40, errors)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with connections[file_database].cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT total), MAX(total) FROM ledger")
        assert cursor.fetchone() == (81, 81, 80)  # no lost and no doubled write
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone() == (1,)  # NORMAL

"""Backup, restore and the lossless copy between databases, on a seeded demo database.

These tests work on scratch databases of their own (a SQLite file, and a PostgreSQL database
`kam_copy_test_<random>` when 127.0.0.1:5432 answers), not on the test database: a backup and a
restore need committed data and no open transaction. The demo is seeded once for the module
(`migrate` and `seed_demo` in a child process, where the scratch file is the default database)."""

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from kam.accounts.models import Account
from kam.audit.models import AuditEntry
from kam.core.dbcopy import database_alias, database_migrate, table_fingerprints

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# Microseconds that milliseconds would lose (dumpdata/loaddata keeps 123 of them).
STAMP = datetime(2024, 5, 6, 7, 8, 9, 123457, tzinfo=UTC)


def _manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]
    subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: S603


def _sqlite_copy(source: Path, target: Path) -> None:
    """A file copy of a SQLite database that is not in use (including its WAL)."""
    with database_alias("file_copy", f"sqlite:///{source}") as alias:
        call_command("backup_database", "--database", alias, "--output", str(target))


@pytest.fixture(scope="module")
def unblocked(django_db_blocker: object) -> Iterator[None]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("backups")


@pytest.fixture(scope="module")
def migrated(scratch: Path, unblocked: None) -> Path:
    """An empty, migrated SQLite file (data-migration rows only)."""
    path = scratch / "migrated.sqlite3"
    database_migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="module")
def seeded(scratch: Path, migrated: Path) -> str:
    """The URL of a SQLite file holding the demo, with one timestamp to the microsecond."""
    path = scratch / "seeded.sqlite3"
    _sqlite_copy(migrated, path)
    url = f"sqlite:///{path}"
    _manage(url, "seed_demo")
    with database_alias("seeded", url) as alias:
        Account.objects.using(alias).filter(name="华东电力集团").update(created_at=STAMP)
    return url


@pytest.fixture(scope="module")
def postgres(unblocked: None, seeded: str) -> Iterator[str]:
    """A scratch PostgreSQL database filled from the seeded SQLite file by copy_database."""
    name = f"kam_copy_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    admin.execute(f"CREATE DATABASE {name}")
    url = f"{POSTGRES_SERVER}/{name}"
    try:
        call_command("copy_database", "--from", seeded, "--to", url, "--yes", stdout=StringIO())
        yield url
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def _damage(alias: str) -> None:
    AuditEntry.objects.using(alias).all().delete()
    Account.objects.using(alias).update(name="changed", created_at=datetime(2020, 1, 1, tzinfo=UTC))


def _round_trip(alias: str, backup: Path) -> None:
    before = table_fingerprints(alias)
    call_command("backup_database", "--database", alias, "--output", str(backup), stdout=StringIO())
    _damage(alias)
    assert table_fingerprints(alias) != before
    call_command(
        "restore_database", "--database", alias, "--input", str(backup), "--yes", stdout=StringIO()
    )
    assert table_fingerprints(alias) == before
    assert Account.objects.using(alias).get(name="华东电力集团").created_at == STAMP


def test_it_round_trips_a_seeded_sqlite_database(seeded: str, scratch: Path) -> None:
    # given the seeded demo in a SQLite file, the working copy of this test
    work = scratch / "round-trip.sqlite3"
    _sqlite_copy(Path(seeded.removeprefix("sqlite:///")), work)
    with database_alias("work", f"sqlite:///{work}") as alias:
        assert Account.objects.using(alias).count() == 13
        # when it is backed up, damaged and restored
        # then every table's rows are back, datetimes to the microsecond
        _round_trip(alias, scratch / "backup.sqlite3")


def test_it_round_trips_a_seeded_postgresql_database(postgres: str, scratch: Path) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump/pg_restore are not installed")
    with database_alias("work", postgres) as alias:
        _round_trip(alias, scratch / "backup.dump")


def test_it_copies_sqlite_to_postgresql_losslessly(seeded: str, postgres: str) -> None:
    with database_alias("source", seeded) as source, database_alias("target", postgres) as target:
        # then every row of every table arrived unchanged, datetimes to the microsecond
        expected = table_fingerprints(source)
        assert table_fingerprints(target) == expected
        assert expected["accounts_account"][0] == 13
        assert Account.objects.using(target).get(name="华东电力集团").created_at == STAMP
        # and the sequences continue after the copied primary keys
        with connections[target].cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence('accounts_account', 'id'))")
            next_id = cursor.fetchone()[0]
        assert next_id == Account.objects.using(target).order_by("-pk").first().pk + 1


def test_it_copies_sqlite_to_sqlite_over_existing_rows(
    seeded: str, migrated: Path, scratch: Path
) -> None:
    # given a target that already holds rows of its own
    target = scratch / "copy-target.sqlite3"
    _sqlite_copy(migrated, target)
    url = f"sqlite:///{target}"
    with database_alias("target", url) as alias:
        AuditEntry.objects.using(alias).create(
            action="create", content_type_id=1, object_uuid="00000000-0000-0000-0000-000000000001"
        )
    # when the seeded demo is copied over it
    output = StringIO()
    call_command("copy_database", "--from", seeded, "--to", url, "--yes", stdout=output)
    # then the target holds exactly the source's rows
    assert "every table's checksum matches" in output.getvalue()
    with database_alias("source", seeded) as source, database_alias("target", url) as alias:
        assert table_fingerprints(alias) == table_fingerprints(source)
        assert Account.objects.using(alias).get(name="华东电力集团").created_at == STAMP


def test_it_refuses_to_restore_without_confirmation(migrated: Path, scratch: Path) -> None:
    work = scratch / "refuse.sqlite3"
    _sqlite_copy(migrated, work)
    with database_alias("work", f"sqlite:///{work}") as alias:
        before = table_fingerprints(alias)
        with pytest.raises(CommandError, match="Pass --yes to confirm"):
            call_command("restore_database", "--database", alias, "--input", str(work), "--noinput")
        assert table_fingerprints(alias) == before


def test_it_says_when_pg_dump_is_missing(
    postgres: str, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(scratch))
    with (
        database_alias("work", postgres) as alias,
        pytest.raises(CommandError, match="pg_dump was not found on PATH"),
    ):
        call_command("backup_database", "--database", alias, "--output", str(scratch / "x.dump"))
    assert not (scratch / "x.dump").exists()

"""Online backup and restore of the configured database (README, "Backup, restore and migration").

SQLite: the sqlite3 online backup API copies a consistent snapshot page by page while the site
keeps running (readers and writers are not stopped). PostgreSQL: `pg_dump --format=custom` and
`pg_restore --clean --if-exists --no-owner --single-transaction` (all or nothing), with the
connection settings of the database alias."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.db.backends.postgresql.client import DatabaseClient


class BackupError(Exception):
    """The backup or restore could not run; the message says why and what to do."""


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _raw_sqlite(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("A backup or restore cannot run inside a transaction.")
    return connection.connection  # sqlite3.Connection on SQLite


def _pg_binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools "
            f"(Debian/Ubuntu: apt-get install postgresql-client) in the server's major version."
        )
    return found


def _pg_env(alias: str) -> dict[str, str]:
    """libpq environment for the alias: password, SSL options and service from Django's own
    psql client, host/port/user/database from the settings."""
    settings_dict = connections[alias].settings_dict
    _, client_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(client_env or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _pg_name(alias: str) -> str:
    name = connections[alias].settings_dict.get("NAME")
    if not name:
        raise BackupError("The PostgreSQL database has no NAME (DATABASE_URL without a database).")
    return str(name)


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def database_backup(*, output: Path, alias: str = "default") -> None:
    """Write a consistent copy of the database to `output` (a SQLite file or a pg_dump archive)."""
    if _vendor(alias) == "sqlite":
        source = _raw_sqlite(alias)
        target = sqlite3.connect(output)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
        return
    command = [_pg_binary("pg_dump"), "--format=custom", f"--file={output}", _pg_name(alias)]
    connections[alias].close()  # pg_dump opens its own connection
    _run(command, _pg_env(alias))


def database_restore(*, source: Path, alias: str = "default") -> None:
    """Replace the database's content with the backup at `source` (made by database_backup)."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    if _vendor(alias) == "sqlite":
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup.execute("PRAGMA schema_version").fetchone()  # fails early on a non-SQLite file
            backup.backup(_raw_sqlite(alias))
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a SQLite backup: {error}") from error
        finally:
            backup.close()
        return
    connections[alias].close()
    command = [
        _pg_binary("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        f"--dbname={_pg_name(alias)}",
        str(source),
    ]
    _run(command, _pg_env(alias))

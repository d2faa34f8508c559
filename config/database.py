"""The `DATABASES["default"]` entry built from a URL: PostgreSQL as given, SQLite tuned so that
several web and task-worker processes may write at once."""

from typing import Any

import dj_database_url

SQLITE_ENGINE = "django.db.backends.sqlite3"

# Run on every new SQLite connection (Django splits on ";").
# - WAL: readers never block the writer and the writer never blocks readers.
# - synchronous=NORMAL: in WAL mode this cannot corrupt the database and keeps every committed
#   transaction when a process dies (kill -9, a crash): the WAL is in the OS's page cache. Only an
#   OS crash or a power cut may roll back the last transactions committed before it (SQLite's own
#   advice for WAL). It saves an fsync per commit; run PostgreSQL where that trade is not wanted.
SQLITE_INIT_COMMAND = "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"


def database_settings(url: str, *, conn_max_age: int, sqlite_timeout: int) -> dict[str, Any]:
    """The settings of one database. Every engine checks a kept connection before reusing it
    (`CONN_HEALTH_CHECKS`), so the first request after a database restart does not fail.

    SQLite: transactions begin IMMEDIATE (they take the write lock at BEGIN, so a transaction
    that read first never has to upgrade its lock, which fails with "database is locked" at
    once whatever the timeout), a writer waits up to `sqlite_timeout` seconds for the lock, and
    connections are not kept (a SQLite connection costs nothing to open)."""
    database: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    )
    if database["ENGINE"] == SQLITE_ENGINE:
        database["OPTIONS"] = {
            "init_command": SQLITE_INIT_COMMAND,
            "transaction_mode": "IMMEDIATE",
            "timeout": sqlite_timeout,
        }
        database["CONN_MAX_AGE"] = 0
    return database


# Seconds a web process waits for the replica to accept a connection before it reads the primary
# instead (PostgreSQL; a `connect_timeout` in DATABASE_REPLICA_URL's query string wins).
REPLICA_CONNECT_TIMEOUT = 2


def replica_settings(url: str, *, conn_max_age: int, sqlite_timeout: int) -> dict[str, Any]:
    """The settings of the read replica (`DATABASE_REPLICA_URL`): parsed like the primary, with a
    short connect timeout (an unreachable replica must not hold up a page: see
    kam/core/db_router.py). In tests it mirrors the primary; the replica smoke test
    (tests/replica/) uses the real, already migrated databases instead."""
    database = database_settings(url, conn_max_age=conn_max_age, sqlite_timeout=sqlite_timeout)
    if database["ENGINE"] != SQLITE_ENGINE:
        database.setdefault("OPTIONS", {}).setdefault("connect_timeout", REPLICA_CONNECT_TIMEOUT)
    database["TEST"] = {"MIRROR": "default"}
    return database

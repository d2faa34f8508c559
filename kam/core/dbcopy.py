"""Lossless copy of every table from one database to another (SQLite → PostgreSQL, or any pair).

Why not dumpdata/loaddata: JSON serialization goes through DjangoJSONEncoder, which cuts the
microseconds of every datetime to milliseconds (`isoformat()[:23]`), so timestamps — and with
them the order of entries written in the same millisecond — change on the way. Here the rows go
model by model through the ORM from one connection to the other as Python values (datetimes
keep their microseconds), with their primary keys, written raw (no `auto_now`, no signals, no
`save()`), in dependency order inside one transaction on the target (Django's foreign keys are
deferred to the commit); then the target's sequences are reset (`sqlsequencereset`)."""

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model

from kam.core.backups import BackupError

SOURCE_ALIAS = "copy_source"
TARGET_ALIAS = "copy_target"
BATCH = 1000


@contextmanager
def database_alias(alias: str, url: str) -> Iterator[str]:
    """A database connection `alias` to `url` for the duration of the block."""
    connections.settings[alias] = dj_database_url.parse(url)
    connections.configure_settings(connections.settings)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def copied_models() -> list[type[Model]]:
    """Every table of every installed app (auto-created many-to-many tables included), parents
    before the models that point to them (cycles are left to the deferred foreign keys)."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    ordered: list[type[Model]] = []
    visiting: set[type[Model]] = set()

    def visit(model: type[Model]) -> None:
        if model in ordered or model in visiting:
            return
        visiting.add(model)
        for field in model._meta.local_concrete_fields:
            related = field.related_model
            if isinstance(related, type) and related is not model and related in models:
                visit(related)
        visiting.discard(model)
        ordered.append(model)

    for model in sorted(models, key=lambda m: m._meta.label):
        visit(model)
    return ordered


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()  # microseconds included
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def table_fingerprints(alias: str) -> dict[str, tuple[int, str]]:
    """{table: (row count, sha256 of every column of every row in primary-key order)}."""
    fingerprints = {}
    for model in copied_models():
        names = [field.attname for field in model._meta.local_concrete_fields]
        digest = hashlib.sha256()
        count = 0
        rows = model._base_manager.using(alias).order_by("pk").values_list(*names)
        for row in rows.iterator(chunk_size=BATCH):
            line = json.dumps([_plain(value) for value in row], sort_keys=True, default=str)
            digest.update(line.encode())
            count += 1
        fingerprints[model._meta.db_table] = (count, digest.hexdigest())
    return fingerprints


def _require_migrated(alias: str, role: str) -> None:
    executor = MigrationExecutor(connections[alias])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            f"The {role} database has unapplied migrations: run `manage.py migrate` on it first."
        )


def database_migrate(url: str) -> None:
    """`manage.py migrate` on the database at `url`, in its own process where it is the default
    database (the data migrations write to the default database, whatever alias migrates)."""
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "migrate", "--noinput", "-v0"]
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"migrate failed on the target database: {result.stderr.strip()}")


def _copy_table(model: type[Model], source: str, target: str) -> int:
    fields = list(model._meta.local_concrete_fields)
    manager = model._base_manager
    # Rows per INSERT: BATCH, or fewer where the backend limits the parameters (SQLite).
    size = max(1, min(BATCH, connections[target].ops.bulk_batch_size(fields, [None] * BATCH)))
    batch: list[Model] = []
    copied = 0
    for row in manager.using(source).order_by("pk").iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) >= size:
            manager.using(target)._insert(batch, fields=fields, using=target, raw=True)  # type: ignore[attr-defined]
            copied += len(batch)
            batch = []
    if batch:
        manager.using(target)._insert(batch, fields=fields, using=target, raw=True)  # type: ignore[attr-defined]
        copied += len(batch)
    return copied


def database_copy(*, source: str, target: str) -> dict[str, int]:
    """Copy every row of `source` (an alias) to `target` (an alias), replacing the target's
    content; both must be migrated (database_migrate). Returns {table: rows copied}."""
    _require_migrated(source, "source")
    _require_migrated(target, "target")
    models = copied_models()
    tables = [model._meta.db_table for model in models]
    target_connection = connections[target]
    copied = {}
    with transaction.atomic(using=target), target_connection.cursor() as cursor:
        for sql in target_connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)
        for model in models:
            copied[model._meta.db_table] = _copy_table(model, source, target)
        for sql in target_connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    return copied

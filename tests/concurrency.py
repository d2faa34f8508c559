"""Run calls at the same moment in threads, to show that a race is closed (PostgreSQL only:
SQLite serialises writers anyway, and an in-memory test database is not shared by threads)."""

import threading
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection

T = TypeVar("T")

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks only matter on PostgreSQL"
)


def run_at_once(*calls: Callable[[], T]) -> list[T]:
    """Start every call at the same moment, each in its own thread and database connection;
    return their results in order (an exception a call raised is re-raised here)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], T]) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 — handed back to the test thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results  # type: ignore[return-value]


@pytest.fixture
def seeded_transactional_db(transactional_db: None) -> None:
    """A committed database holding the rows data migrations seed (templates, policies,
    mechanisms): an earlier transactional test's flush may have emptied it. Pair it with
    `reseed_after_module` so that the tests after this module find those rows again."""
    from tests.browser.conftest import _seed_migration_data

    _seed_migration_data()

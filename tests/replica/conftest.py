"""The replica smoke runs on the real primary and replica (scripts/replica-smoke.sh): no test
database is made, and nothing wraps a test in a transaction (the replica only sees what the
primary committed). The smoke's database is thrown away afterwards."""

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def django_db_setup() -> None:
    """The databases of DATABASE_URL and DATABASE_REPLICA_URL as they are: the smoke migrated
    the primary, and the replica copies it (a test database would be a copy of the primary's
    alias on the replica's side too: TEST MIRROR)."""


@pytest.fixture
def committed_database(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """Database access with every write committed at once (no test transaction)."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield

"""Primary and replica: the read-only portfolio pages read a streaming replica
(`DATABASE_REPLICA_URL`), every other query goes to the primary (README, "Primary and replica").

A read goes to the replica only when all of these hold:

- it runs inside `replica_reads()` (the portfolio views are wrapped in `reads_from_replica`);
- the client did not write within the last DATABASE_REPLICA_PIN_SECONDS (PrimaryPinMiddleware
  pins it to the primary, so the page after a save shows the save while the replica lags);
- no transaction is open on the primary (a read inside one must see its writes);
- the replica answers; one that does not is left alone for DATABASE_REPLICA_RETRY_SECONDS and
  the primary answers instead.

Writes always go to the primary, and migrations never run on the replica (it copies the
primary's schema)."""

import functools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from kam.core.outage import CONNECTION_ERRORS

logger = logging.getLogger(__name__)

REPLICA = "replica"
_DATABASES = frozenset({DEFAULT_DB_ALIAS, REPLICA})

_in_replica_scope: ContextVar[bool] = ContextVar("kam_in_replica_scope", default=False)
_is_pinned_to_primary: ContextVar[bool] = ContextVar("kam_is_pinned_to_primary", default=False)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside may go to the replica (when the other rules allow it)."""
    token = _in_replica_scope.set(True)
    try:
        yield
    finally:
        _in_replica_scope.reset(token)


def reads_from_replica(view: Callable[P, R]) -> Callable[P, R]:
    """A read-only view whose reads (its selectors, the template it renders) may go to the
    replica. Put it under `login_required`: the session and the user are read before it, on the
    primary."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return view(*args, **kwargs)

    wrapper.reads_from_replica = True  # type: ignore[attr-defined]
    return wrapper


@contextmanager
def primary_pinned(is_pinned: bool = True) -> Iterator[None]:
    """Reads inside go to the primary even in `replica_reads()` (when `is_pinned`)."""
    token = _is_pinned_to_primary.set(is_pinned)
    try:
        yield
    finally:
        _is_pinned_to_primary.reset(token)


class ReplicaHealth:
    """Whether the replica may be asked, per process: a connection that fails sends reads to the
    primary for DATABASE_REPLICA_RETRY_SECONDS before the replica is tried again (so a replica
    that is down costs one connect timeout per process and period, not one per page)."""

    def __init__(self, connection: Callable[[], BaseDatabaseWrapper]) -> None:
        self.connection = connection
        self.down_until = 0.0

    def is_usable(self) -> bool:
        if time.monotonic() < self.down_until:
            return False
        connection = self.connection()
        try:
            # A kept connection is checked once per request (CONN_HEALTH_CHECKS), a new one made.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except CONNECTION_ERRORS as error:
            seconds = settings.DATABASE_REPLICA_RETRY_SECONDS
            self.down_until = time.monotonic() + seconds
            logger.warning("Replica unreachable; reading the primary for %s s: %s", seconds, error)
            return False
        return True


replica_health = ReplicaHealth(lambda: connections[REPLICA])


class ReplicaRouter:
    """Django's database router for the rules above (DATABASE_ROUTERS, set with the replica)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if (
            _in_replica_scope.get()
            and not _is_pinned_to_primary.get()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
            and replica_health.is_usable()
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Model, second: Model, **hints: Any) -> bool | None:
        """Rows read from the replica are the primary's rows: they may be related."""
        if {first._state.db, second._state.db} <= _DATABASES:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None

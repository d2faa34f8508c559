"""Primary and replica: the router's decisions (scope, pin, open transaction, a replica that does
not answer, migrations), the pin cookie of PrimaryPinMiddleware, the settings that switch it all
on, and which pages read the replica. The real replication is tested by tests/replica/."""

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from django.core import signing
from django.db import DEFAULT_DB_ALIAS, OperationalError
from django.db.utils import ConnectionHandler
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import resolve

from kam.accounts.models import Account
from kam.core import db_router
from kam.core.db_router import (
    REPLICA,
    ReplicaHealth,
    ReplicaRouter,
    primary_pinned,
    reads_from_replica,
    replica_reads,
)
from kam.core.middleware import PIN_COOKIE, PrimaryPinMiddleware
from kam.users.models import User

ROUTER = ReplicaRouter()


class FakeConnection:
    """Stands for the replica's connection: counts the attempts, fails while `is_down`."""

    def __init__(self, *, is_down: bool) -> None:
        self.is_down = is_down
        self.attempts = 0

    def close_if_health_check_failed(self) -> None:
        pass

    def ensure_connection(self) -> None:
        self.attempts += 1
        if self.is_down:
            raise OperationalError("connection refused")


@pytest.fixture
def replica(monkeypatch: pytest.MonkeyPatch) -> FakeConnection:
    """A replica that answers."""
    connection = FakeConnection(is_down=False)
    monkeypatch.setattr(db_router, "replica_health", ReplicaHealth(lambda: connection))
    return connection


def test_it_reads_the_replica_only_inside_the_scope(replica: FakeConnection) -> None:
    assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS
    with replica_reads():
        assert ROUTER.db_for_read(Account) == REPLICA
    assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS


def test_it_writes_the_primary_also_inside_the_scope(replica: FakeConnection) -> None:
    with replica_reads():
        assert ROUTER.db_for_write(Account) == DEFAULT_DB_ALIAS
    assert ROUTER.db_for_write(Account) == DEFAULT_DB_ALIAS


def test_a_pinned_client_reads_the_primary_inside_the_scope(replica: FakeConnection) -> None:
    with primary_pinned(), replica_reads():
        assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS
    with primary_pinned(is_pinned=False), replica_reads():
        assert ROUTER.db_for_read(Account) == REPLICA
    assert replica.attempts == 1


@pytest.mark.django_db
def test_a_read_inside_a_transaction_on_the_primary_stays_there(replica: FakeConnection) -> None:
    # given the test's transaction on the primary (pytest-django's `db`)
    with replica_reads():
        assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS
    assert replica.attempts == 0


def test_the_decorated_view_reads_the_replica_and_leaves_the_scope_on_error(
    replica: FakeConnection,
) -> None:
    @reads_from_replica
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(ROUTER.db_for_read(Account))

    @reads_from_replica
    def failing_view(request: HttpRequest) -> HttpResponse:
        raise ValueError(ROUTER.db_for_read(Account))

    request = RequestFactory().get("/")
    assert view(request).content == b"replica"
    with pytest.raises(ValueError, match="^replica$"):
        failing_view(request)
    assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS


def test_an_unreachable_replica_sends_reads_to_the_primary_until_the_retry(
    monkeypatch: pytest.MonkeyPatch, settings: object
) -> None:
    settings.DATABASE_REPLICA_RETRY_SECONDS = 30  # type: ignore[attr-defined]
    connection = FakeConnection(is_down=True)
    monkeypatch.setattr(db_router, "replica_health", ReplicaHealth(lambda: connection))
    now = [1000.0]
    monkeypatch.setattr(db_router.time, "monotonic", lambda: now[0])
    with replica_reads():
        assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS
        assert ROUTER.db_for_read(User) == DEFAULT_DB_ALIAS
        assert connection.attempts == 1  # not asked again within the retry period
        connection.is_down = False
        now[0] += 29.9
        assert ROUTER.db_for_read(Account) == DEFAULT_DB_ALIAS
        now[0] += 0.2
        assert ROUTER.db_for_read(Account) == REPLICA
    assert connection.attempts == 2


def test_a_real_connection_that_cannot_open_counts_as_down(
    tmp_path: Path, django_db_blocker: object
) -> None:
    missing = str(tmp_path / "missing-directory" / "replica.sqlite3")
    handler = ConnectionHandler(
        {
            DEFAULT_DB_ALIAS: {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            REPLICA: {"ENGINE": "django.db.backends.sqlite3", "NAME": missing},
        }
    )
    health = ReplicaHealth(lambda: handler[REPLICA])
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        assert health.is_usable() is False
    assert health.down_until > 0
    handler.close_all()


def test_migrations_never_run_on_the_replica() -> None:
    assert ROUTER.allow_migrate(REPLICA, "accounts", model_name="account") is False
    assert ROUTER.allow_migrate(DEFAULT_DB_ALIAS, "accounts", model_name="account") is None


def test_rows_of_primary_and_replica_may_be_related() -> None:
    from_replica, from_primary, elsewhere = Account(), User(), User()
    from_replica._state.db, from_primary._state.db, elsewhere._state.db = (
        REPLICA,
        DEFAULT_DB_ALIAS,
        "other",
    )
    assert ROUTER.allow_relation(from_replica, from_primary) is True
    assert ROUTER.allow_relation(from_replica, elsewhere) is None


# --- PrimaryPinMiddleware -------------------------------------------------------------------


def _decision(request: HttpRequest) -> HttpResponse:
    """A view that answers where a portfolio read would go."""
    with replica_reads():
        return HttpResponse(ROUTER.db_for_read(Account))


MIDDLEWARE = PrimaryPinMiddleware(_decision)


def _pin_cookie_after(method: str) -> str | None:
    response = MIDDLEWARE(getattr(RequestFactory(), method)("/accounts/"))
    cookie = response.cookies.get(PIN_COOKIE)
    return cookie.value if cookie is not None else None


@override_settings(DATABASE_REPLICA_PIN_SECONDS=5)
def test_a_write_pins_the_client_to_the_primary_for_the_window(replica: FakeConnection) -> None:
    # given a POST answered with the pin cookie
    response = MIDDLEWARE(RequestFactory().post("/accounts/new/"))
    cookie = response.cookies[PIN_COOKIE]
    assert (cookie["max-age"], cookie["httponly"], cookie["samesite"]) == (5, True, "Lax")
    # when the same client reads a portfolio page
    pinned = MIDDLEWARE(RequestFactory(headers={"Cookie": f"{PIN_COOKIE}={cookie.value}"}).get("/"))
    # then it reads the primary, and a client without the cookie the replica
    assert pinned.content == b"default"
    assert MIDDLEWARE(RequestFactory().get("/")).content == b"replica"
    assert PIN_COOKIE not in pinned.cookies


@override_settings(DATABASE_REPLICA_PIN_SECONDS=5)
def test_every_unsafe_method_pins_and_no_safe_one(replica: FakeConnection) -> None:
    assert {m: _pin_cookie_after(m) is not None for m in ("post", "put", "patch", "delete")} == {
        "post": True,
        "put": True,
        "patch": True,
        "delete": True,
    }
    assert {m: _pin_cookie_after(m) for m in ("get", "head", "options")} == {
        "get": None,
        "head": None,
        "options": None,
    }


@pytest.fixture
def signed_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """The clock of signing (the cookie's timestamp and its age check)."""
    now = [1_700_000_000.0]
    monkeypatch.setattr(signing.time, "time", lambda: now[0])
    yield now


@override_settings(DATABASE_REPLICA_PIN_SECONDS=5)
def test_the_pin_ends_after_the_window(replica: FakeConnection, signed_at: list[float]) -> None:
    value = _pin_cookie_after("post")
    request = RequestFactory(headers={"Cookie": f"{PIN_COOKIE}={value}"})
    signed_at[0] += 4.5
    assert MIDDLEWARE(request.get("/")).content == b"default"
    signed_at[0] += 1.0
    assert MIDDLEWARE(request.get("/")).content == b"replica"


@override_settings(DATABASE_REPLICA_PIN_SECONDS=5)
def test_a_forged_pin_cookie_pins_nothing(replica: FakeConnection) -> None:
    request = RequestFactory(headers={"Cookie": f"{PIN_COOKIE}=1"}).get("/")
    assert MIDDLEWARE(request).content == b"replica"


@override_settings(DATABASE_REPLICA_PIN_SECONDS=0)
def test_a_window_of_zero_seconds_pins_nobody(replica: FakeConnection) -> None:
    assert _pin_cookie_after("post") is None


# --- Settings and pages ---------------------------------------------------------------------


def _base_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    """config.settings.base imported afresh under these environment variables."""
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "config.settings.base", raising=False)
    return importlib.import_module("config.settings.base")


def test_without_a_replica_url_nothing_is_routed(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _base_settings(monkeypatch)
    assert list(base.DATABASES) == ["default"]
    assert not hasattr(base, "DATABASE_ROUTERS")
    assert "kam.core.middleware.PrimaryPinMiddleware" not in base.MIDDLEWARE


def test_a_replica_url_adds_the_replica_router_and_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _base_settings(
        monkeypatch,
        DATABASE_URL="postgres://kam@db1.example.com:5432/kam",
        DATABASE_REPLICA_URL="postgres://kam@db2.example.com:5433/kam",
        DATABASE_REPLICA_PIN_SECONDS="8",
    )
    replica = base.DATABASES["replica"]
    assert (replica["HOST"], replica["PORT"], replica["NAME"]) == ("db2.example.com", 5433, "kam")
    assert (replica["CONN_HEALTH_CHECKS"], replica["OPTIONS"]) == (True, {"connect_timeout": 2})
    assert replica["TEST"] == {"MIRROR": "default"}
    assert base.DATABASE_ROUTERS == ["kam.core.db_router.ReplicaRouter"]
    assert base.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "kam.core.middleware.PrimaryPinMiddleware",
    ]
    assert base.DATABASE_REPLICA_PIN_SECONDS == 8


PORTFOLIO_PAGES = [
    "/portfolio/scorecard/",
    "/portfolio/relationships/",
    "/portfolio/cycle/",
    "/broad/portfolio/",
    "/value/portfolio/",
    "/engagement/portfolio/",
]


def test_the_portfolio_pages_and_only_they_read_the_replica() -> None:
    assert {path: getattr(resolve(path).func, "reads_from_replica", False) for path in [
        *PORTFOLIO_PAGES, "/accounts/", "/", "/portfolio/scorecard/policy/",
    ]} == {**dict.fromkeys(PORTFOLIO_PAGES, True), "/accounts/": False, "/": False,
           "/portfolio/scorecard/policy/": False}  # fmt: skip

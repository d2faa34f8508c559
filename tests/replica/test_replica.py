"""Primary and replica with real PostgreSQL streaming replication (scripts/replica-smoke.sh):
a write through a service lands on the primary and streams to the replica; the portfolio pages
then read the replica (only the session and the user on the primary); right after a POST the
same client reads the primary until the pin window ends; an unreachable replica leaves the pages
on the primary. Skipped unless DATABASE_REPLICA_URL is set (KAM_REQUIRE_REPLICA=1 fails then)."""

import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import cast

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import ConnectionHandler
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kam.accounts.models import Account
from kam.accounts.services import AccountInput, account_create
from kam.core import db_router
from kam.core.db_router import REPLICA, ReplicaHealth
from kam.core.middleware import PIN_COOKIE
from kam.users.models import User
from tests.factories import UserFactory

if not settings.DATABASE_REPLICA_URL and os.environ.get("KAM_REQUIRE_REPLICA") == "1":
    pytest.fail("KAM_REQUIRE_REPLICA=1 but DATABASE_REPLICA_URL is not set", pytrace=False)

pytestmark = [
    pytest.mark.skipif(
        not settings.DATABASE_REPLICA_URL, reason="needs DATABASE_REPLICA_URL (replica-smoke.sh)"
    ),
    pytest.mark.usefixtures("committed_database"),
]

PORTFOLIO_PAGES = [
    "/portfolio/scorecard/",
    "/portfolio/relationships/",
    "/portfolio/cycle/",
    "/broad/portfolio/",
    "/value/portfolio/",
    "/engagement/portfolio/",
]
# Read on the primary before a replica-routed view starts (by login_required).
SIGN_IN_TABLES = {"django_session", "users_user"}
REPLICATION_TIMEOUT_S = 10.0


def _tables(queries: CaptureQueriesContext) -> set[str]:
    return {
        table
        for query in queries.captured_queries
        for table in re.findall(r'(?:FROM|JOIN|INTO|UPDATE) "(\w+)"', query["sql"])
    }


def _wait_until(is_true: Callable[[], bool]) -> None:
    deadline = time.monotonic() + REPLICATION_TIMEOUT_S
    while not is_true():
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


class Captured:
    def __init__(self) -> None:
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        self.replica = CaptureQueriesContext(connections[REPLICA])


@pytest.fixture
def captured() -> Iterator[Callable[[Callable[[], object]], tuple[object, Captured]]]:
    def run(call: Callable[[], object]) -> tuple[object, Captured]:
        capture = Captured()
        with capture.primary, capture.replica:
            result = call()
        return result, capture

    yield run


@pytest.fixture
def director() -> User:
    return cast(User, UserFactory(username=f"director-{uuid.uuid4().hex[:8]}", role="director"))


@pytest.fixture
def client(director: User) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(director)
    return client


@pytest.fixture
def replicated_account(director: User) -> Account:
    """An account written through the service on the primary, once it is on the replica."""
    name = f"Replica Co. {uuid.uuid4().hex[:8]}"
    account = account_create(
        actor=director,
        data=AccountInput(name=name, industry="energy", region="east_china", owner=director),
    )
    assert Account.objects.using(DEFAULT_DB_ALIAS).filter(uuid=account.uuid).exists()
    _wait_until(lambda: Account.objects.using(REPLICA).filter(uuid=account.uuid).exists())
    return account


def test_the_replica_is_a_streaming_copy_that_refuses_writes() -> None:
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT state FROM pg_stat_replication")
        assert cursor.fetchall() == [("streaming",)]


def test_the_cycle_roll_up_reads_the_replica_after_the_write_streamed(
    client: Client, replicated_account: Account, captured: Callable
) -> None:
    response, queries = captured(lambda: client.get("/portfolio/cycle/"))
    assert response.status_code == 200
    assert replicated_account.name in response.content.decode()
    assert "accounts_account" in _tables(queries.replica)
    assert _tables(queries.primary) <= SIGN_IN_TABLES
    assert PIN_COOKIE not in response.cookies


@pytest.mark.parametrize("path", PORTFOLIO_PAGES)
def test_every_portfolio_page_reads_the_replica(
    path: str, client: Client, replicated_account: Account, captured: Callable
) -> None:
    response, queries = captured(lambda: client.get(path))
    assert response.status_code == 200
    assert len(queries.replica) >= 2
    assert _tables(queries.primary) <= SIGN_IN_TABLES


def test_right_after_a_post_the_page_reads_the_primary_until_the_pin_ends(
    client: Client, director: User, captured: Callable, settings: object
) -> None:
    settings.DATABASE_REPLICA_PIN_SECONDS = 2  # type: ignore[attr-defined]
    name = f"Pinned Co. {uuid.uuid4().hex[:8]}"
    # when the director creates an account through the page (a POST)
    created = client.post(
        "/accounts/new/",
        {"name": name, "industry": "energy", "region": "east_china", "status": "active",
         "currency": "CNY", "current_revenue": "1000", "owner": director.pk},
    )  # fmt: skip
    assert (created.status_code, PIN_COOKIE in created.cookies) == (302, True)
    # then the roll-up right after it reads the primary only, and shows the new account
    response, queries = captured(lambda: client.get("/portfolio/cycle/"))
    assert response.status_code == 200
    assert name in response.content.decode()
    assert len(queries.replica) == 0
    assert "accounts_account" in _tables(queries.primary)
    # and once the pin window is over, the replica again
    time.sleep(2.2)
    response, queries = captured(lambda: client.get("/portfolio/cycle/"))
    assert name in response.content.decode()
    assert "accounts_account" in _tables(queries.replica)
    assert _tables(queries.primary) <= SIGN_IN_TABLES


def test_an_unreachable_replica_leaves_the_page_on_the_primary(
    client: Client,
    replicated_account: Account,
    captured: Callable,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given a replica whose port nobody listens on
    handler = ConnectionHandler(
        {
            DEFAULT_DB_ALIAS: settings.DATABASES[DEFAULT_DB_ALIAS],
            REPLICA: {**settings.DATABASES[REPLICA], "PORT": 1},
        }
    )
    monkeypatch.setattr(db_router, "replica_health", ReplicaHealth(lambda: handler[REPLICA]))
    # when the director opens the roll-up
    response, queries = captured(lambda: client.get("/portfolio/cycle/"))
    # then the primary answers it
    assert response.status_code == 200
    assert replicated_account.name in response.content.decode()
    assert len(queries.replica) == 0
    assert "accounts_account" in _tables(queries.primary)
    assert [r.getMessage()[:51] for r in caplog.records if r.name == "kam.core.db_router"] == [
        "Replica unreachable; reading the primary for 30 s: "
    ]
    handler.close_all()

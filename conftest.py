"""Persona fixtures shared by every test: owner, teammate, outsider, viewer, director."""

import pytest
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from tests.factories import AccountFactory, ContactFactory, TeamMembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def english_by_default() -> object:
    """Tests read English messages unless they ask for 中文 (the product default) explicitly."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker run inside a test (`run_worker --batch`) shares the test's connection, which
    lives inside the test's transaction. The worker closes "old" connections before each poll;
    on PostgreSQL that would close the test's own connection (SQLite's in-memory test database
    ignores it). Worker processes outside the tests keep the backend's behaviour."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


@pytest.fixture(autouse=True, scope="session")
def test_client_login_passes_a_request() -> object:
    """`Client.login(username=…, password=…)` calls `authenticate()` without a request, which
    django-axes refuses (it counts failures per address). Give it a request from 127.0.0.1, so
    such logins go through the same lockout rule as the sign-in page."""
    original = Client.login

    def login(self: Client, **credentials: object) -> bool:
        if "request" not in credentials:
            request = HttpRequest()
            request.META["REMOTE_ADDR"] = "127.0.0.1"
            credentials["request"] = request
        return original(self, **credentials)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "login", login)
        yield


@pytest.fixture
def owner(db: None) -> object:
    """A key account manager who owns `account`."""
    return UserFactory(username="owner", role="account_manager")


@pytest.fixture
def account(owner: object) -> object:
    created = AccountFactory(name="华东电力集团", owner=owner)
    TeamMembershipFactory(account=created, user=owner, team_role="account_manager")
    return created


@pytest.fixture
def teammate(account: object) -> object:
    """A team member on `account`'s team."""
    user = UserFactory(username="teammate", role="team_member")
    TeamMembershipFactory(account=account, user=user, team_role="solution")
    return user


@pytest.fixture
def outsider(db: None) -> object:
    """A key account manager of another team: must not see or change `account`."""
    user = UserFactory(username="outsider", role="account_manager")
    AccountFactory(name="Outsider Co.", owner=user)
    return user


@pytest.fixture
def viewer(account: object) -> object:
    """A read-only user on `account`'s team."""
    user = UserFactory(username="viewer", role="viewer")
    TeamMembershipFactory(account=account, user=user, team_role="other")
    return user


@pytest.fixture
def director(db: None) -> object:
    return UserFactory(username="director", role="director")


@pytest.fixture
def contact(account: object) -> object:
    return ContactFactory(account=account, name="张伟", title="CIO", seniority="executive")


def _client_for(user: object) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def client_for() -> object:
    return _client_for


@pytest.fixture(autouse=True)
def empty_cache() -> object:
    """Every test starts with an empty cache (the portfolio matrix is cached per data version)."""
    from django.core.cache import cache

    cache.clear()
    yield

"""Persona fixtures shared by every test: owner, teammate, outsider, viewer, director."""

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import AccountFactory, ContactFactory, TeamMembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def english_by_default() -> object:
    """Tests read English messages unless they ask for 中文 (the product default) explicitly."""
    with translation.override("en"):
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

"""Fixtures of the handover tests: an account with two key persons rated by its manager (and
one contact who is not a key person), and the colleague who takes it over."""

import pytest

from kam.handover.tests.objects import key_person, rate_ladder
from tests.factories import ContactFactory, TeamMembershipFactory, UserFactory


@pytest.fixture
def successor(account: object) -> object:
    """The account manager who takes the account over (already on its team)."""
    user = UserFactory(username="successor", role="account_manager")
    TeamMembershipFactory(account=account, user=user, team_role="solution")
    return user


@pytest.fixture
def rated(owner: object, account: object) -> dict[str, object]:
    first = key_person(account, "王总", influence=8, support=1)
    second = key_person(account, "李总", influence=6, support=0)
    ContactFactory(account=account, name="小赵")  # not a key person: not handed over
    rate_ladder(owner, first)
    rate_ladder(owner, second)
    return {"first": first, "second": second}

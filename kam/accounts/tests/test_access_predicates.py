"""The portfolio-wide predicates of kam.accounts.access, and the menu that asks them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kam.accounts.access import (
    account_workers,
    can_administer_portfolio,
    can_read_all_personal_data,
    is_account_worker,
)
from tests.factories import AccountFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "director", "account_manager", "team_member", "viewer"]


def test_it_lets_only_directors_and_administrators_administer_the_portfolio() -> None:
    users = {role: UserFactory(role=role) for role in ROLES}

    allowed = {role for role, user in users.items() if can_administer_portfolio(user)}

    assert allowed == {"administrator", "director"}
    assert can_administer_portfolio(AnonymousUser()) is False


def test_it_lets_only_directors_read_all_personal_data() -> None:
    users = {role: UserFactory(role=role) for role in ROLES}

    allowed = {role for role, user in users.items() if can_read_all_personal_data(user)}

    assert allowed == {"director"}


def test_it_counts_the_owner_and_the_team_as_the_people_working_on_an_account() -> None:
    account = AccountFactory()
    member = TeamMembershipFactory(account=account).user
    outsider = UserFactory()

    workers = set(account_workers(account))

    assert workers == {account.owner, member}
    assert [is_account_worker(user, account) for user in (account.owner, member, outsider)] == [
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(("role", "shown"), [("director", True), ("account_manager", False)])
def test_it_shows_the_portfolio_menu_to_those_who_administer_it(
    client: object, role: str, shown: bool
) -> None:
    client.force_login(UserFactory(role=role))

    html = client.get(reverse("accounts:list")).content.decode()

    assert (reverse("compliance:approvals") in html) is shown
    assert (reverse("assessments:template_list") in html) is shown

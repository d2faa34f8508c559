"""The portfolio page, the matrix JSON and the account pages keep a constant, small number of
queries when the portfolio grows tenfold."""

import pytest
from django.urls import reverse

from kam.scorecard.services import portfolio_settings_update
from tests.factories import AccountFactory, TeamMembershipFactory, UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

PAGES = [
    ("portfolio", lambda account, snapshot: reverse("scorecard:portfolio")),
    (
        "portfolio potential 2025",
        lambda account, snapshot: reverse("scorecard:portfolio") + "?period=2025&size=potential",
    ),
    ("matrix json", lambda account, snapshot: "/api/v1/portfolio/matrix"),
    (
        "account scorecard",
        lambda account, snapshot: reverse("scorecard:account", args=[account.uuid]),
    ),
    ("scoring form", lambda account, snapshot: reverse("scorecard:new", args=[account.uuid])),
    ("snapshot", lambda account, snapshot: reverse("scorecard:snapshot", args=[snapshot.uuid])),
    ("api history", lambda account, snapshot: f"/api/v1/accounts/{account.uuid}/scorecard"),
    ("policy", lambda account, snapshot: reverse("scorecard:policy")),
]


def _grow(manager: object, score: object, count: int, competitors: list) -> tuple:
    """Accounts of `manager`, each scored in 2025 and 2026 (varying scores)."""
    last = None
    for index in range(count):
        account = AccountFactory(owner=manager)
        TeamMembershipFactory(account=account, user=manager, team_role="account_manager")
        for period, shift in (("2025", 0), ("2026", 1)):
            value = 2 + (index + shift) % 8
            last = score(manager, account, period=period, attractiveness=(value,) * 8)
    return account, last


@pytest.mark.parametrize("mode", ["fixed", "portfolio_median"])
@pytest.mark.parametrize("role", ["director", "account_manager"])
@pytest.mark.parametrize(("label", "url_for"), PAGES, ids=[label for label, _url in PAGES])
def test_it_keeps_the_query_count_constant_when_accounts_grow_tenfold(
    client: object, score: object, role: str, mode: str, label: str, url_for: object
) -> None:
    # given a portfolio of three scored accounts, seen by a director or their manager
    manager = UserFactory(role="account_manager")
    director = UserFactory(role="director")
    if mode != "fixed":
        portfolio_settings_update(actor=director, data={"threshold_mode": mode})
    client.force_login(manager if role == "account_manager" else director)
    account, outcome = _grow(manager, score, 3, [])
    url = url_for(account, outcome.attractiveness)
    small = count_queries(lambda: client.get(url))
    # when the portfolio grows tenfold, including accounts the manager cannot see
    _grow(manager, score, 24, [])
    _grow(UserFactory(role="account_manager"), score, 3, [])
    large = count_queries(lambda: client.get(url))
    # then the same small number of queries answers
    assert large == small, f"{label}: {small} → {large} queries"
    assert large <= 15, f"{label}: {large} queries"

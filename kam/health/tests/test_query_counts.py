"""The health page and the health API keep a constant, small number of queries as rows grow."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.accounts.services import team_member_add
from kam.health.services import (
    RatingInput,
    RespondentInput,
    ShareInput,
    WalletInput,
    survey_submit,
    wallet_estimate_save,
)
from kam.health.tests.conftest import submit_relationship_test
from tests.factories import AccountFactory, CompetitorFactory, ContactFactory, UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _period(index: int) -> str:
    return str(2000 + index)


def _grow(
    actor: object,
    account: object,
    *,
    periods: int,
    respondents: int,
    categories: int,
    first: int = 0,
) -> None:
    """Give `account` surveys, wallet estimates and relationship tests in periods first…periods."""
    rivals = [CompetitorFactory() for _index in range(2)]
    contacts = [ContactFactory(account=account) for _index in range(respondents)]
    for index in range(first, periods):
        period = _period(index)
        survey_submit(
            actor=actor,
            account=account,
            period=period,
            conducted_on=date(2020, 1, 1),
            respondents=[
                RespondentInput(
                    contact=contact,
                    overall=4,
                    recommend=8,
                    ratings=(
                        RatingInput("product_quality", 4, 3),
                        RatingInput("responsiveness", 5, 2),
                    ),
                )
                for contact in contacts
            ],
        )
        for category in range(categories):
            wallet_estimate_save(
                actor=actor,
                account=account,
                data=WalletInput(
                    period=period,
                    category_code=f"category-{category}",
                    category_label=f"Category {category}",
                    customer_total_spend=Decimal("1000"),
                    our_revenue=Decimal("300"),
                    currency="CNY",
                    our_rank=1,
                    number_of_suppliers=3,
                    competitor_shares=tuple(ShareInput(r, Decimal("20")) for r in rivals),
                ),
            )
        submit_relationship_test(actor, account, period=period)


def _portfolio(manager: object, accounts: int, period: str) -> None:
    for _index in range(accounts):
        other = AccountFactory(owner=manager)
        survey_submit(
            actor=manager,
            account=other,
            period=period,
            conducted_on=date(2020, 1, 1),
            respondents=[RespondentInput(overall=3)],
        )


URLS = [
    ("health page", lambda account: reverse("health:account", args=[account.uuid])),
    ("survey detail", None),
    ("api health", lambda account: f"/api/v1/accounts/{account.uuid}/health"),
    ("api surveys", lambda account: f"/api/v1/accounts/{account.uuid}/surveys?page_size=50"),
    (
        "api wallet estimates",
        lambda account: f"/api/v1/accounts/{account.uuid}/wallet-estimates?page_size=200",
    ),
]


@pytest.mark.parametrize("role", ["director", "team_member"])
@pytest.mark.parametrize(("label", "url_for"), URLS, ids=[label for label, _url in URLS])
def test_it_keeps_the_query_count_constant_when_rows_grow_tenfold(
    client: object, role: str, label: str, url_for: object
) -> None:
    # given an account with 2 periods of 3 respondents and 2 categories, in a small portfolio
    manager = UserFactory(role="account_manager")
    account = AccountFactory(owner=manager)
    user = UserFactory(role=role)
    if role == "team_member":  # sees the account through its team (one more access query)
        team_member_add(actor=manager, account=account, user=user, team_role="other")
    client.force_login(user)
    _grow(manager, account, periods=2, respondents=3, categories=2)
    _portfolio(manager, accounts=2, period=_period(1))

    def url() -> str:
        if url_for is None:
            survey = account.satisfaction_surveys.filter(is_current=True).latest("period")
            return reverse("health:survey_detail", args=[survey.uuid])
        return url_for(account)

    small = count_queries(lambda: client.get(url()))
    # when the periods, the latest period's respondents and categories and the portfolio grow
    # tenfold
    _grow(manager, account, periods=20, respondents=3, categories=2)
    _grow(manager, account, periods=20, respondents=30, categories=20, first=19)
    _portfolio(manager, accounts=20, period=_period(19))
    large = count_queries(lambda: client.get(url()))
    # then the query count stays the same, and small
    assert large == small, (label, small, large)
    assert large <= MAX_QUERIES, (label, large)

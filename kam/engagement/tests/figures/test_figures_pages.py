"""Engagement figure pages, the CSV export and the API; constant query counts."""

from datetime import date

import pytest
from django.urls import reverse

from kam.engagement.tests.figures.test_figures import action, activity, entry, worked_example
from tests.factories import AccountFactory, TeamMembershipFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _grow(owner: object, accounts: int) -> None:
    for index in range(accounts):
        created = AccountFactory(owner=owner, category=["star", "status", ""][index % 3])
        TeamMembershipFactory(account=created, user=owner, team_role="account_manager")
        entry(created, date(2026, 1, 5), "done")
        entry(created, date(2026, 2, 5))
        activity(created, date(2026, 1, 5), True)
        action(created, date(2026, 1, 20), "done", date(2026, 1, 19))


def test_it_shows_an_accounts_figures_with_a_bar_per_mechanism(
    client_for: object, owner: object, account: object
) -> None:
    account.category = "star"
    account.save(update_fields=["category"])
    worked_example(account)
    response = client_for(owner).get(
        reverse("engagement:figures", args=[account.uuid]), {"year": "2026"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-chart="mechanism-compliance"' in body
    assert "Routine visits &amp; advisory relationship work" in body
    assert 'data-light="red"' in body  # compliance 4/7 (2026 up to August is due by now)


def test_it_ignores_a_malformed_year(client_for: object, owner: object, account: object) -> None:
    url = reverse("engagement:figures", args=[account.uuid])
    assert client_for(owner).get(url, {"year": "abc"}).status_code == 200
    assert client_for(owner).get(url, {"year": "99999"}).status_code == 200


def test_it_lists_the_portfolio_sorted_with_traffic_lights(
    client_for: object, owner: object, account: object
) -> None:
    worked_example(account)
    response = client_for(owner).get(
        reverse("engagement:portfolio_figures"), {"year": "2026", "sort": "-compliance"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "华东电力集团" in body
    assert 'data-light="red"' in body
    # a bad sort falls back to the name
    assert (
        client_for(owner)
        .get(reverse("engagement:portfolio_figures"), {"sort": "drop table"})
        .status_code
        == 200
    )


def test_it_exports_the_portfolio_as_csv(
    client_for: object, owner: object, account: object
) -> None:
    worked_example(account)
    response = client_for(owner).get(
        reverse("engagement:portfolio_figures"), {"year": "2026", "export": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Account,Account manager,Category,Calendar compliance (%),Level-match rate (%),"
        "Action closure (%),Cadence gap"
    )
    # all of 2026 to August is due by now: compliance 4/7, closure 3/6
    assert lines[1] == f"华东电力集团,{owner},,57.1,75.0,50.0,"


def test_it_hides_other_accounts_from_the_portfolio(
    client_for: object, outsider: object, account: object
) -> None:
    worked_example(account)
    body = client_for(outsider).get(reverse("engagement:portfolio_figures")).content.decode()
    assert "华东电力集团" not in body
    api = client_for(outsider).get("/api/v1/engagement/portfolio").json()
    assert [item["account"]["name"] for item in api["items"]] == ["Outsider Co."]


def test_it_serves_the_figures_through_the_api(
    client_for: object, owner: object, account: object
) -> None:
    account.category = "star"
    account.save(update_fields=["category"])
    worked_example(account)
    client = client_for(owner)
    body = client.get(f"/api/v1/accounts/{account.uuid}/engagement-figures?year=2026").json()
    assert body["calendar_compliance"] == {
        "numerator": 4,
        "denominator": 7,
        "percent": 57.1,
        "light": "red",
    }
    assert body["cadence_gap"] == 16
    assert body["mechanisms"][0]["code"] == "exec_strategy_meeting"
    portfolio = client.get("/api/v1/engagement/portfolio?year=2026&sort=-closure").json()
    assert portfolio["count"] == 1
    assert portfolio["items"][0]["action_closure"]["percent"] == 50.0
    assert portfolio["items"][0]["cadence_gap"] == 16
    bad = client.get("/api/v1/engagement/portfolio?sort=evil")
    assert bad.status_code == 422
    bad = client.get(f"/api/v1/accounts/{account.uuid}/engagement-figures?year=1")
    assert bad.status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        lambda account: reverse("engagement:portfolio_figures") + "?year=2026&sort=-compliance",
        lambda account: reverse("engagement:figures", args=[account.uuid]) + "?year=2026",
        lambda account: "/api/v1/engagement/portfolio?year=2026&page_size=50",
        lambda account: f"/api/v1/accounts/{account.uuid}/engagement-figures?year=2026",
    ],
)
def test_it_keeps_the_figures_query_count_constant(
    client_for: object, owner: object, account: object, url: object
) -> None:
    client = client_for(owner)
    account.category = "star"
    account.save(update_fields=["category"])
    _grow(owner, 2)
    small = count_queries(lambda: client.get(url(account)))
    _grow(owner, 9)
    worked_example(account)
    assert count_queries(lambda: client.get(url(account))) == small

"""The portfolio matrix is built once per version of its data: every write it depends on is seen
by the next read (a scorecard, an account's name, its team, the settings)."""

import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.urls import reverse

from kam.scorecard.cache import portfolio_version
from kam.scorecard.services import portfolio_settings_update
from tests.factories import AccountFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MATRIX = "/api/v1/portfolio/matrix"
PORTFOLIO = reverse("scorecard:portfolio")


def _names(client: object) -> list[str]:
    return [item["name"] for item in client.get(MATRIX).json()["items"]]


def test_it_shows_a_new_scorecard_on_the_next_read(
    client_for: object, owner: object, account: object, score: object
) -> None:
    score(owner, account)
    client = client_for(owner)
    assert _names(client) == ["华东电力集团"]
    assert client.get(PORTFOLIO).context["page"].paginator.count == 1
    other = AccountFactory(name="南方航空", owner=owner)
    score(owner, other, revenue="3000000")
    assert _names(client) == ["南方航空", "华东电力集团"]
    response = client.get(PORTFOLIO)
    assert "南方航空" in response.content.decode()
    assert response.context["page"].paginator.count == 2
    assert response.context["point_count"] == 2


def test_it_shows_a_renamed_account_on_the_next_read(
    client_for: object, owner: object, account: object, score: object
) -> None:
    score(owner, account)
    client = client_for(owner)
    assert "华东电力集团" in client.get(PORTFOLIO).content.decode()
    assert _names(client) == ["华东电力集团"]
    account.name = "华东能源集团"
    account.save()
    assert _names(client) == ["华东能源集团"]
    page = client.get(PORTFOLIO).content.decode()
    assert "华东能源集团" in page
    assert "华东电力集团" not in page


def test_it_follows_a_new_team_member_on_the_next_read(
    client_for: object, owner: object, account: object, score: object
) -> None:
    score(owner, account)
    newcomer = UserFactory(username="newcomer", role="account_manager")
    client = client_for(newcomer)
    assert _names(client) == []
    TeamMembershipFactory(account=account, user=newcomer)
    assert _names(client) == ["华东电力集团"]


def test_it_follows_new_settings_on_the_next_read(
    client_for: object, director: object, owner: object, account: object, score: object
) -> None:
    score(owner, account)
    client = client_for(director)
    assert client.get(MATRIX).json()["thresholds"]["mode"] == "fixed"
    portfolio_settings_update(actor=director, data={"threshold_mode": "portfolio_median"})
    assert client.get(MATRIX).json()["thresholds"]["mode"] == "portfolio_median"


def test_it_keeps_the_version_on_a_login(owner: object, client: object) -> None:
    before = portfolio_version()
    client.force_login(owner)
    assert portfolio_version() == before


def test_it_keys_the_cache_validly_whatever_period_is_asked(
    client_for: object, owner: object, account: object, score: object
) -> None:
    # given a scored account
    score(owner, account)
    client = client_for(owner)
    # when the matrix is asked for a period with control characters (found by the
    # property-based API test), with cache key warnings turned into errors
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        odd = client.get(MATRIX, {"period": "×\U0008e3bb\x16\x0c`¸"})
    # then it is answered as any unknown period is: with the latest scorecards
    assert odd.status_code == 200
    assert [item["name"] for item in odd.json()["items"]] == ["华东电力集团"]


def test_it_serves_an_encoded_body_without_reading_it_from_the_cache_again(
    owner: object,
) -> None:
    from unittest import mock

    from django.core.cache import cache

    from kam.scorecard.cache import cached

    builds: list[int] = []

    def build() -> bytes:
        builds.append(1)
        return b'{"items": []}'

    first = cached(owner, ("test-body",), build)  # type: ignore[arg-type]
    with mock.patch.object(cache, "get", side_effect=AssertionError("read the value again")):
        again = cached(owner, ("test-body",), build)  # type: ignore[arg-type]
    assert again is first
    assert builds == [1]

    cache.clear()  # the cache still decides whether the entry is alive
    cached(owner, ("test-body",), build)  # type: ignore[arg-type]
    assert builds == [1, 1]

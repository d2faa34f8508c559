"""Calendar pages, heat maps and API lists keep a constant query count as entries grow."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kam.engagement.models import Activity, Mechanism
from kam.engagement.tests.calendar_factories import entry_for, key_date_for
from tests.factories import ContactFactory, TeamMembershipFactory, UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

URLS = [
    lambda account: reverse("engagement:calendar", args=[account.uuid]) + "?year=2027&month=3",
    lambda account: (
        reverse("engagement:calendar", args=[account.uuid]) + "?year=2027&month=3&view=agenda"
    ),
    lambda account: reverse("engagement:year_map", args=[account.uuid]) + "?year=2027",
    lambda account: reverse("engagement:my_calendar") + "?year=2027&month=3",
    lambda account: reverse("engagement:my_calendar") + "?year=2027&month=3&view=agenda",
    lambda account: reverse("engagement:my_year_map") + "?year=2027",
    lambda account: reverse("engagement:calendar_ics", args=[account.uuid]),
    lambda account: reverse("engagement:mechanism_guide"),
    lambda account: reverse("engagement:mechanisms"),
    lambda account: reverse("engagement:subscriptions"),
    lambda account: f"/api/v1/accounts/{account.uuid}/calendar-entries?page_size=50",
    lambda account: f"/api/v1/accounts/{account.uuid}/key-dates",
    lambda account: "/api/v1/me/calendar?from=2027-03-01&to=2027-03-31",
    lambda account: "/api/v1/mechanisms",
]


def _grow(owner: object, account: object, count: int) -> None:
    mechanisms = list(Mechanism.objects.all())
    for index in range(count):
        user = UserFactory(role="team_member")
        TeamMembershipFactory(account=account, user=user)
        contact = ContactFactory(account=account)
        entry_for(
            owner,
            account,
            code=mechanisms[index % len(mechanisms)].code,
            planned_on=date(2027, 3, 1) + timedelta(days=index % 28),
            our_participants=[owner, user],
            customer_participants=[contact],
        )
        key_date_for(owner, account, starts_on=date(2027, 3, 1) + timedelta(days=index % 28))
        Activity.objects.create(
            account=account,
            mechanism=mechanisms[index % len(mechanisms)],
            title="x",
            occurred_on=date(2027, 3, 1) + timedelta(days=index % 28),
            lead=owner,
        )


@pytest.mark.parametrize("url_for", URLS)
def test_it_keeps_the_query_count_constant(
    client_for: object, director: object, account: object, url_for: object
) -> None:
    # given a director who takes part in a few entries
    client = client_for(director)
    TeamMembershipFactory(account=account, user=director)
    _grow(director, account, 2)
    small = count_queries(lambda: client.get(url_for(account)))
    # when the calendar grows tenfold
    _grow(director, account, 20)
    large = count_queries(lambda: client.get(url_for(account)))
    # then the query count is the same
    assert large == small, (url_for(account), small, large)
    assert large <= 15, (url_for(account), large)

"""The plan's review dates on the account's engagement calendar (a read-only layer): shown on
their day in the month and in the agenda, moved or gone with the review date, in constant
queries, and never shown to someone who cannot see the account."""

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kam.plans.models import AccountPlan
from kam.plans.services import plan_item_delete, plan_item_update, review_date_create
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]


def _calendar(client: Client, plan: AccountPlan, month: int, view: str = "month") -> str:
    url = reverse("engagement:calendar", args=[plan.account.uuid])
    response = client.get(f"{url}?year=2026&month={month}&view={view}")
    assert response.status_code == 200
    return response.content.decode()


def _markers(html: str) -> list[str]:
    return re.findall(r'data-testid="calendar-marker">([^<]*)<', html)


def test_it_shows_the_review_dates_on_the_calendar_and_follows_their_edits(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    march = _calendar(client, plan, 3)
    assert _markers(march) == ["Plan 2026 review"]
    plan_url = reverse("plans:plan", args=[plan.account.uuid, plan.uuid])
    assert f'href="{plan_url}#review" title="Annual plan review"' in march
    agenda = _calendar(client, plan, 3, "agenda")
    assert agenda.count('data-testid="agenda-marker"') == 1 and "2026-03-31" in agenda
    review = plan.review_dates.get(review_on=date(2026, 3, 31))
    plan.refresh_from_db()
    plan_item_update(actor=owner, item=review, data={"review_on": date(2026, 4, 10),
                     "label": "一季度回顾"}, expected_version=plan.version)  # fmt: skip
    assert _markers(_calendar(client, plan, 3)) == []
    assert _markers(_calendar(client, plan, 4)) == ["Plan 2026 review · 一季度回顾"]
    plan.refresh_from_db()
    plan_item_delete(actor=owner, item=review, expected_version=plan.version)
    assert _markers(_calendar(client, plan, 4)) == []


def test_it_reads_the_review_dates_in_constant_queries(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    client = client_for(owner)
    url = reverse("engagement:calendar", args=[plan.account.uuid]) + "?year=2026&month=6"
    few = count_queries(lambda: client.get(url))
    for day in (3, 10, 17, 24):
        plan.refresh_from_db()
        review_date_create(actor=owner, plan=plan, review_on=date(2026, 6, day), label="",
                           expected_version=plan.version)  # fmt: skip
    assert count_queries(lambda: client.get(url)) == few
    assert len(_markers(_calendar(client, plan, 6))) == 5


def test_it_shows_no_review_date_to_an_outsider(
    client_for: ClientFor, outsider: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    url = reverse("engagement:calendar", args=[plan.account.uuid])
    assert client_for(outsider).get(f"{url}?year=2026&month=3").status_code == 404

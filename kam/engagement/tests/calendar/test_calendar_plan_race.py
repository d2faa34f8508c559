"""Generating the year's plan twice at once creates it once (the account's row lock)."""

import pytest

from kam.engagement.calendar.plan import calendar_plan_generate
from kam.engagement.models import CalendarEntry
from tests.browser.conftest import reseed_after_module  # noqa: F401 — the rows back after the flush
from tests.concurrency import postgresql_only, run_at_once, seeded_transactional_db  # noqa: F401
from tests.factories import AccountFactory, UserFactory


@postgresql_only
@pytest.mark.usefixtures("seeded_transactional_db")
def test_it_generates_the_year_once_when_asked_twice_at_once() -> None:
    # given a star account (23 entries a year)
    owner = UserFactory(username="planner", role="account_manager")
    account = AccountFactory(name="并发规划", owner=owner, category="star")
    # when two generations of 2027 run at the same moment
    plans = run_at_once(
        lambda: calendar_plan_generate(actor=owner, account=account, year=2027),
        lambda: calendar_plan_generate(actor=owner, account=account, year=2027),
    )
    # then one created the 23 entries, the other found them planned
    assert sorted(len(plan) for plan in plans) == [0, 23]
    assert sorted(plan.already_planned for plan in plans) == [0, 23]
    assert CalendarEntry.objects.filter(account=account).count() == 23

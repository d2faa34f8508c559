"""Engagement figures (T5.3): exact values per account, per owner and per portfolio."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.engagement import rules
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.figures import selectors as figures
from kam.engagement.models import (
    DEFAULT_COMPLIANCE_RED_BELOW,
    DEFAULT_COMPLIANCE_TARGET,
    ActionItem,
    Activity,
    CalendarEntry,
    Mechanism,
)
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
ROUTINE = "routine_visit_advisory"
EXECUTIVE = "exec_strategy_meeting"


def entry(
    account: object, planned_on: date, status: str = "planned", code: str = ROUTINE
) -> object:
    created = calendar_entry_create(
        actor=account.owner,
        account=account,
        entry=CalendarEntryInput(
            mechanism=Mechanism.objects.get(code=code), title="拜访", planned_on=planned_on
        ),
    )
    CalendarEntry.objects.filter(pk=created.pk).update(status=status)
    return created


def activity(account: object, occurred_on: date, is_level_matched: bool | None) -> Activity:
    return Activity.objects.create(
        account=account,
        mechanism=Mechanism.objects.get(code=ROUTINE),
        title="拜访",
        occurred_on=occurred_on,
        is_level_matched=is_level_matched,
    )


def action(
    account: object, due_on: date, status: str = "open", closed_on: date | None = None
) -> ActionItem:
    return ActionItem.objects.create(
        account=account,
        description="提交方案",
        owner_side="ours",
        owner_user=account.owner,
        due_on=due_on,
        status=status,
        closed_on=closed_on,
    )


def worked_example(account: object) -> None:
    """The data set of the exact-value tests (see the expected figures below)."""
    for planned_on, status in [
        (date(2026, 1, 10), "done"),
        (date(2026, 2, 10), "done"),
        (date(2026, 3, 10), "planned"),
        (date(2026, 4, 10), "postponed"),
        (date(2026, 5, 10), "cancelled"),
        (date(2026, 6, 30), "done"),
        (date(2026, 7, 10), "planned"),
        (date(2025, 12, 10), "done"),
    ]:
        entry(account, planned_on, status)
    entry(account, date(2026, 3, 1), "done", code=EXECUTIVE)
    for occurred_on, matched in [
        (date(2026, 1, 10), True),
        (date(2026, 2, 10), True),
        (date(2026, 3, 10), True),
        (date(2026, 4, 10), False),
        (date(2026, 5, 10), None),
        (date(2025, 5, 10), True),
    ]:
        activity(account, occurred_on, matched)
    action(account, date(2026, 3, 1), "done", date(2026, 2, 28))
    action(account, date(2026, 3, 1), "done", date(2026, 3, 1))
    action(account, date(2026, 4, 1), "done", date(2026, 4, 5))
    action(account, date(2026, 5, 1), "open")
    action(account, date(2026, 5, 1), "cancelled")
    action(account, date(2026, 8, 1), "open")
    action(account, date(2026, 6, 30), "done", date(2026, 6, 29))


def test_it_computes_calendar_compliance_exactly(account: object) -> None:
    # given 9 entries: 6 due in 2026 to date (not cancelled), 4 of them done
    worked_example(account)
    # when compliance is taken on 30 June 2026
    result = figures.calendar_compliance(account=account, year=2026, today=TODAY)
    # then it is 4/6 = 66.7 %: red
    assert (result.numerator, result.denominator, result.percent) == (4, 6, 66.7)
    assert result.light == "red"


def test_it_computes_the_level_match_rate_exactly(account: object) -> None:
    worked_example(account)
    result = figures.level_match_rate(account=account, year=2026)
    assert (result.numerator, result.denominator, result.percent, result.light) == (
        3,
        4,
        75.0,
        "amber",
    )


def test_it_computes_action_closure_exactly(account: object) -> None:
    worked_example(account)
    result = figures.action_closure(account=account, year=2026, today=TODAY)
    # due: 3-01, 3-01, 4-01, 5-01, 6-30 (cancelled and future left out); on time: three
    assert (result.numerator, result.denominator, result.percent, result.light) == (
        3,
        5,
        60.0,
        "red",
    )


def test_it_computes_the_cadence_gap_per_mechanism_exactly(account: object) -> None:
    # given a star account (cadences: exec 1, tech 4, planning 4, social 1, training 1, visits 12)
    account.category = "star"
    account.save(update_fields=["category"])
    worked_example(account)
    result = figures.account_figures(account=account, year=2026, today=TODAY)
    rows = {
        item.mechanism.code: (item.planned, item.scheduled, item.gap, item.compliance.percent)
        for item in result.mechanisms
    }
    assert rows == {
        "exec_strategy_meeting": (1, 1, 0, 100.0),
        "tech_exchange_service": (4, 0, 4, None),
        "periodic_planning_meeting": (4, 0, 4, None),
        "business_social_teambuilding": (1, 0, 1, None),
        "mgmt_training_study_visit": (1, 0, 1, None),
        "routine_visit_advisory": (12, 6, 6, 60.0),
    }
    assert result.cadence_gap == 16


def test_it_has_no_cadence_gap_without_a_category(account: object) -> None:
    worked_example(account)
    result = figures.account_figures(account=account, year=2026, today=TODAY)
    assert result.cadence_gap is None
    assert {item.gap for item in result.mechanisms} == {None}


def test_it_reports_no_data_when_nothing_is_due(account: object) -> None:
    result = figures.calendar_compliance(account=account, year=2026, today=TODAY)
    assert (result.percent, result.light) == (None, "none")


def test_it_applies_the_traffic_light_thresholds() -> None:
    assert DEFAULT_COMPLIANCE_TARGET == 85
    assert DEFAULT_COMPLIANCE_RED_BELOW == 70
    assert [rules.traffic_light(value) for value in (100, 85, 84.9, 70, 69.9, 0, None)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "red",
        "none",
    ]


@given(numerator=st.integers(0, 10_000), extra=st.integers(0, 10_000))
def test_it_keeps_rates_between_zero_and_a_hundred(numerator: int, extra: int) -> None:
    value = rules.rate(numerator, numerator + extra)
    if numerator + extra == 0:
        assert value is None
    else:
        assert 0 <= value <= 100


def test_it_aggregates_the_portfolio_and_the_owners_exactly(
    account: object, owner: object, director: object
) -> None:
    # given the worked example on a star account and a second, fully compliant account
    account.category = "star"
    account.save(update_fields=["category"])
    worked_example(account)
    other_owner = UserFactory(username="other", role="account_manager")
    other = AccountFactory(name="Other Co.", owner=other_owner, category="streamline")
    entry(other, date(2026, 2, 1), "done")
    # when the director looks at the portfolio sorted by compliance, best first
    queryset = figures.portfolio_queryset(user=director, year=2026, today=TODAY, sort="-compliance")
    rows = figures.portfolio_rows(accounts=list(queryset), year=2026)
    # then each row carries the exact figures
    assert [
        (
            row.account.name,
            row.compliance.percent,
            row.level_match.percent,
            row.action_closure.percent,
            row.cadence_gap,
        )
        for row in rows
    ] == [
        ("Other Co.", 100.0, None, None, 2),
        ("华东电力集团", 66.7, 75.0, 60.0, 16),
    ]
    owners = {
        row.owner.username: (row.accounts, row.compliance.percent, row.action_closure.percent)
        for row in figures.owner_figures(user=director, year=2026, today=TODAY)
    }
    assert owners["owner"] == (1, 66.7, 60.0)
    assert owners["other"] == (1, 100.0, None)
    # and the owner sees only their own account
    mine = figures.portfolio_queryset(user=owner, year=2026, today=TODAY)
    assert [row.name for row in mine] == ["华东电力集团"]

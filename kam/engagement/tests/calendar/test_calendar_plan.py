"""The year's plan generated from the category cadences (T5.2): exact values."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from kam.core.exceptions import ApplicationError
from kam.engagement.calendar.plan import (
    cadence_count_in_year,
    cadence_slots,
    calendar_plan_generate,
)
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.defaults import MECHANISM_CODES
from kam.engagement.mechanisms.selectors import mechanisms_active
from kam.engagement.models import CalendarEntry, Mechanism, MechanismCadence

pytestmark = pytest.mark.django_db


def _months(account: object, code: str, year: int = 2027) -> list[int]:
    return [
        entry.planned_on.month
        for entry in CalendarEntry.objects.filter(
            account=account, mechanism__code=code, planned_on__year=year
        ).order_by("planned_on")
    ]


def test_it_seeds_the_six_mechanisms_with_the_spec_cadences() -> None:
    # given the data migration
    # when the active mechanisms are read
    mechanisms = mechanisms_active()
    # then there are six, in the spec's order, with the default cadences per category
    assert [mechanism.code for mechanism in mechanisms] == list(MECHANISM_CODES)
    table = {
        (cadence.mechanism.code, cadence.category): (cadence.per_year, cadence.is_on_demand)
        for cadence in MechanismCadence.objects.select_related("mechanism")
    }
    assert table == {
        ("exec_strategy_meeting", "strategic"): (Decimal("3.00"), False),
        ("exec_strategy_meeting", "star"): (Decimal("1.00"), False),
        ("exec_strategy_meeting", "status"): (Decimal("0.50"), False),
        ("exec_strategy_meeting", "streamline"): (Decimal("0.00"), False),
        ("tech_exchange_service", "strategic"): (Decimal("4.00"), False),
        ("tech_exchange_service", "star"): (Decimal("4.00"), False),
        ("tech_exchange_service", "status"): (Decimal("2.00"), False),
        ("tech_exchange_service", "streamline"): (Decimal("0.00"), True),
        ("periodic_planning_meeting", "strategic"): (Decimal("12.00"), False),
        ("periodic_planning_meeting", "star"): (Decimal("4.00"), False),
        ("periodic_planning_meeting", "status"): (Decimal("2.00"), False),
        ("periodic_planning_meeting", "streamline"): (Decimal("1.00"), False),
        ("business_social_teambuilding", "strategic"): (Decimal("2.00"), False),
        ("business_social_teambuilding", "star"): (Decimal("1.00"), False),
        ("business_social_teambuilding", "status"): (Decimal("0.00"), True),
        ("business_social_teambuilding", "streamline"): (Decimal("0.00"), False),
        ("mgmt_training_study_visit", "strategic"): (Decimal("1.00"), False),
        ("mgmt_training_study_visit", "star"): (Decimal("1.00"), False),
        ("mgmt_training_study_visit", "status"): (Decimal("0.00"), False),
        ("mgmt_training_study_visit", "streamline"): (Decimal("0.00"), False),
        ("routine_visit_advisory", "strategic"): (Decimal("26.00"), False),
        ("routine_visit_advisory", "star"): (Decimal("12.00"), False),
        ("routine_visit_advisory", "status"): (Decimal("4.00"), False),
        ("routine_visit_advisory", "streamline"): (Decimal("2.00"), False),
    }
    assert all(mechanism.purpose_zh and mechanism.follow_up_en for mechanism in mechanisms)


def test_it_spreads_counts_evenly_over_the_months() -> None:
    # given counts per year, when slots are computed, then the months are the documented ones
    def months(count: int) -> list[int]:
        return [slot.planned_on.month for slot in cadence_slots(count, 2027)]

    assert months(1) == [7]
    assert months(2) == [4, 10]
    assert months(3) == [3, 7, 11]
    assert months(4) == [2, 5, 8, 11]
    assert months(12) == list(range(1, 13))
    assert all(slot.is_month_only and slot.planned_on.day == 1 for slot in cadence_slots(4, 2027))


def test_it_plans_bi_weekly_every_other_monday() -> None:
    # given 26 a year in 2027 (1 January 2027 is a Friday)
    slots = cadence_slots(26, 2027)
    # then the entries are dated, every 14 days from the first Monday
    assert len(slots) == 26
    assert slots[0].planned_on == date(2027, 1, 4)
    assert slots[1].planned_on == date(2027, 1, 18)
    assert slots[-1].planned_on == date(2027, 12, 20)
    assert not any(slot.is_month_only for slot in slots)


def test_it_puts_a_half_yearly_cadence_in_even_years_only() -> None:
    assert [cadence_count_in_year(Decimal("0.5"), year) for year in (2026, 2027, 2028)] == [1, 0, 1]
    assert [cadence_count_in_year(Decimal("1.5"), year) for year in (2026, 2027)] == [2, 1]
    assert cadence_count_in_year(Decimal("26"), 2027) == 26
    assert cadence_count_in_year(Decimal("0"), 2027) == 0


@given(
    per_year=st.decimals(min_value=0, max_value=60, places=2),
    year=st.integers(min_value=2000, max_value=2090),
)
def test_it_plans_the_cadence_on_average(per_year: Decimal, year: int) -> None:
    # over ten years the counts add up to 10 × the cadence, up to one entry
    total = sum(cadence_count_in_year(per_year, y) for y in range(year, year + 10))
    assert abs(total - per_year * 10) < 1
    assert all(cadence_count_in_year(per_year, y) >= 0 for y in range(year, year + 10))


def test_it_generates_a_strategic_accounts_year(owner: object, account: object) -> None:
    # given a strategic account
    account.category = "strategic"
    account.save()
    # when the 2027 plan is generated
    plan = calendar_plan_generate(actor=owner, account=account, year=2027)
    # then 3 + 4 + 12 + 2 + 1 + 26 = 48 generated entries follow the cadences
    assert len(plan) == 48
    assert plan.already_planned == 0
    assert plan.message == "48 entries created, 0 already planned."
    assert _months(account, "exec_strategy_meeting") == [3, 7, 11]
    assert _months(account, "tech_exchange_service") == [2, 5, 8, 11]
    assert _months(account, "periodic_planning_meeting") == list(range(1, 13))
    assert _months(account, "business_social_teambuilding") == [4, 10]
    assert _months(account, "mgmt_training_study_visit") == [7]
    assert len(_months(account, "routine_visit_advisory")) == 26
    generated = CalendarEntry.objects.filter(account=account)
    assert all(entry.is_generated and entry.status == "planned" for entry in generated)
    assert generated.filter(is_month_only=True).count() == 22
    assert list(generated.first().our_participants.all()) == [owner]


def test_it_does_not_duplicate_when_run_twice(owner: object, account: object) -> None:
    # given a star account whose plan for 2027 exists, plus one manual tech exchange in June
    account.category = "star"
    account.save()
    first = calendar_plan_generate(actor=owner, account=account, year=2027)
    assert len(first) == 1 + 4 + 4 + 1 + 1 + 12
    # when it runs again
    second = calendar_plan_generate(actor=owner, account=account, year=2027)
    # then nothing is created and it says so
    assert len(second) == 0
    assert second.message == "0 entries created, 23 already planned."
    assert CalendarEntry.objects.filter(account=account).count() == 23


def test_it_counts_manual_entries_as_planned(owner: object, account: object) -> None:
    # given a status account with a manual routine visit in May and another in September
    account.category = "status"
    account.save()
    routine = Mechanism.objects.get(code="routine_visit_advisory")
    for month in (5, 9):
        calendar_entry_create(
            actor=owner,
            account=account,
            entry=CalendarEntryInput(
                mechanism=routine, title="拜访", planned_on=date(2027, month, 3)
            ),
        )
    # when the plan is generated (routine 4/yr → Feb, May, Aug, Nov)
    plan = calendar_plan_generate(actor=owner, account=account, year=2027)
    # then May is covered by the manual visit, September counts for one of the others
    assert _months(account, "routine_visit_advisory") == [2, 5, 8, 9]
    # exec 0.5/yr → none in 2027 (odd year); tech 2, planning 2, routine 2 new
    assert len(plan) == 2 + 2 + 2
    assert plan.already_planned == 2


def test_it_generates_a_half_yearly_exec_meeting_in_even_years(
    owner: object, account: object
) -> None:
    account.category = "status"
    account.save()
    calendar_plan_generate(actor=owner, account=account, year=2028)
    assert _months(account, "exec_strategy_meeting", 2028) == [7]


def test_it_refuses_an_account_without_a_category(owner: object, account: object) -> None:
    account.category = ""
    account.save()
    with pytest.raises(ApplicationError) as error:
        calendar_plan_generate(actor=owner, account=account, year=2027)
    assert error.value.code == "no_category"
    assert CalendarEntry.objects.count() == 0


def test_it_refuses_a_viewer(viewer: object, account: object) -> None:
    account.category = "star"
    account.save()
    with pytest.raises(PermissionDenied):
        calendar_plan_generate(actor=viewer, account=account, year=2027)
    assert CalendarEntry.objects.count() == 0

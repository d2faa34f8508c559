"""The year's plan from the account category's cadences: how many entries a cadence puts in a year,
when they fall, and the generation that fills the calendar without duplicates."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.locks import account_lock
from kam.accounts.models import Account
from kam.core.exceptions import ApplicationError
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.models import CalendarEntry, MechanismCadence
from kam.users.models import User


class GeneratedPlan(list):
    """The entries a plan generation created; `already_planned` counts slots already covered."""

    already_planned: int = 0

    @property
    def message(self) -> str:
        return _("{created} entries created, {existing} already planned.").format(
            created=len(self), existing=self.already_planned
        )


@dataclass(frozen=True)
class PlanSlot:
    planned_on: date
    is_month_only: bool


def cadence_count_in_year(per_year: Decimal, year: int) -> int:
    """How many entries a cadence puts in `year`: ceil(p·(Y+1)) − ceil(p·Y).

    Integer cadences give exactly p every year; 0.5 gives one entry in even years only;
    1.5 gives 2 in even years and 1 in odd years.
    """
    rate = Fraction(per_year)
    return _ceil(rate * (year + 1)) - _ceil(rate * year)


def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def cadence_slots(count: int, year: int) -> list[PlanSlot]:
    """Spread `count` entries evenly over the year.

    Up to 12: month-only entries in the middle of equal parts of the year, month index
    ⌊12·(2k+1) / 2n⌋ (4 → Feb, May, Aug, Nov; 2 → Apr, Oct; 1 → Jul; 12 → every month).
    Above 12: dated entries every ⌊364/n⌋ days from the year's first Monday (26 → every other
    Monday).
    """
    if count <= 0:
        return []
    if count <= 12:
        return [
            PlanSlot(date(year, (12 * (2 * index + 1)) // (2 * count) + 1, 1), True)
            for index in range(count)
        ]
    first = date(year, 1, 1)
    first_monday = first + timedelta(days=(7 - first.weekday()) % 7)
    return [
        PlanSlot(first_monday + timedelta(days=(364 * index) // count), False)
        for index in range(count)
    ]


@transaction.atomic
def calendar_plan_generate(*, actor: User, account: Account, year: int) -> GeneratedPlan:
    """Plan the year from the account category's cadences (month-only, marked generated).

    Running it twice creates nothing new: every entry of the mechanism in the year (whatever its
    status, generated or not) covers a slot in its month first, then any other slot, so the year
    never holds more entries of a mechanism than its cadence asks for. The account's row lock
    makes two generations at once run in turn, so the second sees the first's entries.
    """
    require(can_change_account(actor, account))
    account_lock(account)
    if not account.category:
        raise ApplicationError(
            _("Set the account's category first: the plan follows the category's cadences."),
            code="no_category",
        )
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Choose a year between 2000 and 2100.")})
    cadences = (
        MechanismCadence.objects.filter(
            category=account.category, mechanism__is_active=True, is_on_demand=False
        )
        .select_related("mechanism")
        .order_by("mechanism__position", "mechanism__code")
    )
    existing = _existing_months(account, year)
    participants = [account.owner] if account.owner_id else []
    plan = GeneratedPlan()
    for cadence in cadences:
        mechanism = cadence.mechanism
        count = cadence_count_in_year(cadence.per_year, year)
        slots = _open_slots(cadence_slots(count, year), existing.get(mechanism.pk, []))
        plan.already_planned += count - len(slots)
        for slot in slots:
            entry = calendar_entry_create(
                actor=actor,
                account=account,
                entry=CalendarEntryInput(
                    mechanism=mechanism,
                    title=mechanism.name,
                    planned_on=slot.planned_on,
                    is_month_only=slot.is_month_only,
                    our_participants=participants,
                    is_generated=True,
                ),
            )
            plan.append(entry)
    return plan


def _existing_months(account: Account, year: int) -> dict[int, list[int]]:
    months: dict[int, list[int]] = {}
    rows = CalendarEntry.objects.filter(account=account, planned_on__year=year).values_list(
        "mechanism_id", "planned_on"
    )
    for mechanism_id, planned_on in rows:
        months.setdefault(mechanism_id, []).append(planned_on.month)
    return months


def _open_slots(slots: list[PlanSlot], existing_months: list[int]) -> list[PlanSlot]:
    """The slots no existing entry covers (same month first, then any month)."""
    remaining = list(existing_months)
    open_slots = []
    for slot in slots:
        if slot.planned_on.month in remaining:
            remaining.remove(slot.planned_on.month)
        else:
            open_slots.append(slot)
    # Entries moved to other months still count: drop that many of the last open slots.
    surplus = min(len(remaining), len(open_slots))
    return open_slots[: len(open_slots) - surplus]

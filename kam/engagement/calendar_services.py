"""Writes on the mechanisms, the key-business-activity calendar and calendar subscriptions.

Every write checks access on the account (or the reference-data right), calls ``full_clean()``
and is audited.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, can_manage_reference_data, require
from kam.accounts.models import Account, AccountTeamMembership
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_snapshot
from kam.core.exceptions import ApplicationError
from kam.core.services import model_update
from kam.engagement.choices import EntryStatus
from kam.engagement.models import (
    CalendarEntry,
    CalendarSubscription,
    CustomerKeyDate,
    Mechanism,
    MechanismCadence,
)
from kam.people.models import Contact
from kam.users.choices import PORTFOLIO_ROLES
from kam.users.models import User
from kam.users.services import token_digest

ENTRY_FIELDS = [
    "mechanism",
    "title",
    "planned_on",
    "is_month_only",
    "purpose",
    "key_person",
    "objective",
    "budget",
    "currency",
    "status",
]
KEY_DATE_FIELDS = ["kind", "title", "starts_on", "ends_on", "notes"]
MECHANISM_TEXT_FIELDS = [
    "name_zh",
    "name_en",
    "our_level",
    "customer_level",
    "purpose_zh",
    "purpose_en",
    "preparation_zh",
    "preparation_en",
    "agenda_zh",
    "agenda_en",
    "follow_up_zh",
    "follow_up_en",
    "is_active",
]


# --- participants ---------------------------------------------------------------------------------


def account_team_user_ids(account: Account) -> set[int]:
    """Our people who may take part in the account's entries: the owner and the team."""
    ids = set(
        AccountTeamMembership.objects.filter(account=account).values_list("user_id", flat=True)
    )
    if account.owner_id:
        ids.add(account.owner_id)
    return ids


def _check_participants(
    *, account: Account, our_participants: Iterable[User], customer_participants: Iterable[Contact]
) -> tuple[list[User], list[Contact]]:
    users = list(our_participants)
    contacts = list(customer_participants)
    errors = {}
    if users:
        team = account_team_user_ids(account)
        if any(user.pk not in team for user in users):
            errors["our_participants"] = _("Our participants must be on the account team.")
    if any(contact.account_id != account.pk for contact in contacts):
        errors["customer_participants"] = _(
            "Customer participants must be contacts of the account."
        )
    if errors:
        raise ValidationError(errors)
    return users, contacts


def _check_mechanism(mechanism: Mechanism, *, previous: Mechanism | None = None) -> None:
    if not mechanism.is_active and mechanism != previous:
        raise ValidationError({"mechanism": _("This mechanism is no longer in use.")})


# --- calendar entries -----------------------------------------------------------------------------


@transaction.atomic
def calendar_entry_create(
    *,
    actor: User,
    account: Account,
    mechanism: Mechanism,
    title: str,
    planned_on: date,
    is_month_only: bool = False,
    purpose: str = "",
    our_participants: Iterable[User] = (),
    customer_participants: Iterable[Contact] = (),
    key_person: Contact | None = None,
    objective: str = "",
    budget: Decimal | None = None,
    currency: str = "CNY",
    is_generated: bool = False,
    status: str = EntryStatus.PLANNED,
) -> CalendarEntry:
    """Plan a key business activity on the account's calendar."""
    require(can_change_account(actor, account))
    _check_mechanism(mechanism)
    users, contacts = _check_participants(
        account=account,
        our_participants=our_participants,
        customer_participants=customer_participants,
    )
    entry = CalendarEntry(
        account=account,
        mechanism=mechanism,
        title=title.strip(),
        planned_on=planned_on,
        is_month_only=is_month_only,
        purpose=purpose,
        key_person=key_person,
        objective=objective,
        budget=budget,
        currency=currency,
        status=status,
        is_generated=is_generated,
        created_by=actor,
    )
    entry.full_clean()
    entry.save()
    entry.our_participants.set(users)
    entry.customer_participants.set(contacts)
    changes = audit_snapshot(entry, ENTRY_FIELDS)
    changes["our_participants"] = [None, [str(user) for user in users]]
    changes["customer_participants"] = [None, [str(contact) for contact in contacts]]
    audit_record(
        actor=actor,
        instance=entry,
        action=AuditAction.CREATE,
        changes=changes,
        account_uuid=account.uuid,
    )
    return entry


@transaction.atomic
def calendar_entry_update(
    *,
    actor: User,
    entry: CalendarEntry,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> CalendarEntry:
    """Change an entry; `our_participants` / `customer_participants` in `data` replace the sets."""
    account = entry.account
    require(can_change_account(actor, account))
    if "mechanism" in data:
        _check_mechanism(data["mechanism"], previous=entry.mechanism)  # type: ignore[arg-type]
    is_month_only = data.get("is_month_only", entry.is_month_only)
    planned_on = data.get("planned_on", entry.planned_on)
    if is_month_only and isinstance(planned_on, date) and planned_on.day != 1:
        # A month-only entry is stored on the 1st (the model's clean does the same).
        data = {**data, "planned_on": planned_on.replace(day=1)}
    changes: dict[str, list[object]] = {}
    if "our_participants" in data or "customer_participants" in data:
        users, contacts = _check_participants(
            account=account,
            our_participants=data.get("our_participants", entry.our_participants.all()),  # type: ignore[arg-type]
            customer_participants=data.get(  # type: ignore[arg-type]
                "customer_participants", entry.customer_participants.all()
            ),
        )
        changes.update(_set_participants(entry, users, contacts))
    entry, field_changes = model_update(
        instance=entry, data=data, fields=ENTRY_FIELDS, expected_version=expected_version
    )
    changes.update(field_changes)
    audit_record(
        actor=actor,
        instance=entry,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=account.uuid,
    )
    return entry


def _set_participants(
    entry: CalendarEntry, users: list[User], contacts: list[Contact]
) -> dict[str, list[object]]:
    changes: dict[str, list[object]] = {}
    before_users = sorted(str(user) for user in entry.our_participants.all())
    before_contacts = sorted(str(contact) for contact in entry.customer_participants.all())
    after_users = sorted(str(user) for user in users)
    after_contacts = sorted(str(contact) for contact in contacts)
    if before_users != after_users:
        entry.our_participants.set(users)
        changes["our_participants"] = [before_users, after_users]
    if before_contacts != after_contacts:
        entry.customer_participants.set(contacts)
        changes["customer_participants"] = [before_contacts, after_contacts]
    return changes


def calendar_entry_cancel(*, actor: User, entry: CalendarEntry) -> CalendarEntry:
    """Cancel a planned entry (it stays on the calendar, struck through)."""
    if entry.status == EntryStatus.DONE:
        raise ApplicationError(_("This entry is done; it cannot be cancelled."), code="entry_done")
    return calendar_entry_update(actor=actor, entry=entry, data={"status": EntryStatus.CANCELLED})


def calendar_entry_postpone(
    *, actor: User, entry: CalendarEntry, planned_on: date, is_month_only: bool | None = None
) -> CalendarEntry:
    """Move an entry to a later date; it is marked postponed."""
    if entry.status in (EntryStatus.DONE, EntryStatus.CANCELLED):
        raise ApplicationError(
            _("Only planned or postponed entries can be postponed."), code="entry_closed"
        )
    month_only = entry.is_month_only if is_month_only is None else is_month_only
    current = entry.planned_on
    if planned_on <= current:
        raise ValidationError({"planned_on": _("Choose a date after the current one.")})
    return calendar_entry_update(
        actor=actor,
        entry=entry,
        data={
            "planned_on": planned_on,
            "is_month_only": month_only,
            "status": EntryStatus.POSTPONED,
        },
    )


# --- the year's plan from the category cadences --------------------------------------------------


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
    never holds more entries of a mechanism than its cadence asks for.
    """
    require(can_change_account(actor, account))
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
                mechanism=mechanism,
                title=mechanism.name,
                planned_on=slot.planned_on,
                is_month_only=slot.is_month_only,
                our_participants=participants,
                is_generated=True,
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


# --- customer key dates ---------------------------------------------------------------------------


@transaction.atomic
def key_date_create(
    *,
    actor: User,
    account: Account,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    notes: str = "",
) -> CustomerKeyDate:
    """Put one of the customer's own key dates on the account's calendar."""
    require(can_change_account(actor, account))
    key_date = CustomerKeyDate(
        account=account,
        kind=kind,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        notes=notes,
    )
    key_date.full_clean()
    key_date.save()
    audit_record(
        actor=actor,
        instance=key_date,
        action=AuditAction.CREATE,
        changes=audit_snapshot(key_date, KEY_DATE_FIELDS),
        account_uuid=account.uuid,
    )
    return key_date


@transaction.atomic
def key_date_update(
    *, actor: User, key_date: CustomerKeyDate, data: dict[str, object]
) -> CustomerKeyDate:
    require(can_change_account(actor, key_date.account))
    key_date, changes = model_update(instance=key_date, data=data, fields=KEY_DATE_FIELDS)
    audit_record(
        actor=actor,
        instance=key_date,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=key_date.account.uuid,
    )
    return key_date


@transaction.atomic
def key_date_delete(*, actor: User, key_date: CustomerKeyDate) -> None:
    require(can_change_account(actor, key_date.account))
    audit_record(
        actor=actor,
        instance=key_date,
        action=AuditAction.DELETE,
        changes={"title": [key_date.title, None]},
        account_uuid=key_date.account.uuid,
    )
    key_date.delete()


# --- mechanisms (reference data) ------------------------------------------------------------------


def can_manage_mechanisms(user: User) -> bool:
    """Whoever manages the shared reference data (administrators, directors, account managers)."""
    return can_manage_reference_data(user) or (
        user.is_authenticated and user.role in PORTFOLIO_ROLES
    )


@transaction.atomic
def mechanism_update(
    *,
    actor: User,
    mechanism: Mechanism,
    data: dict[str, object],
    cadences: dict[str, tuple[Decimal, bool]] | None = None,
    expected_version: datetime | None = None,
) -> Mechanism:
    """Change a mechanism's key points and its cadences ({category: (per year, on demand)})."""
    require(can_manage_mechanisms(actor))
    mechanism, changes = model_update(
        instance=mechanism,
        data=data,
        fields=MECHANISM_TEXT_FIELDS,
        expected_version=expected_version,
    )
    current = {cadence.category: cadence for cadence in mechanism.cadences.all()}
    for category, (per_year, is_on_demand) in (cadences or {}).items():
        cadence = current.get(category) or MechanismCadence(mechanism=mechanism, category=category)
        before = (_amount(cadence.per_year), cadence.is_on_demand) if cadence.pk else (None, None)
        after = (_amount(per_year), is_on_demand)
        if before != after:
            cadence.per_year = per_year
            cadence.is_on_demand = is_on_demand
            cadence.full_clean()
            cadence.save()
            if before[0] != after[0]:
                changes[f"cadence_{category}"] = [before[0], after[0]]
            if before[1] != after[1]:
                changes[f"on_demand_{category}"] = [before[1], after[1]]
    if any(field.startswith("cadence_") for field in changes):
        # Touch the mechanism so that a cadence change moves its version too.
        Mechanism.objects.filter(pk=mechanism.pk).update(updated_at=timezone.now())
    audit_record(actor=actor, instance=mechanism, action=AuditAction.UPDATE, changes=changes)
    return mechanism


# --- calendar subscriptions (iCalendar feed) ------------------------------------------------------

SUBSCRIPTION_PREFIX = "kcal_"  # noqa: S105 -- a public marker, not a secret


def _amount(per_year: Decimal) -> str:
    return str(Decimal(per_year).quantize(Decimal("0.01")))


@transaction.atomic
def calendar_subscription_create(*, user: User) -> tuple[CalendarSubscription, str]:
    """A new private feed URL token; returns it and the raw token, shown once and never stored."""
    raw = SUBSCRIPTION_PREFIX + secrets.token_urlsafe(32)
    subscription = CalendarSubscription(
        user=user, token_digest=token_digest(raw), token_prefix=raw[:12]
    )
    subscription.full_clean()
    subscription.save()
    audit_record(
        actor=user,
        instance=subscription,
        action=AuditAction.CREATE,
        changes={"token_prefix": [None, subscription.token_prefix]},
    )
    return subscription, raw


@transaction.atomic
def calendar_subscription_revoke(
    *, user: User, subscription: CalendarSubscription
) -> CalendarSubscription:
    if subscription.user_id != user.pk:
        raise ApplicationError(_("Not found."), code="not_found", status=404)
    if subscription.revoked_at is None:
        subscription.revoked_at = timezone.now()
        subscription.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=user,
            instance=subscription,
            action=AuditAction.UPDATE,
            changes={"revoked_at": [None, subscription.revoked_at]},
        )
    return subscription


def calendar_subscription_authenticate(*, raw_token: str) -> User | None:
    """The active user of an active subscription token, or None."""
    if not raw_token.startswith(SUBSCRIPTION_PREFIX):
        return None
    subscription = (
        CalendarSubscription.objects.select_related("user")
        .filter(
            token_digest=token_digest(raw_token),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .first()
    )
    if subscription is None:
        return None
    now = timezone.now()
    if subscription.last_used_at is None or (now - subscription.last_used_at) > timedelta(hours=1):
        CalendarSubscription.objects.filter(pk=subscription.pk).update(last_used_at=now)
    return subscription.user

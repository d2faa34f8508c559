"""Writes on the key-business-activity calendar (entries, customer key dates) and the private
calendar subscriptions.

Every write checks access on the account, calls ``full_clean()`` and is audited. The services that
take many values take them as one frozen input object (`CalendarEntryInput`, `KeyDateInput`).
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import account_workers, can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_snapshot
from kam.core.exceptions import ApplicationError
from kam.core.services import model_update, refuse_stale_write
from kam.engagement.choices import EntryStatus
from kam.engagement.models import (
    CalendarEntry,
    CalendarSubscription,
    CustomerKeyDate,
    Mechanism,
)
from kam.people.models import Contact
from kam.users.models import User
from kam.users.services import token_digest

ENTRY_FIELDS = [
    "mechanism",
    "title",
    "planned_on",
    "is_month_only",
    "start_time",
    "end_time",
    "location",
    "purpose",
    "key_person",
    "objective",
    "tactic_tier",
    "budget",
    "currency",
    "status",
]
KEY_DATE_FIELDS = ["kind", "title", "starts_on", "ends_on", "notes"]


@dataclass(frozen=True)
class CalendarEntryInput:
    """What a new calendar entry holds (the account and the actor come separately)."""

    mechanism: Mechanism
    title: str
    planned_on: date
    is_month_only: bool = False
    start_time: time | None = None
    end_time: time | None = None
    location: str = ""
    purpose: str = ""
    our_participants: Sequence[User] = ()
    customer_participants: Sequence[Contact] = ()
    key_person: Contact | None = None
    objective: str = ""
    tactic_tier: str = ""
    budget: Decimal | None = None
    currency: str = "CNY"
    is_generated: bool = False
    status: str = EntryStatus.PLANNED


@dataclass(frozen=True)
class KeyDateInput:
    """One of the customer's own key dates."""

    kind: str
    title: str
    starts_on: date
    ends_on: date | None = None
    notes: str = ""


# --- participants ---------------------------------------------------------------------------------


def _validate_participants(
    *, account: Account, our_participants: Iterable[User], customer_participants: Iterable[Contact]
) -> tuple[list[User], list[Contact]]:
    users = list(our_participants)
    contacts = list(customer_participants)
    errors = {}
    if users:
        workers = set(account_workers(account).values_list("pk", flat=True))
        if any(user.pk not in workers for user in users):
            errors["our_participants"] = _("Our participants must be on the account team.")
    if any(contact.account_id != account.pk for contact in contacts):
        errors["customer_participants"] = _(
            "Customer participants must be contacts of the account."
        )
    if errors:
        raise ValidationError(errors)
    return users, contacts


def _validate_mechanism(mechanism: Mechanism, *, previous: Mechanism | None = None) -> None:
    if not mechanism.is_active and mechanism != previous:
        raise ValidationError({"mechanism": _("This mechanism is no longer in use.")})


# --- calendar entries -----------------------------------------------------------------------------


def _audit_entry_created(
    actor: User, entry: CalendarEntry, users: list[User], contacts: list[Contact]
) -> None:
    changes = audit_snapshot(entry, ENTRY_FIELDS)
    changes["our_participants"] = [None, [str(user) for user in users]]
    changes["customer_participants"] = [None, [str(contact) for contact in contacts]]
    audit_record(
        actor=actor,
        instance=entry,
        action=AuditAction.CREATE,
        changes=changes,
        account_uuid=entry.account.uuid,
    )


@transaction.atomic
def calendar_entry_create(
    *, actor: User, account: Account, entry: CalendarEntryInput
) -> CalendarEntry:
    """Plan a key business activity on the account's calendar."""
    require(can_change_account(actor, account))
    _validate_mechanism(entry.mechanism)
    users, contacts = _validate_participants(
        account=account,
        our_participants=entry.our_participants,
        customer_participants=entry.customer_participants,
    )
    created = CalendarEntry(
        account=account,
        mechanism=entry.mechanism,
        title=entry.title.strip(),
        planned_on=entry.planned_on,
        is_month_only=entry.is_month_only,
        start_time=entry.start_time,
        end_time=entry.end_time,
        location=entry.location.strip(),
        purpose=entry.purpose,
        key_person=entry.key_person,
        objective=entry.objective,
        tactic_tier=entry.tactic_tier,
        budget=entry.budget,
        currency=entry.currency,
        status=entry.status,
        is_generated=entry.is_generated,
        created_by=actor,
    )
    created.full_clean()
    created.save()
    created.our_participants.set(users)
    created.customer_participants.set(contacts)
    _audit_entry_created(actor, created, users, contacts)
    return created


@transaction.atomic
def calendar_entry_update(
    *,
    actor: User,
    entry: CalendarEntry,
    data: dict[str, Any],
    expected_version: datetime | None = None,
) -> CalendarEntry:
    """Change an entry; `our_participants` / `customer_participants` in `data` replace the sets.
    `expected_version` is the `updated_at` the user saw; an entry saved since is refused."""
    account = entry.account
    require(can_change_account(actor, account))
    refuse_stale_write(instance=entry, expected_version=expected_version)
    if "mechanism" in data:
        _validate_mechanism(data["mechanism"], previous=entry.mechanism)
    is_month_only = data.get("is_month_only", entry.is_month_only)
    planned_on = data.get("planned_on", entry.planned_on)
    if is_month_only and isinstance(planned_on, date) and planned_on.day != 1:
        # A month-only entry is stored on the 1st (the model's clean does the same).
        data = {**data, "planned_on": planned_on.replace(day=1)}
    changes: dict[str, list[object]] = {}
    if "our_participants" in data or "customer_participants" in data:
        users, contacts = _validate_participants(
            account=account,
            our_participants=data.get("our_participants", entry.our_participants.all()),
            customer_participants=data.get(
                "customer_participants", entry.customer_participants.all()
            ),
        )
        changes.update(_set_participants(entry, users, contacts))
    entry, field_changes = model_update(instance=entry, data=data, fields=ENTRY_FIELDS)
    if changes and not field_changes:
        # Only the participants changed: the entry is a new version all the same.
        entry.save(update_fields=["updated_at"])
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


# --- customer key dates ---------------------------------------------------------------------------


@transaction.atomic
def key_date_create(*, actor: User, account: Account, key_date: KeyDateInput) -> CustomerKeyDate:
    """Put one of the customer's own key dates on the account's calendar."""
    require(can_change_account(actor, account))
    created = CustomerKeyDate(
        account=account,
        kind=key_date.kind,
        title=key_date.title.strip(),
        starts_on=key_date.starts_on,
        ends_on=key_date.ends_on,
        notes=key_date.notes,
    )
    created.full_clean()
    created.save()
    audit_record(
        actor=actor,
        instance=created,
        action=AuditAction.CREATE,
        changes=audit_snapshot(created, KEY_DATE_FIELDS),
        account_uuid=account.uuid,
    )
    return created


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


# --- calendar subscriptions (iCalendar feed) ------------------------------------------------------

SUBSCRIPTION_PREFIX = "kcal_"  # noqa: S105 -- a public marker, not a secret


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

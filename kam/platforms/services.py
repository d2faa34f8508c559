"""Writes on the engagement platform plan (T10): create, edit, delete an item, and add it to the
calendar (T5). All audited; every write checks that the actor may change the account."""

from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kam.accounts.access import account_workers, can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audited_create, audited_delete, audited_update
from kam.broad.choices import BroadKpi
from kam.core.exceptions import ApplicationError
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.models import Mechanism
from kam.platforms.choices import Frequency, PlatformType
from kam.platforms.models import PlatformEntry, PlatformItem
from kam.platforms.rules import events_per_year, planned_dates
from kam.users.models import User

ITEM_FIELDS = [
    "year",
    "platform_type",
    "title",
    "audience_function",
    "audience_level",
    "frequency",
    "times_per_year",
    "owner",
    "budget",
    "currency",
    "kpi",
    "kpi_contribution",
    "notes",
]
# The mechanism (T5) a platform's calendar entries run under.
PLATFORM_MECHANISMS = {
    PlatformType.USER_FORUM: "business_social_teambuilding",
    PlatformType.TECHNICAL_SEMINAR: "tech_exchange_service",
    PlatformType.TRAINING_ACADEMY: "mgmt_training_study_visit",
    PlatformType.CUSTOMER_CLUB: "business_social_teambuilding",
    PlatformType.SERVICE_PLATFORM: "tech_exchange_service",
    PlatformType.JOINT_EVENT: "business_social_teambuilding",
}


@dataclass(frozen=True)
class PlatformItemInput:
    """A platform item as the user plans it."""

    year: int
    platform_type: str
    title: str
    audience_function: str = ""
    audience_level: str = ""
    frequency: str = Frequency.QUARTERLY
    times_per_year: int | None = None
    owner: User | None = None
    budget: Decimal | None = None
    currency: str = "CNY"
    kpi: str = BroadKpi.PLATFORM_EVENTS
    kpi_contribution: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CalendarResult:
    """What adding to the calendar did: entries created now, and the item's entries in all."""

    created: int
    total: int


def _normalised(account: Account, data: dict[str, object]) -> dict[str, object]:
    """The owner must work on the account; a fixed frequency carries no count of its own."""
    owner = data.get("owner")
    if isinstance(owner, User) and not account_workers(account).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Choose someone on the account team.")})
    if "title" in data and isinstance(data["title"], str):
        data = {**data, "title": data["title"].strip()}
    if data.get("frequency") not in (None, Frequency.TIMES):
        data = {**data, "times_per_year": None}
    return data


@transaction.atomic
def platform_item_create(*, actor: User, account: Account, item: PlatformItemInput) -> PlatformItem:
    """Plan a platform for the account's year."""
    require(can_change_account(actor, account))
    data = _normalised(account, {field.name: getattr(item, field.name) for field in fields(item)})
    created = PlatformItem(account=account, **data)
    return audited_create(
        actor=actor, instance=created, fields=ITEM_FIELDS, account_uuid=account.uuid
    )


@transaction.atomic
def platform_item_update(
    *,
    actor: User,
    item: PlatformItem,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> PlatformItem:
    """Change the item (entries already on the calendar stay as they are)."""
    require(can_change_account(actor, item.account))
    unknown = set(data) - set(ITEM_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Unknown platform fields: {fields}").format(fields=", ".join(sorted(unknown))),
            status=422,
        )
    return audited_update(
        actor=actor,
        instance=item,
        data=_normalised(item.account, data),
        fields=ITEM_FIELDS,
        account_uuid=item.account.uuid,
        expected_version=expected_version,
    )


@transaction.atomic
def platform_item_delete(*, actor: User, item: PlatformItem) -> None:
    """Delete the item; the calendar entries it created stay on the calendar (no longer linked)."""
    require(can_change_account(actor, item.account))
    audited_delete(
        actor=actor,
        instance=item,
        changes={"title": [item.title, None], "year": [item.year, None]},
        account_uuid=item.account.uuid,
    )


def _mechanism(platform_type: str) -> Mechanism:
    code = PLATFORM_MECHANISMS.get(PlatformType(platform_type), "")
    active = Mechanism.objects.filter(is_active=True)
    mechanism = active.filter(code=code).first() or active.order_by("position", "code").first()
    if mechanism is None:
        raise ApplicationError(
            _("No communication mechanism is in use: ask an administrator to activate one."),
            code="no_mechanism",
            status=409,
        )
    return mechanism


def _entry_input(
    item: PlatformItem, mechanism: Mechanism, planned_on: object
) -> CalendarEntryInput:
    purpose = item.kpi_contribution or PlatformType(item.platform_type).label
    return CalendarEntryInput(
        mechanism=mechanism,
        title=item.title,
        planned_on=planned_on,  # type: ignore[arg-type]  # a date from planned_dates
        is_month_only=True,
        purpose=str(purpose),
        our_participants=[item.owner] if item.owner else [],
        currency=item.currency,
    )


@transaction.atomic
def platform_item_add_to_calendar(*, actor: User, item: PlatformItem) -> CalendarResult:
    """加入日历: one calendar entry (month only) per event of the item's year, spread evenly
    (quarterly → Feb, May, Aug, Nov). Idempotent: events already on the calendar are skipped."""
    require(can_change_account(actor, item.account))
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the owner
    locked = PlatformItem.objects.select_for_update(of=("self",))
    item = locked.select_related("account", "owner").get(pk=item.pk)
    taken = set(item.entry_links.values_list("slot", flat=True))
    dates = planned_dates(item.year, events_per_year(item.frequency, item.times_per_year))
    missing = [(slot, day) for slot, day in enumerate(dates) if slot not in taken]
    if missing:
        mechanism = _mechanism(item.platform_type)
    for slot, day in missing:
        entry = calendar_entry_create(
            actor=actor, account=item.account, entry=_entry_input(item, mechanism, day)
        )
        PlatformEntry.objects.create(item=item, entry=entry, slot=slot)
    total = len(taken) + len(missing)
    if missing:
        audit_record(
            actor=actor,
            instance=item,
            action=AuditAction.UPDATE,
            changes={"entry_links": [len(taken), total]},
            account_uuid=item.account.uuid,
        )
    return CalendarResult(created=len(missing), total=total)

"""Calendar records for tests (through the services, so that they are valid and audited)."""

from datetime import date

from kam.engagement.calendar.services import (
    CalendarEntryInput,
    KeyDateInput,
    calendar_entry_create,
    key_date_create,
)
from kam.engagement.models import CalendarEntry, CustomerKeyDate, Mechanism


def entry_for(
    owner: object,
    account: object,
    *,
    code: str = "tech_exchange_service",
    title: str = "技术交流会",
    planned_on: date = date(2027, 3, 9),
    **fields: object,
) -> CalendarEntry:
    return calendar_entry_create(
        actor=owner,
        account=account,
        entry=CalendarEntryInput(
            mechanism=Mechanism.objects.get(code=code), title=title, planned_on=planned_on, **fields
        ),
    )


def key_date_for(
    owner: object, account: object, *, starts_on: date = date(2027, 3, 20), **fields: object
) -> CustomerKeyDate:
    values = {"kind": "tender", "title": "年度招标", **fields}
    return key_date_create(
        actor=owner, account=account, key_date=KeyDateInput(starts_on=starts_on, **values)
    )


def calendar_objects(owner: object, account: object, contact: object) -> dict[str, object]:
    """The calendar's account-scoped objects for the route walkers of the access tests."""
    entry = entry_for(owner, account, customer_participants=[contact])
    key_date = key_date_for(owner, account)
    return {"entry_uuid": entry.uuid, "key_date_uuid": key_date.uuid}

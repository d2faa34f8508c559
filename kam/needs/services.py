"""Writes on the needs register (T11): create, edit, drop, and address through a matching item
(T6). All audited; every write checks that the actor may change the account."""

from dataclasses import dataclass, fields
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.services import audited_create, audited_update
from kam.core.exceptions import ApplicationError
from kam.engagement.choices import IssueDomain
from kam.engagement.matching.services import MatchingItemInput, matching_item_create
from kam.engagement.models import MatchingItem, MeetingRecord
from kam.needs.choices import IcebergLayer, NeedStatus
from kam.needs.models import Need
from kam.people.models import Contact
from kam.users.models import User

NEED_FIELDS = [
    "title",
    "description",
    "domain",
    "contact",
    "level",
    "visibility",
    "iceberg_layer",
    "source",
    "importance",
    "our_fit",
    "urgency",
    "kano",
    "source_meeting",
]
AUDITED_FIELDS = [*NEED_FIELDS, "status", "matching_item"]


@dataclass(frozen=True)
class NeedInput:
    """A need as the user describes it; the status starts open."""

    title: str
    iceberg_layer: str = IcebergLayer.SURFACE
    description: str = ""
    domain: str = IssueDomain.OTHER
    contact: Contact | None = None
    level: str = "organisational"
    visibility: str = "explicit"
    source: str = "stated"
    importance: int = 3
    our_fit: int = 3
    urgency: int = 3
    kano: str = ""
    source_meeting: MeetingRecord | None = None


def _validate_links(account: Account, data: dict[str, object]) -> None:
    """The contact and the meeting must belong to the need's account."""
    contact = data.get("contact")
    if isinstance(contact, Contact) and contact.account_id != account.pk:
        raise ValidationError({"contact": _("Choose a contact of this account.")})
    meeting = data.get("source_meeting")
    if isinstance(meeting, MeetingRecord) and meeting.account_id != account.pk:
        raise ValidationError({"source_meeting": _("Choose a meeting of this account.")})


@transaction.atomic
def need_create(*, actor: User, account: Account, need: NeedInput) -> Need:
    """Record a customer need (status open)."""
    require(can_change_account(actor, account))
    data = {field.name: getattr(need, field.name) for field in fields(need)}
    _validate_links(account, data)
    created = Need(account=account, status=NeedStatus.OPEN, **data)
    return audited_create(
        actor=actor, instance=created, fields=AUDITED_FIELDS, account_uuid=account.uuid
    )


@transaction.atomic
def need_update(
    *,
    actor: User,
    need: Need,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> Need:
    """Edit what the need says and how it scores (the status moves with drop and address)."""
    require(can_change_account(actor, need.account))
    unknown = set(data) - set(NEED_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Unknown need fields: {fields}").format(fields=", ".join(sorted(unknown))),
            status=422,
        )
    _validate_links(need.account, data)
    return audited_update(
        actor=actor,
        instance=need,
        data=data,
        fields=NEED_FIELDS,
        account_uuid=need.account.uuid,
        expected_version=expected_version,
    )


def _locked(need: Need) -> Need:
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the contact
    locked = Need.objects.select_for_update(of=("self",)).select_related("account", "contact")
    return locked.get(pk=need.pk)


@transaction.atomic
def need_drop(*, actor: User, need: Need) -> Need:
    """Set the need aside (dropped); an addressed need keeps its matching item."""
    require(can_change_account(actor, need.account))
    need = _locked(need)
    if need.status == NeedStatus.DROPPED:
        raise ApplicationError(_("This need is already dropped."), code="already_dropped")
    return audited_update(
        actor=actor,
        instance=need,
        data={"status": NeedStatus.DROPPED},
        fields=["status"],
        account_uuid=need.account.uuid,
    )


@transaction.atomic
def need_reopen(*, actor: User, need: Need) -> Need:
    """Take a dropped need back into the register (open)."""
    require(can_change_account(actor, need.account))
    need = _locked(need)
    if need.status != NeedStatus.DROPPED:
        raise ApplicationError(_("Only a dropped need can be reopened."), code="not_dropped")
    return audited_update(
        actor=actor,
        instance=need,
        data={"status": NeedStatus.OPEN},
        fields=["status"],
        account_uuid=need.account.uuid,
    )


def _problem_text(need: Need) -> str:
    if need.description.strip():
        return f"{need.title}\n\n{need.description}"
    return need.title


@transaction.atomic
def need_address(*, actor: User, need: Need, domain: str | None = None) -> MatchingItem:
    """为此需求制定匹配方案: create a matching item (stage identified) from the need, link it,
    and mark the need addressed. All or nothing."""
    require(can_change_account(actor, need.account))
    need = _locked(need)
    if need.status != NeedStatus.OPEN:
        raise ApplicationError(
            _("Only an open need can be addressed: this one is “{status}”.").format(
                status=NeedStatus(need.status).label
            ),
            code="need_not_open",
            status=409,
        )
    item = matching_item_create(
        actor=actor,
        account=need.account,
        item=MatchingItemInput(
            domain=domain or need.domain,
            problem=_problem_text(need),
            customer_owner=need.contact,
            meeting=need.source_meeting,
        ),
    )
    audited_update(
        actor=actor,
        instance=need,
        data={"matching_item": item, "status": NeedStatus.ADDRESSED},
        fields=["matching_item", "status"],
        account_uuid=need.account.uuid,
    )
    return item

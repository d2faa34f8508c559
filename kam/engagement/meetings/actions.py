"""Writes of action items (行动计划): agreed in a meeting or outside one, owned on our side or the
customer's; every write checks access, validates with `full_clean()` and is audited."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_snapshot
from kam.core.services import refuse_stale_write
from kam.engagement.choices import ActionStatus, OwnerSide
from kam.engagement.meetings.validators import validate_contacts, validate_workers
from kam.engagement.models import ActionItem, MeetingRecord
from kam.people.models import Contact
from kam.users.models import User

ACTION_FIELDS = ["description", "owner_side", "owner_user", "owner_contact", "due_on", "status"]


def _action_owner(
    account: Account, owner_side: str, owner_user: User | None, owner_contact: Contact | None
) -> tuple[User | None, Contact | None]:
    """Keep only the owner of the chosen side; ours must be on the team."""
    if owner_side == OwnerSide.OURS:
        if owner_user is not None:
            validate_workers(account, [owner_user], "owner_user")
        return owner_user, None
    if owner_contact is not None:
        validate_contacts(account, [owner_contact], "owner_contact")
    return None, owner_contact


@dataclass(frozen=True)
class ActionItemInput:
    """An agreed action: what, by when, and who owns it (a team member or a customer contact)."""

    description: str
    owner_side: str
    due_on: date | None
    owner_user: User | None = None
    owner_contact: Contact | None = None
    status: str = ActionStatus.OPEN


def _validate_meeting(account: Account, meeting: MeetingRecord | None) -> None:
    if meeting is not None and meeting.account_id != account.pk:
        raise ValidationError({"meeting": _("The meeting belongs to another account.")})


@transaction.atomic
def action_item_create(
    *,
    actor: User,
    account: Account,
    action: ActionItemInput,
    meeting: MeetingRecord | None = None,
) -> ActionItem:
    """Agree an action, owned on our side (a team member) or the customer's (a contact)."""
    require(can_change_account(actor, account))
    _validate_meeting(account, meeting)
    owner_user, owner_contact = _action_owner(
        account, action.owner_side, action.owner_user, action.owner_contact
    )
    item = ActionItem(
        account=account,
        meeting=meeting,
        description=(action.description or "").strip(),
        owner_side=action.owner_side,
        owner_user=owner_user,
        owner_contact=owner_contact,
        due_on=action.due_on,  # type: ignore[misc]  # full_clean() refuses None
        status=action.status,
        closed_on=timezone.localdate() if action.status == ActionStatus.DONE else None,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        instance=item,
        action=AuditAction.CREATE,
        changes=audit_snapshot(item, [*ACTION_FIELDS, "closed_on"]),
        account_uuid=account.uuid,
    )
    return item


@transaction.atomic
def action_item_update(
    *,
    actor: User,
    action_item: ActionItem,
    data: Mapping[str, Any],
    expected_version: datetime | None = None,
) -> ActionItem:
    """Edit an action or change its status: done sets the closing date, reopening clears it.
    `expected_version` is the `updated_at` the user saw; an action saved since is refused."""
    require(can_change_account(actor, action_item.account))
    item = ActionItem.objects.select_for_update().select_related("account").get(pk=action_item.pk)
    refuse_stale_write(instance=item, expected_version=expected_version)
    values: dict[str, Any] = {name: data.get(name, getattr(item, name)) for name in ACTION_FIELDS}
    if isinstance(values["description"], str):
        values["description"] = values["description"].strip()
    values["owner_user"], values["owner_contact"] = _action_owner(
        item.account, values["owner_side"], values["owner_user"], values["owner_contact"]
    )
    if values["status"] == ActionStatus.DONE:
        values["closed_on"] = item.closed_on or timezone.localdate()
    else:
        values["closed_on"] = None
    changes = {}
    for name, value in values.items():
        before = getattr(item, name)
        if before != value:
            changes[name] = [before, value]
            setattr(item, name, value)
    if changes:
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            instance=item,
            action=AuditAction.UPDATE,
            changes=changes,
            account_uuid=item.account.uuid,
        )
    return item

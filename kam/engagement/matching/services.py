"""Writes on strategic matching items (T6): create, edit, move along the funnel; all audited.
The create and the move take one frozen input object (`MatchingItemInput`,
`MatchingAdvanceInput`)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_snapshot
from kam.core.exceptions import ApplicationError
from kam.core.services import model_update
from kam.engagement.choices import MatchingStage
from kam.engagement.models import MatchingItem, MeetingRecord
from kam.people.models import Contact
from kam.users.models import User

MATCHING_FIELDS = [
    "domain",
    "problem",
    "customer_owner",
    "key_help",
    "help_type",
    "value_type",
    "value_amount",
    "currency",
    "evidence",
    "meeting",
]
STAGES = list(MatchingStage.values)


def _validate_links(account: Account, data: dict[str, object]) -> None:
    """The customer owner and the meeting must belong to the item's account."""
    owner = data.get("customer_owner")
    if isinstance(owner, Contact) and owner.account_id != account.pk:
        raise ValidationError({"customer_owner": _("Choose a contact of this account.")})
    meeting = data.get("meeting")
    if isinstance(meeting, MeetingRecord) and meeting.account_id != account.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this account.")})


@dataclass(frozen=True)
class MatchingItemInput:
    """A customer problem to match: its domain and owner, the key help and the value outcome."""

    domain: str
    problem: str
    customer_owner: Contact | None = None
    key_help: str = ""
    help_type: str = ""
    value_type: str = ""
    value_amount: Decimal | None = None
    currency: str = "CNY"
    evidence: str = ""
    meeting: MeetingRecord | None = None


@dataclass(frozen=True)
class MatchingAdvanceInput:
    """A move along the funnel; value proven records the evidence and the customer's sign-off."""

    stage: str
    evidence: str | None = None
    is_signed_off: bool | None = None
    value_amount: Decimal | None = None
    changed_on: date | None = None


@transaction.atomic
def matching_item_create(*, actor: User, account: Account, item: MatchingItemInput) -> MatchingItem:
    """Record a customer problem to match (stage: identified)."""
    require(can_change_account(actor, account))
    fields = {name: getattr(item, name) for name in MATCHING_FIELDS}
    _validate_links(account, fields)
    created = MatchingItem(
        account=account,
        stage=MatchingStage.IDENTIFIED,
        stage_changed_on=timezone.localdate(),
        **fields,
    )
    created.full_clean()
    created.save()
    audit_record(
        actor=actor,
        instance=created,
        action=AuditAction.CREATE,
        changes=audit_snapshot(created, [*MATCHING_FIELDS, "stage"]),
        account_uuid=account.uuid,
    )
    return created


@transaction.atomic
def matching_item_update(
    *,
    actor: User,
    item: MatchingItem,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> MatchingItem:
    """Edit the item's text, owner, help and value (the stage moves with matching_item_advance)."""
    require(can_change_account(actor, item.account))
    unknown = set(data) - set(MATCHING_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Unknown matching fields: {fields}").format(fields=sorted(unknown)), status=422
        )
    _validate_links(item.account, data)
    item, changes = model_update(
        instance=item, data=data, fields=MATCHING_FIELDS, expected_version=expected_version
    )
    audit_record(
        actor=actor,
        instance=item,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=item.account.uuid,
    )
    return item


@transaction.atomic
def matching_item_edit(
    *,
    actor: User,
    item: MatchingItem,
    data: dict[str, object],
    move: MatchingAdvanceInput | None,
    expected_version: datetime | None,
) -> MatchingItem:
    """Edit the item and, with `move`, move it along the funnel: one write, refused whole when
    someone saved the item after `expected_version` (its `updated_at` the user saw)."""
    item = matching_item_update(
        actor=actor, item=item, data=data, expected_version=expected_version
    )
    if move is not None:
        item = matching_item_advance(actor=actor, item=item, move=move)
    return item


def _validate_move(current: str, target: str) -> None:
    if target not in STAGES:
        raise ValidationError({"stage": _("Choose a stage of the funnel.")})
    if STAGES.index(target) > STAGES.index(current) + 1:
        raise ValidationError(
            {
                "stage": _("Move one stage at a time: next comes “{stage}”.").format(
                    stage=MatchingStage(STAGES[STAGES.index(current) + 1]).label
                )
            }
        )


def _apply_move(item: MatchingItem, move: MatchingAdvanceInput) -> date:
    """Applies the move to the item; returns the day the stage changed."""
    changed_on = move.changed_on or timezone.localdate()
    item.stage = move.stage
    item.stage_changed_on = changed_on
    if move.evidence is not None:
        item.evidence = move.evidence
    if move.value_amount is not None:
        item.value_amount = move.value_amount
    if move.stage == MatchingStage.VALUE_PROVEN:
        item.is_signed_off = bool(move.is_signed_off)
    elif move.is_signed_off is not None:
        item.is_signed_off = move.is_signed_off
    return changed_on


@transaction.atomic
def matching_item_advance(
    *, actor: User, item: MatchingItem, move: MatchingAdvanceInput
) -> MatchingItem:
    """Move the item to the next funnel stage (or back to an earlier one).

    Value proven needs the evidence (checked by the model) and records the customer's sign-off.
    """
    require(can_change_account(actor, item.account))
    item = MatchingItem.objects.select_for_update().select_related("account").get(pk=item.pk)
    _validate_move(item.stage, move.stage)
    before = {
        "stage": item.stage,
        "evidence": item.evidence,
        "is_signed_off": item.is_signed_off,
        "value_amount": item.value_amount,
    }
    changed_on = _apply_move(item, move)
    item.full_clean()
    item.save()
    changes: dict[str, list[object]] = {
        name: [str(value) if value is not None else None, str(getattr(item, name))]
        for name, value in before.items()
        if getattr(item, name) != value
    }
    changes["stage_changed_on"] = [None, changed_on.isoformat()]
    audit_record(
        actor=actor,
        instance=item,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=item.account.uuid,
    )
    return item

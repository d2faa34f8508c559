"""Writes on key-person cards and their development plans; checked, versioned and audited."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, is_account_worker, require
from kam.accounts.models import Account
from kam.assessments.models import AssessmentTemplate
from kam.audit.choices import AuditAction
from kam.audit.models import AuditEntry
from kam.audit.services import audit_record, audited_create, audited_update
from kam.cards.choices import ActionStatus
from kam.cards.models import PERSONAL_FIELDS, CardAction, KeyPersonCard
from kam.cards.selectors import can_view_personal_fields, social_style_template
from kam.cards.style import clean_answers, score_style
from kam.core.exceptions import ApplicationError
from kam.core.services import refuse_stale_write
from kam.people.models import Contact
from kam.people.services import contact_map_update
from kam.users.models import User

CARD_FIELDS = [
    "job_kpis",
    "current_priorities",
    "problems_owned",
    "success_criteria",
    "primary_need",
    "secondary_need",
    "attitude_to_change",
    "industry_associations",
    "conferences",
    "professional_communities",
    "our_touchpoints",
]
STYLE_FIELDS = ["assertiveness", "responsiveness", "social_style", "style_confidence"]
# Personal values never enter the audit trail (the account history is shown to the whole
# team): a change to them is recorded with this mask instead of the values.
MASK = "***"


def _stale_error() -> ApplicationError:
    return ApplicationError(
        _(
            "Someone else saved this card after you opened it. Your changes were not saved: "
            "reload the page to see the current version, then make them again."
        ),
        code="stale_version",
        status=409,
    )


def _locked_card(contact: Contact) -> KeyPersonCard:
    """The contact's card locked for this transaction, or a new unsaved one (version 0)."""
    card = KeyPersonCard.objects.select_for_update().filter(contact=contact).first()
    if card is None:
        card = KeyPersonCard(contact=contact, account=contact.account, version=0)
    card.contact = contact
    return card


def _save(card: KeyPersonCard) -> None:
    """Validate and save with the next version; a card created meanwhile is a stale write."""
    card.version += 1
    # A card created by someone else meanwhile is reported as a stale write below (the unique
    # contact), not as a "card already exists" validation message.
    card.full_clean(validate_unique=False)
    if card.pk is not None:
        card.save()
        return
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError as error:
        raise _stale_error() from error


def _audit_changes(changes: dict[str, list[object]]) -> dict[str, list[object]]:
    return {
        name: [MASK, MASK] if name in PERSONAL_FIELDS else values
        for name, values in changes.items()
    }


def _audit(actor: User, card: KeyPersonCard, action: AuditAction, changes: dict) -> None:
    audit_record(
        actor=actor,
        instance=card,
        action=action,
        changes=_audit_changes(changes),
        account_uuid=card.account.uuid,
    )


@transaction.atomic
def card_update(
    *, actor: User, contact: Contact, data: Mapping[str, Any], expected_version: int
) -> KeyPersonCard:
    """Save the card's fields (and the contact's decision focus) if nobody saved in between.

    `expected_version` is the card version the user saw (0 for a card not written yet).
    Personal fields may only be changed by those allowed to see them.
    """
    require(can_change_account(actor, contact.account))
    allowed = {*CARD_FIELDS, *PERSONAL_FIELDS, "decision_focus"}
    unknown = set(data) - allowed
    if unknown:
        raise ApplicationError(_("Unknown card fields: {fields}").format(fields=sorted(unknown)))
    if set(data) & set(PERSONAL_FIELDS) and not can_view_personal_fields(actor, contact):
        raise PermissionDenied(
            _(
                "Only the relationship owner, the account manager and directors may change the "
                "personal relationship fields."
            )  # fmt: skip
        )
    card = _locked_card(contact)
    if card.version != expected_version:
        raise _stale_error()
    is_new = card.pk is None
    changes: dict[str, list[object]] = {}
    for name, value in data.items():
        if name == "decision_focus":
            continue
        before = getattr(card, name)
        if before != value:
            changes[name] = [before, value]
            setattr(card, name, value)
    if "decision_focus" in data and data["decision_focus"] != contact.decision_focus:
        contact_map_update(
            actor=actor, contact=contact, data={"decision_focus": data["decision_focus"]}
        )
        contact.decision_focus = data["decision_focus"]
    if changes:
        _save(card)
        _audit(actor, card, AuditAction.CREATE if is_new else AuditAction.UPDATE, changes)
    return card


@transaction.atomic
def card_record_style(
    *,
    actor: User,
    contact: Contact,
    answers: Mapping[str, object],
    template: AssessmentTemplate | None = None,
) -> KeyPersonCard:
    """Score the social-style questionnaire on the engine and store the result on the card."""
    require(can_change_account(actor, contact.account))
    template = template or social_style_template()
    cleaned = clean_answers(template, answers)
    result = score_style(template, cleaned)
    if not result.style:
        raise ValidationError(
            {
                "style_answers": _(
                    "Answer at least one question on each axis (assertiveness and responsiveness)."
                )
            }  # fmt: skip
        )
    card = _locked_card(contact)
    is_new = card.pk is None
    before = {name: getattr(card, name) for name in STYLE_FIELDS}
    card.style_answers = cleaned
    card.assertiveness = result.assertiveness
    card.responsiveness = result.responsiveness
    card.social_style = result.style
    card.style_confidence = result.confidence
    card.style_template_version = template.version
    card.style_recorded_at = timezone.now()
    _save(card)
    changes = {name: [before[name], getattr(card, name)] for name in STYLE_FIELDS}
    _audit(actor, card, AuditAction.CREATE if is_new else AuditAction.UPDATE, changes)
    return card


def card_personal_view_record(
    *, actor: User, card: KeyPersonCard, fields: list[str]
) -> AuditEntry | None:
    """Record that `actor` was shown the card's personal fields (names only, never values)."""
    if card.pk is None or not fields:
        return None
    return audit_record(
        actor=actor,
        instance=card,
        action=AuditAction.VIEW,
        changes={name: [None, None] for name in fields},
        account_uuid=card.account.uuid,
    )


# --- development plan ----------------------------------------------------------------------------


def _check_action_owner(account: Account, owner: User | None) -> None:
    if owner is None:
        raise ValidationError({"owner": _("Choose who owns this action.")})
    if not is_account_worker(owner, account):
        raise ValidationError(
            {"owner": _("The owner must be the account manager or on the account team.")}
        )


def _card_for_plan(actor: User, contact: Contact) -> KeyPersonCard:
    card = _locked_card(contact)
    if card.pk is None:
        _save(card)
        _audit(actor, card, AuditAction.CREATE, {})
    return card


ACTION_FIELDS = ["description", "owner", "due_on", "status", "done_on"]


@transaction.atomic
def card_action_create(
    *,
    actor: User,
    contact: Contact,
    description: str,
    owner: User | None,
    due_on: date | None = None,
) -> CardAction:
    """Add a step to the contact's development plan (the card is created if needed)."""
    require(can_change_account(actor, contact.account))
    _check_action_owner(contact.account, owner)
    card = _card_for_plan(actor, contact)
    action = CardAction(
        card=card,
        account=contact.account,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )
    return audited_create(
        actor=actor, instance=action, fields=ACTION_FIELDS, account_uuid=contact.account.uuid
    )


@transaction.atomic
def card_action_update(
    *,
    actor: User,
    action: CardAction,
    data: Mapping[str, Any],
    expected_version: datetime | None = None,
) -> CardAction:
    """Complete, cancel, reopen or edit an action. Done without a date means done today.
    `expected_version` is the `updated_at` the user saw; an action saved since is refused."""
    require(can_change_account(actor, action.account))
    action = CardAction.objects.select_for_update().select_related("account").get(pk=action.pk)
    refuse_stale_write(instance=action, expected_version=expected_version)
    values = {name: data.get(name, getattr(action, name)) for name in ACTION_FIELDS}
    if "owner" in data:
        _check_action_owner(action.account, values["owner"])
    if values["status"] == ActionStatus.DONE:
        values["done_on"] = values["done_on"] or timezone.localdate()
    else:
        values["done_on"] = None
    if isinstance(values["description"], str):
        values["description"] = values["description"].strip()
    return audited_update(
        actor=actor,
        instance=action,
        data=values,
        fields=ACTION_FIELDS,
        account_uuid=action.account.uuid,
    )

"""Writes of the handovers: open one when an owner changes (called explicitly by the services
that change an account's manager or a contact's relationship owner), and confirm an item
unchanged. Every write is audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.exceptions import ApplicationError
from kam.handover.choices import HandoverKind, ItemCode
from kam.handover.items import CONFIRMABLE_ITEMS
from kam.handover.models import Handover, HandoverConfirmation, HandoverPerson
from kam.people.models import Contact
from kam.users.models import User


@transaction.atomic
def handover_create(
    *,
    actor: User,
    account: Account,
    kind: str,
    new_owner: User,
    previous_owner: User | None,
    contacts: list[Contact],
) -> Handover:
    """Open a handover for the new owner; earlier open handovers of the same persons are
    superseded (only the newest owner's checklist counts)."""
    handover = Handover(
        account=account,
        kind=kind,
        new_owner=new_owner,
        previous_owner=previous_owner,
        created_by=actor,
    )
    handover.full_clean()
    handover.save()
    HandoverPerson.objects.filter(
        contact__in=[contact.pk for contact in contacts], is_superseded=False
    ).update(is_superseded=True)
    HandoverPerson.objects.bulk_create(
        [HandoverPerson(handover=handover, contact=contact) for contact in contacts]
    )
    audit_record(
        actor=actor,
        instance=handover,
        action=AuditAction.CREATE,
        changes={
            "kind": [None, kind],
            "new_owner": [None, str(new_owner)],
            "previous_owner": [None, str(previous_owner) if previous_owner else None],
            "persons": [None, sorted(contact.name for contact in contacts)],
        },
        account_uuid=account.uuid,
    )
    return handover


def handover_on_account_manager_change(
    *, actor: User, account: Account, previous_owner: User | None
) -> Handover | None:
    """The account has a new manager: they take over its active key persons that have no
    relationship owner of their own, or whose owner was the previous or is the new manager."""
    if previous_owner is not None and previous_owner.pk == account.owner_id:
        return None
    owners = Q(relationship_owner__isnull=True) | Q(relationship_owner=account.owner_id)
    if previous_owner is not None:
        owners |= Q(relationship_owner=previous_owner.pk)
    contacts = list(
        account.contacts.filter(owners, is_key_person=True, is_active=True).order_by("name", "pk")
    )
    return handover_create(
        actor=actor,
        account=account,
        kind=HandoverKind.ACCOUNT_MANAGER,
        new_owner=account.owner,
        previous_owner=previous_owner,
        contacts=contacts,
    )


def handover_on_relationship_owner_change(
    *, actor: User, contact: Contact, previous_owner: User | None
) -> Handover | None:
    """A key person passes from one relationship owner to another: the handover covers that
    one person. A first owner (nobody owned the person before) takes over nothing."""
    new_owner = contact.relationship_owner
    if new_owner is None or previous_owner is None or not contact.is_key_person:
        return None
    if previous_owner.pk == new_owner.pk:
        return None
    return handover_create(
        actor=actor,
        account=contact.account,
        kind=HandoverKind.RELATIONSHIP_OWNER,
        new_owner=new_owner,
        previous_owner=previous_owner,
        contacts=[contact],
    )


def can_confirm(user: User, handover: Handover) -> bool:
    """The new owner (or a director) confirms, if they may still change the account."""
    if not can_change_account(user, handover.account):
        return False
    return handover.new_owner_id == user.pk or can_administer_portfolio(user)


@transaction.atomic
def handover_item_confirm(
    *, actor: User, handover: Handover, contact: Contact, item_code: str
) -> HandoverConfirmation:
    """Confirm one item of one person unchanged (when no natural record does it)."""
    require(can_change_account(actor, handover.account))
    if not can_confirm(actor, handover):
        raise PermissionDenied(_("Only the new owner or a director confirms this handover."))
    if item_code not in CONFIRMABLE_ITEMS:
        raise ApplicationError(
            _("This item is done by re-rating the person, not by confirming it."),
            code="not_confirmable",
        )
    person = (
        HandoverPerson.objects.select_for_update()
        .filter(handover=handover, contact=contact)
        .first()
    )
    if person is None:
        raise ApplicationError(_("This person is not part of this handover."), code="not_found")
    if person.is_superseded:
        raise ApplicationError(
            _("This person has been handed over again; confirm on the newer handover."),
            code="superseded",
            status=409,
        )
    if person.confirmations.filter(item_code=item_code).exists():
        raise ApplicationError(
            _("This item is already confirmed."), code="already_confirmed", status=409
        )
    confirmation = HandoverConfirmation(person=person, item_code=item_code, confirmed_by=actor)
    confirmation.full_clean()
    confirmation.save()
    audit_record(
        actor=actor,
        instance=confirmation,
        action=AuditAction.CREATE,
        changes={
            "item_code": [None, ItemCode(item_code).value],
            "person": [None, contact.name],
        },
        account_uuid=handover.account.uuid,
    )
    return confirmation

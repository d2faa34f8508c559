"""Writes on org units and contacts; every write is checked against the account and audited."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import (
    account_workers,
    can_administer_portfolio,
    can_change_account,
    require,
    require_set_relationship_owner,
)
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import (
    audit_record,
    audit_snapshot,
    audited_create,
    audited_delete,
    audited_update,
)
from kam.core.exceptions import ApplicationError
from kam.core.services import model_update
from kam.handover.services import handover_on_relationship_owner_change
from kam.people.models import Contact, ContactEdge, OrgUnit, PowerMapSettings
from kam.people.rules import key_person_reasons
from kam.people.selectors import power_map_settings
from kam.users.models import User

ORG_UNIT_FIELDS = ["name", "parent", "function", "level"]
CONTACT_FIELDS = [
    "name",
    "title",
    "seniority",
    "function",
    "org_unit",
    "reports_to",
    "email",
    "phone",
    "is_active",
    "notes",
]


@transaction.atomic
def org_unit_create(
    *,
    actor: User,
    account: Account,
    name: str,
    function: str,
    level: str,
    parent: OrgUnit | None = None,
) -> OrgUnit:
    require(can_change_account(actor, account))
    unit = OrgUnit(account=account, parent=parent, name=name, function=function, level=level)
    _refuse_duplicate_unit(unit)
    return audited_create(
        actor=actor, instance=unit, fields=ORG_UNIT_FIELDS, account_uuid=account.uuid
    )


def _refuse_duplicate_unit(unit: OrgUnit) -> None:
    """Two units of one name under the same parent are one unit entered twice. The database
    constraint cannot see it at the top level (a NULL parent never equals another), so the
    rule is checked here too, with the constraint's message, on the name."""
    siblings = OrgUnit.objects.filter(
        account_id=unit.account_id, parent_id=unit.parent_id, name=unit.name.strip()
    )
    if unit.pk:
        siblings = siblings.exclude(pk=unit.pk)
    if siblings.exists():
        field, message = OrgUnit.UNIQUE_FIELD_ERRORS["unique_org_unit_name_under_parent"]
        raise ValidationError({field: message})


@transaction.atomic
def org_unit_update(
    *,
    actor: User,
    unit: OrgUnit,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> OrgUnit:
    require(can_change_account(actor, unit.account))
    if "name" in data or "parent" in data:
        changed = OrgUnit(
            pk=unit.pk,
            account_id=unit.account_id,
            parent=data.get("parent", unit.parent),  # type: ignore[misc]
            name=str(data.get("name", unit.name)),
        )
        _refuse_duplicate_unit(changed)
    return audited_update(
        actor=actor,
        instance=unit,
        data=data,
        fields=ORG_UNIT_FIELDS,
        account_uuid=unit.account.uuid,
        expected_version=expected_version,
    )


@transaction.atomic
def org_unit_delete(*, actor: User, unit: OrgUnit) -> None:
    require(can_change_account(actor, unit.account))
    try:
        audited_delete(
            actor=actor,
            instance=unit,
            changes={"name": [unit.name, None]},
            account_uuid=unit.account.uuid,
        )
    except ProtectedError as error:
        raise ApplicationError(_("Move or delete the sub-units of this unit first.")) from error


@transaction.atomic
def contact_create(*, actor: User, account: Account, **fields: object) -> Contact:
    require(can_change_account(actor, account))
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown contact fields: {fields}").format(fields=sorted(unknown)))
    return audited_create(
        actor=actor,
        instance=Contact(account=account, **_with_org_unit_defaults(fields)),
        fields=CONTACT_FIELDS,
        account_uuid=account.uuid,
    )


def _with_org_unit_defaults(fields: dict[str, object]) -> dict[str, object]:
    """A new contact's function and level (seniority) left empty are taken from its org unit;
    without a unit they keep the model's defaults."""
    unit = fields.get("org_unit")
    completed = dict(fields)
    for field, unit_field in (("function", "function"), ("seniority", "level")):
        if completed.get(field):
            continue
        completed.pop(field, None)
        if isinstance(unit, OrgUnit):
            completed[field] = getattr(unit, unit_field)
    return completed


@transaction.atomic
def contact_update(
    *,
    actor: User,
    contact: Contact,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> Contact:
    require(can_change_account(actor, contact.account))
    return audited_update(
        actor=actor,
        instance=contact,
        data=data,
        fields=CONTACT_FIELDS,
        account_uuid=contact.account.uuid,
        expected_version=expected_version,
    )


@transaction.atomic
def contact_delete(*, actor: User, contact: Contact) -> None:
    require(can_change_account(actor, contact.account))
    audited_delete(
        actor=actor,
        instance=contact,
        changes={"name": [contact.name, None]},
        account_uuid=contact.account.uuid,
    )


# --- power map (T8.1) ----------------------------------------------------------------------------

MAP_FIELDS = [
    "decision_roles",
    "buying_influence",
    "visibility",
    "influence",
    "political_status",
    "support",
    "response_mode",
    "decision_focus",
    "coverage",
    "closeness",
    "competitor_affinity",
    "competitor_affinity_strength",
    "relationship_owner",
    "key_person_override",
    "key_person_override_reason",
]


def _key_person(
    values: dict[str, Any], settings: PowerMapSettings | None = None
) -> tuple[bool, list[str]]:
    """The key-person flag and the rules' reasons for a contact's (new) map values."""
    settings = settings or power_map_settings()
    reasons = key_person_reasons(
        decision_roles=values["decision_roles"] or [],
        buying_influence=values["buying_influence"],
        influence=values["influence"],
        visibility=values["visibility"],
        high_influence=settings.key_person_influence,
        hidden_influence=settings.hidden_key_person_influence,
    )
    if values["key_person_override"] is not None:
        return bool(values["key_person_override"]), reasons
    return bool(reasons), reasons


def _check_our_people(account: Account, data: dict[str, Any]) -> None:
    """Our relationship owner and supporting colleagues must be on the account team."""
    team = set(account_workers(account).values_list("pk", flat=True))
    owner = data.get("relationship_owner")
    if owner is not None and owner.pk not in team:
        raise ValidationError({"relationship_owner": _("The owner must be on the account team.")})
    supporting = data.get("supporting_users")
    if supporting is not None and any(user.pk not in team for user in supporting):
        raise ValidationError(
            {"supporting_users": _("Supporting colleagues must be on the account team.")}
        )


def _set_supporting_users(contact: Contact, users: list[User] | None) -> dict[str, list[object]]:
    if users is None:
        return {}
    before = sorted(user.display_name for user in contact.supporting_users.all())
    after = sorted(user.display_name for user in users)
    if before == after:
        return {}
    contact.supporting_users.set(users)
    return {"supporting_users": [before, after]}


@transaction.atomic
def contact_map_update(
    *,
    actor: User,
    contact: Contact,
    data: dict[str, Any],
    expected_version: datetime | None = None,
) -> Contact:
    """Record a contact's place on the power map; the key-person flag follows the rules unless
    someone decided by hand (with a written reason). `supporting_users` (a list) replaces the
    contact's supporting colleagues. Changing `relationship_owner` follows
    `can_set_relationship_owner` (403 for anyone else, nothing written)."""
    require(can_change_account(actor, contact.account))
    fresh = Contact.objects.select_for_update().select_related("account").get(pk=contact.pk)
    if "relationship_owner" in data and data["relationship_owner"] != fresh.relationship_owner:
        require_set_relationship_owner(actor, fresh.account)
    _check_our_people(fresh.account, data)
    supporting = data.pop("supporting_users", None)
    values = {field: data.get(field, getattr(fresh, field)) for field in MAP_FIELDS}
    if values["key_person_override"] is None:
        data = {**data, "key_person_override_reason": ""}
    is_key_person, reasons = _key_person(values)
    since = fresh.key_person_since
    if is_key_person and not fresh.is_key_person:
        since = timezone.localdate()
    elif not is_key_person:
        since = None
    data = {
        **data,
        "is_key_person": is_key_person,
        "key_person_reasons": reasons,
        "key_person_since": since,
    }
    previous_owner = fresh.relationship_owner
    fresh, changes = model_update(
        instance=fresh,
        data=data,
        fields=[*MAP_FIELDS, "is_key_person", "key_person_reasons", "key_person_since"],
        expected_version=expected_version,
    )
    changes.update(_set_supporting_users(fresh, supporting))
    if changes:
        audit_record(
            actor=actor,
            instance=fresh,
            action=AuditAction.UPDATE,
            changes=changes,
            account_uuid=fresh.account.uuid,
        )
    if "relationship_owner" in changes:
        handover_on_relationship_owner_change(
            actor=actor, contact=fresh, previous_owner=previous_owner
        )
    return fresh


@dataclass(frozen=True, kw_only=True)
class ContactEdgeInput:
    """An informal line from a contact to `target`: its type, strength (1–5) and evidence."""

    target: Contact
    edge_type: str
    strength: int = 3
    evidence: str = ""
    is_confirmed: bool = False
    observed_on: date | None = None


@transaction.atomic
def contact_edge_create(*, actor: User, source: Contact, data: ContactEdgeInput) -> ContactEdge:
    """Draw an informal line between two contacts of the same account."""
    require(can_change_account(actor, source.account))
    edge = ContactEdge(
        account=source.account,
        source=source,
        target=data.target,
        edge_type=data.edge_type,
        strength=data.strength,
        evidence=data.evidence,
        is_confirmed=data.is_confirmed,
        observed_on=data.observed_on,
    )
    edge.full_clean()
    edge.save()
    audit_record(
        actor=actor,
        instance=edge,
        action=AuditAction.CREATE,
        changes=audit_snapshot(edge, ["source", "target", "edge_type", "strength", "evidence"]),
        account_uuid=source.account.uuid,
    )
    return edge


@transaction.atomic
def contact_edge_delete(*, actor: User, edge: ContactEdge) -> None:
    require(can_change_account(actor, edge.account))
    audited_delete(
        actor=actor,
        instance=edge,
        changes={"edge_type": [edge.edge_type, None]},
        account_uuid=edge.account.uuid,
    )


SETTINGS_FIELDS = [
    "key_person_influence",
    "hidden_key_person_influence",
    "strong_opponent_influence",
    "coach_level",
    "covered_level",
    "new_player_days",
    "min_deep_threads",
    "max_seniority_gap",
]


def _reflag_contacts(settings: PowerMapSettings) -> int:
    """Apply new key-person thresholds to every contact the rules (not a person) decide."""
    fields = ["decision_roles", "buying_influence", "influence", "visibility"]
    changed = []
    today = timezone.localdate()
    contacts = Contact.objects.filter(key_person_override__isnull=True).only(
        *fields, "is_key_person", "key_person_reasons", "key_person_since"
    )
    for contact in contacts.iterator(chunk_size=2000):
        values = {field: getattr(contact, field) for field in fields}
        values["key_person_override"] = None
        is_key_person, reasons = _key_person(values, settings)
        if (is_key_person, reasons) == (contact.is_key_person, contact.key_person_reasons):
            continue
        if is_key_person != contact.is_key_person:
            contact.key_person_since = today if is_key_person else None
        contact.is_key_person, contact.key_person_reasons = is_key_person, reasons
        changed.append(contact)
    Contact.objects.bulk_update(
        changed, ["is_key_person", "key_person_reasons", "key_person_since"], batch_size=1000
    )
    return len(changed)


@transaction.atomic
def power_map_settings_update(
    *, actor: User, data: dict[str, object]
) -> tuple[PowerMapSettings, int]:
    """Record new thresholds (a new row; the old ones stay as history) and re-apply the
    key-person rules to every contact. Returns the settings and how many contacts changed."""
    require(can_administer_portfolio(actor))
    before = power_map_settings()
    settings = PowerMapSettings(
        created_by=actor,
        **{field: data.get(field, getattr(before, field)) for field in SETTINGS_FIELDS},
    )
    settings.full_clean()
    settings.save()
    audit_record(
        actor=actor,
        instance=settings,
        action=AuditAction.CREATE,
        changes={
            field: [getattr(before, field), getattr(settings, field)]
            for field in SETTINGS_FIELDS
            if getattr(before, field) != getattr(settings, field)
        },
    )
    return settings, _reflag_contacts(settings)

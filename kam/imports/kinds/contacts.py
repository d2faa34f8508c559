"""Contacts of an account: keyed by e-mail (or, without one, by a name the account has once), so
importing the same file again updates the contacts and never duplicates them. The rules are the
contact form's: the model's validation, function and level taken from the org unit when left
empty, a manager at the same account and no reporting cycle."""

import copy
from typing import Any

from django.utils import timezone

from kam.accounts.models import Account
from kam.imports.columns import CONTACT_COLUMNS, normalise
from kam.imports.kinds.org_units import UnitIndex
from kam.imports.planning import (
    Plan,
    Progress,
    RowPlan,
    choice_value,
    find_cycles,
    model_errors,
    report,
    required_missing,
)
from kam.lib.sorting import name_sort_key
from kam.people.choices import Function
from kam.people.models import Contact
from kam.people.services import CONTACT_FIELDS
from kam.users.choices import Seniority

COLUMNS = {column.key: column for column in CONTACT_COLUMNS}
TEXT_FIELDS = ("name", "title", "email", "phone", "notes")
WRITTEN_FIELDS = ["name", "name_sort_key", "title", "email", "phone", "notes", "org_unit",
                  "function", "seniority", "updated_at"]  # fmt: skip
# Foreign keys the planner resolves itself (the model's check would cost a query per row).
EXCLUDED = ["account", "org_unit", "reports_to", "competitor_affinity", "relationship_owner"]
AUDIT_FIELDS = CONTACT_FIELDS


class ContactIndex:
    """An account's contacts by e-mail and by name, and who reports to whom."""

    def __init__(self, account: Account) -> None:
        self.contacts = list(Contact.objects.filter(account=account))
        self.by_id = {contact.pk: contact for contact in self.contacts}
        self.by_email: dict[str, Contact] = {}
        self.by_name: dict[str, list[Contact]] = {}
        for contact in self.contacts:
            if contact.email:
                self.by_email.setdefault(contact.email.lower(), contact)
            self.by_name.setdefault(normalise(contact.name), []).append(contact)

    def match(self, email: str, name: str) -> Contact | None:
        if email:
            return self.by_email.get(email.lower())
        same_name = self.by_name.get(normalise(name), [])
        return same_name[0] if len(same_name) == 1 else None


def plan(*, account: Account, rows: list[dict[str, Any]], progress: Progress | None) -> Plan:
    result = Plan()
    units = UnitIndex(account)
    index = ContactIndex(account)
    lookups: dict[str, dict[str, object]] = {}
    seen: dict[str, int] = {}
    for done, row in enumerate(rows, start=1):
        report(progress, done)
        planned = _plan_row(result, account, units, index, lookups, seen, row)
        if planned is not None:
            result.rows.append(planned)
    _link_managers(result, index)
    report(progress, len(rows), last=True)
    return result


def _plan_row(
    result: Plan,
    account: Account,
    units: UnitIndex,
    index: ContactIndex,
    lookups: dict[str, dict[str, object]],
    seen: dict[str, int],
    row: dict[str, Any],
) -> RowPlan | None:
    line, values = row["line"], row["values"]
    if required_missing(result, line, CONTACT_COLUMNS, values):
        return None
    function = choice_value(result, line, COLUMNS["function"], values.get("function", ""), lookups)
    seniority = choice_value(
        result, line, COLUMNS["seniority"], values.get("seniority", ""), lookups
    )
    unit = None
    if values.get("org_unit"):
        unit, problem = units.find(values["org_unit"])
        if unit is None:
            code = "ambiguous_org_unit" if problem == "ambiguous" else "unknown_org_unit"
            result.error(line, "org_unit", code, value=values["org_unit"])
    email = values.get("email", "").strip()
    key = email.lower() or "name:" + normalise(values["name"])
    if key in seen:
        result.error(line, "email" if email else "name", "duplicate", line=seen[key])
    else:
        seen[key] = line
    existing = index.match(email, values["name"])
    contact = copy.copy(existing) if existing else Contact(account=account)
    for field in TEXT_FIELDS:
        if values.get(field) or existing is None:
            setattr(contact, field, values.get(field, "").strip())
    if unit is not None:
        contact.org_unit = unit
    # as on the contact form: a new contact's empty function and level come from its unit
    if existing is None:
        contact.function = str(function or (unit.function if unit else Function.OTHER))
        contact.seniority = str(seniority or (unit.level if unit else Seniority.OPERATIONAL))
    else:
        contact.function = str(function or contact.function)
        contact.seniority = str(seniority or contact.seniority)
    manager_id = contact.reports_to_id
    contact.reports_to = None  # checked below, against the file too
    if model_errors(result, line, contact, exclude=EXCLUDED, field_columns={}):
        return None
    contact.reports_to_id = manager_id
    planned = RowPlan(line=line, action="create", instance=contact, values=values)
    if existing is not None:
        planned.changes = _changes(existing, contact)
        planned.action = "update" if planned.changes else "unchanged"
    return planned


def _changes(before: Contact, after: Contact) -> dict[str, list[object]]:
    changes: dict[str, list[object]] = {}
    for field in ("name", "title", "email", "phone", "notes", "function", "seniority"):
        if getattr(before, field) != getattr(after, field):
            changes[field] = [getattr(before, field), getattr(after, field)]
    if before.org_unit_id != after.org_unit_id:
        changes["org_unit"] = [
            str(before.org_unit) if before.org_unit_id else None,
            str(after.org_unit) if after.org_unit_id else None,
        ]
    return changes


def _node(row: RowPlan) -> tuple[str, int]:
    return ("contact", row.instance.pk) if row.instance.pk else ("line", row.line)


def _link_managers(result: Plan, index: ContactIndex) -> None:
    """Resolve "reports to" by e-mail or name, against the file first, then the account."""
    rows = [row for row in result.rows if row.line not in result.error_lines]
    by_email = {row.instance.email.lower(): row for row in rows if row.instance.email}
    by_name: dict[str, list[Any]] = {}
    in_file = {row.instance.pk for row in rows if row.instance.pk}
    for row in rows:
        by_name.setdefault(normalise(row.instance.name), []).append(row)
    for contact in index.contacts:
        if contact.pk not in in_file:
            by_name.setdefault(normalise(contact.name), []).append(contact)
    for row in rows:
        text = row.values.get("reports_to", "").strip()
        if not text:
            continue
        if "@" in text:
            found = by_email.get(text.lower()) or index.by_email.get(text.lower())
            matches = [found] if found is not None else []
        else:
            matches = by_name.get(normalise(text), [])
        if len(matches) != 1:
            code = "ambiguous_contact" if matches else "unknown_contact"
            result.error(row.line, "reports_to", code, value=text)
            continue
        target = matches[0]
        if isinstance(target, Contact) and target.pk in in_file:
            target = next(item for item in rows if item.instance.pk == target.pk)
        if target is row:
            result.error(row.line, "reports_to", "reports_to_self")
            continue
        row.link = target
    _refuse_cycles(result, index, rows)
    for row in rows:
        _record_manager_change(row, index)


def _record_manager_change(row: RowPlan, index: ContactIndex) -> None:
    """An existing contact whose manager changes is updated (and the change audited)."""
    if row.link is None or not row.instance.pk:
        return
    manager = row.link.instance if isinstance(row.link, RowPlan) else row.link
    if manager.pk is not None and manager.pk == row.instance.reports_to_id:
        return
    before = index.by_id.get(row.instance.reports_to_id) if row.instance.reports_to_id else None
    row.changes["reports_to"] = [before.name if before else None, manager.name]
    row.action = "update"


def _refuse_cycles(result: Plan, index: ContactIndex, rows: list[RowPlan]) -> None:
    parents: dict[tuple[str, int], tuple[str, int] | None] = {
        ("contact", contact.pk): ("contact", contact.reports_to_id)
        for contact in index.contacts
        if contact.reports_to_id
    }
    names = {("contact", contact.pk): contact.name for contact in index.contacts}
    for row in rows:
        names[_node(row)] = row.instance.name
        if row.link is not None:
            target = row.link
            parents[_node(row)] = (
                _node(target) if isinstance(target, RowPlan) else ("contact", target.pk)
            )
    linked = [_node(row) for row in rows if row.link is not None]
    cycles = find_cycles(parents, linked)
    for row in rows:
        if row.link is not None and _node(row) in cycles:
            chain, node = [row.instance.name], parents.get(_node(row))
            while node is not None and node != _node(row) and len(chain) <= len(cycles):
                chain.append(names.get(node, ""))
                node = parents.get(node)
            chain.append(row.instance.name)
            result.error(row.line, "reports_to", "reporting_cycle", names=" → ".join(chain))
    changed = True
    while changed:  # a line whose manager's line has errors has an error too
        changed = False
        for row in rows:
            target = row.link
            if (
                isinstance(target, RowPlan)
                and target.line in result.error_lines
                and row.line not in result.error_lines
            ):
                result.error(row.line, "reports_to", "manager_has_errors", line=target.line)
                changed = True


def write(*, plan_rows: list[RowPlan]) -> list[tuple[str, Contact, dict[str, list[object]]]]:
    """Bulk-create the new contacts, then link managers and bulk-update the changed ones."""
    now = timezone.now()
    creates = [row.instance for row in plan_rows if row.action == "create"]
    for contact in creates:
        contact.name_sort_key = name_sort_key(contact.name)
    Contact.objects.bulk_create(creates, batch_size=500)
    managed_new = []
    for row in plan_rows:
        if row.link is None:
            continue
        manager = row.link.instance if isinstance(row.link, RowPlan) else row.link
        row.instance.reports_to = manager
        if row.action == "create":
            managed_new.append(row.instance)
    Contact.objects.bulk_update(managed_new, ["reports_to"], batch_size=500)
    updates = [row for row in plan_rows if row.action == "update"]
    for row in updates:
        row.instance.updated_at = now
        row.instance.name_sort_key = name_sort_key(row.instance.name)
    Contact.objects.bulk_update(
        [row.instance for row in updates], [*WRITTEN_FIELDS, "reports_to"], batch_size=500
    )
    return [("create", contact, {}) for contact in creates] + [
        ("update", row.instance, row.changes) for row in updates
    ]

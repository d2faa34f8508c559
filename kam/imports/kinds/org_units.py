"""Org units of an account: a tree by parent name or path. A unit is known by its name under its
parent, so importing the same file again updates the units and never duplicates them."""

from typing import Any

from django.utils import timezone

from kam.accounts.models import Account
from kam.imports.columns import ORG_UNIT_COLUMNS, normalise
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
from kam.people.models import OrgUnit
from kam.people.services import ORG_UNIT_FIELDS

COLUMNS = {column.key: column for column in ORG_UNIT_COLUMNS}
PATH_SEPARATOR = "/"


def unit_paths(units: list[OrgUnit]) -> dict[int, str]:
    """Each unit's path from the top (normalised): 集团总部/采购部."""
    by_id = {unit.pk: unit for unit in units}
    paths: dict[int, str] = {}

    def path(unit: OrgUnit, depth: int = 0) -> str:
        if unit.pk in paths:
            return paths[unit.pk]
        parent = by_id.get(unit.parent_id) if unit.parent_id else None
        prefix = path(parent, depth + 1) + PATH_SEPARATOR if parent and depth < 50 else ""
        paths[unit.pk] = prefix + normalise(unit.name)
        return paths[unit.pk]

    for unit in units:
        path(unit)
    return paths


class UnitIndex:
    """An account's existing units by path and by name."""

    def __init__(self, account: Account) -> None:
        self.units = list(OrgUnit.objects.filter(account=account))
        self.paths = unit_paths(self.units)
        self.by_path = {self.paths[unit.pk]: unit for unit in self.units}
        self.by_name: dict[str, list[OrgUnit]] = {}
        for unit in self.units:
            self.by_name.setdefault(normalise(unit.name), []).append(unit)

    def find(self, text: str) -> tuple[OrgUnit | None, str]:
        """The unit a cell names and "" — or None and "unknown" / "ambiguous"."""
        key = PATH_SEPARATOR.join(normalise(part) for part in text.split(PATH_SEPARATOR))
        if key in self.by_path:
            return self.by_path[key], ""
        matches = self.by_name.get(key, [])
        if len(matches) == 1:
            return matches[0], ""
        return None, "ambiguous" if matches else "unknown"


def plan(*, account: Account, rows: list[dict[str, Any]], progress: Progress | None) -> Plan:
    result = Plan()
    index = UnitIndex(account)
    lookups: dict[str, dict[str, object]] = {}
    parsed: dict[int, dict[str, Any]] = {}
    seen: dict[tuple[str, str], int] = {}
    for done, row in enumerate(rows, start=1):
        line, values = row["line"], row["values"]
        report(progress, done)
        if required_missing(result, line, ORG_UNIT_COLUMNS, values):
            continue
        function = choice_value(
            result, line, COLUMNS["function"], values.get("function", ""), lookups
        )
        level = choice_value(result, line, COLUMNS["level"], values.get("level", ""), lookups)
        key = (normalise(values.get("parent", "")), normalise(values["name"]))
        if key in seen:
            result.error(line, "name", "duplicate", line=seen[key])
            continue
        seen[key] = line
        parsed[line] = {"values": values, "function": function, "level": level}
    _resolve_parents(result, index, parsed)
    _build(result, account, index, parsed)
    report(progress, len(rows), last=True)
    return result


def _resolve_parents(result: Plan, index: UnitIndex, parsed: dict[int, dict[str, Any]]) -> None:
    """Each row's parent: an existing unit, or another row of the file (by name or path)."""
    by_name: dict[str, list[int]] = {}
    by_path: dict[str, int] = {}
    for line, item in parsed.items():
        name = normalise(item["values"]["name"])
        by_name.setdefault(name, []).append(line)
        parent = item["values"].get("parent", "")
        if parent:
            by_path[normalise(parent) + PATH_SEPARATOR + name] = line
    for line, item in parsed.items():
        text = item["values"].get("parent", "")
        item["parent_row"] = item["parent_unit"] = None
        if not text:
            continue
        key = PATH_SEPARATOR.join(normalise(part) for part in text.split(PATH_SEPARATOR))
        rows = [by_path[key]] if key in by_path else by_name.get(key, [])
        unit, problem = index.find(text)
        if len(rows) == 1 and rows[0] != line:
            item["parent_row"] = rows[0]
        elif len(rows) > 1:
            result.error(line, "parent", "ambiguous_parent_unit", value=text)
        elif unit is not None:
            item["parent_unit"] = unit
        elif rows == [line]:
            result.error(line, "parent", "unit_cycle", names=item["values"]["name"])
        elif problem == "ambiguous":
            result.error(line, "parent", "ambiguous_parent_unit", value=text)
        else:
            result.error(line, "parent", "unknown_parent_unit", value=text)
    parents = {line: item["parent_row"] for line, item in parsed.items() if item["parent_row"]}
    for line in sorted(find_cycles(parents, list(parents))):
        names = " → ".join(_chain(parsed, parents, line))
        result.error(line, "parent", "unit_cycle", names=names)
    _propagate(result, parsed)


def _chain(parsed: dict[int, dict[str, Any]], parents: dict[int, int], line: int) -> list[str]:
    names, node = [], line
    for _step in range(len(parents) + 1):
        names.append(parsed[node]["values"]["name"])
        node = parents[node]
        if node == line:
            break
    return [*names, parsed[line]["values"]["name"]]


def _propagate(result: Plan, parsed: dict[int, dict[str, Any]]) -> None:
    """A row under a row with errors cannot be placed: it has an error too (until stable)."""
    changed = True
    while changed:
        changed = False
        for line, item in parsed.items():
            parent = item.get("parent_row")
            if parent and parent in result.error_lines and line not in result.error_lines:
                result.error(line, "parent", "parent_has_errors", line=parent)
                changed = True


def _depth(parsed: dict[int, dict[str, Any]], line: int) -> int:
    depth, node = 0, parsed[line].get("parent_row")
    while node and depth < len(parsed):
        depth, node = depth + 1, parsed[node].get("parent_row")
    return depth


def _build(
    result: Plan, account: Account, index: UnitIndex, parsed: dict[int, dict[str, Any]]
) -> None:
    """A plan per valid row, parents before children (the writer creates them in that order)."""
    valid = [line for line in parsed if line not in result.error_lines]
    for line in sorted(valid, key=lambda line: (_depth(parsed, line), line)):
        item = parsed[line]
        parent = item["parent_unit"]
        if item["parent_row"]:
            parent_plan = parsed[item["parent_row"]].get("plan")
            if parent_plan is None:
                result.error(line, "parent", "parent_has_errors", line=item["parent_row"])
                continue
            parent = parent_plan.instance
        unit = OrgUnit(account=account, name=item["values"]["name"].strip(), parent=parent)
        unit.function = item["function"] or unit.function
        unit.level = item["level"] or unit.level
        if model_errors(result, line, unit, exclude=["account", "parent"], field_columns={}):
            continue
        row = RowPlan(
            line=line,
            action="create",
            instance=unit,
            values=item["values"],
            depth=_depth(parsed, line),
        )
        if parent is None or parent.pk is not None:
            _match_existing(row, index, item)
        result.rows.append(row)
        item["plan"] = row


def _match_existing(row: RowPlan, index: UnitIndex, item: dict[str, Any]) -> None:
    """A unit of the same name under the same parent is the unit: update it, never duplicate."""
    unit = row.instance
    parent_id = unit.parent.pk if unit.parent is not None else None
    existing = next(
        (
            candidate
            for candidate in index.by_name.get(normalise(unit.name), [])
            if candidate.parent_id == parent_id
        ),
        None,
    )
    if existing is None:
        return
    changes: dict[str, list[object]] = {}
    for field in ("function", "level"):
        new = getattr(unit, field) if item[field] else getattr(existing, field)
        if new != getattr(existing, field):
            changes[field] = [getattr(existing, field), new]
            setattr(existing, field, new)
    row.instance = existing
    row.action = "update" if changes else "unchanged"
    row.changes = changes


def write(*, plan_rows: list[RowPlan]) -> list[tuple[str, OrgUnit, dict[str, list[object]]]]:
    """Create the new units level by level (a child needs its parent's id), update the changed
    ones; returns (action, unit, changes) for the audit trail."""
    audited: list[tuple[str, OrgUnit, dict[str, list[object]]]] = []
    depths = sorted({row.depth for row in plan_rows})
    for depth in depths:
        level = [row for row in plan_rows if row.depth == depth]
        creates = [row.instance for row in level if row.action == "create"]
        for unit in creates:
            unit.parent = unit.parent  # the parent was saved one level up: take its id
        OrgUnit.objects.bulk_create(creates, batch_size=500)
        audited += [("create", unit, {}) for unit in creates]
    updates = [row for row in plan_rows if row.action == "update"]
    now = timezone.now()
    for row in updates:
        row.instance.updated_at = now
    OrgUnit.objects.bulk_update(
        [row.instance for row in updates], ["function", "level", "updated_at"], batch_size=500
    )
    audited += [("update", row.instance, row.changes) for row in updates]
    return audited


AUDIT_FIELDS = ORG_UNIT_FIELDS

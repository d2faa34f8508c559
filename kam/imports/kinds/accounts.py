"""Key accounts, with their group and parent. An account is known by its name among the accounts
the importer can see, so importing the same file again updates them. Every row is written by the
accounts services (`account_create` / `account_update`): the same rules, team and audit trail as
the account form."""

from decimal import Decimal, InvalidOperation
from typing import Any

from kam.accounts import services as account_services
from kam.accounts.access import accounts_visible_to, can_change_account, can_manage_team
from kam.accounts.models import Account, AccountGroup
from kam.imports.columns import ACCOUNT_COLUMNS, normalise
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
from kam.users.models import User

COLUMNS = {column.key: column for column in ACCOUNT_COLUMNS}
TEXT_FIELDS = ("name", "alternate_name", "description")
CHOICE_FIELDS = ("industry", "region", "status", "currency")


class AccountIndex:
    """What account rows refer to: visible accounts, groups and users, by name."""

    def __init__(self, actor: User) -> None:
        self.by_name: dict[str, list[Account]] = {}
        for account in accounts_visible_to(actor).select_related("owner"):
            self.by_name.setdefault(normalise(account.name), []).append(account)
        self.groups = {normalise(group.name): group for group in AccountGroup.objects.all()}
        self.users = {user.username.lower(): user for user in User.objects.filter(is_active=True)}


def plan(*, actor: User, rows: list[dict[str, Any]], progress: Progress | None) -> Plan:
    result = Plan()
    index = AccountIndex(actor)
    lookups: dict[str, dict[str, object]] = {}
    seen: dict[str, int] = {}
    for done, row in enumerate(rows, start=1):
        report(progress, done)
        planned = _plan_row(result, actor, index, lookups, seen, row)
        if planned is not None:
            result.rows.append(planned)
    _link_parents(result, index)
    report(progress, len(rows), last=True)
    return result


def _plan_row(
    result: Plan,
    actor: User,
    index: AccountIndex,
    lookups: dict[str, dict[str, object]],
    seen: dict[str, int],
    row: dict[str, Any],
) -> RowPlan | None:
    line, values = row["line"], row["values"]
    if required_missing(result, line, ACCOUNT_COLUMNS, values):
        return None
    key = normalise(values["name"])
    if key in seen:
        result.error(line, "name", "duplicate", line=seen[key])
        return None
    seen[key] = line
    matches = index.by_name.get(key, [])
    if len(matches) > 1:
        result.error(line, "name", "ambiguous_account", value=values["name"])
        return None
    existing = matches[0] if matches else None
    if existing is not None and not can_change_account(actor, existing):
        result.error(line, "name", "not_allowed", value=values["name"])
        return None
    data: dict[str, object] = {}
    for field in TEXT_FIELDS:
        if values.get(field):
            data[field] = values[field].strip()
    for field in CHOICE_FIELDS:
        value = choice_value(result, line, COLUMNS[field], values.get(field, ""), lookups)
        if value:
            data[field] = value
    _references(result, line, values, index, data, actor, existing)
    if line in result.error_lines:
        return None
    account = Account(**{**_current(existing), **data})
    if model_errors(result, line, account, exclude=["owner", "group", "parent"], field_columns={}):
        return None
    planned = RowPlan(line=line, action="create", instance=existing, values=values)
    planned.changes = data  # field → new value (what the accounts services take)
    if existing is not None:
        changed = {
            field: value for field, value in data.items() if getattr(existing, field) != value
        }
        planned.changes = changed
        planned.action = "update" if changed else "unchanged"
    return planned


def _current(existing: Account | None) -> dict[str, object]:
    if existing is None:
        return {}
    fields = [*TEXT_FIELDS, *CHOICE_FIELDS, "current_revenue"]
    return {field: getattr(existing, field) for field in fields}


def _references(
    result: Plan,
    line: int,
    values: dict[str, str],
    index: AccountIndex,
    data: dict[str, object],
    actor: User,
    existing: Account | None,
) -> None:
    """Owner, group and revenue; the parent is linked once every row is read."""
    if values.get("owner"):
        owner = index.users.get(values["owner"].strip().lower())
        if owner is None:
            result.error(line, "owner", "unknown_owner", value=values["owner"])
        elif (
            existing is not None
            and owner != existing.owner
            and not can_manage_team(actor, existing)
        ):
            result.error(line, "owner", "owner_change_not_allowed")
        else:
            data["owner"] = owner
    elif existing is None:
        data["owner"] = actor
    if values.get("group"):
        group = index.groups.get(normalise(values["group"]))
        if group is None:
            result.error(line, "group", "unknown_group", value=values["group"])
        else:
            data["group"] = group
    if values.get("current_revenue"):
        try:
            text = values["current_revenue"].replace(",", "").replace("，", "")
            data["current_revenue"] = Decimal(text)
        except InvalidOperation:
            result.error(line, "current_revenue", "bad_number", value=values["current_revenue"])


def _link_parents(result: Plan, index: AccountIndex) -> None:
    rows = [row for row in result.rows if row.line not in result.error_lines]
    by_name = {normalise(row.values["name"]): row for row in rows}
    for row in rows:
        text = row.values.get("parent", "").strip()
        if not text:
            continue
        target: Any = by_name.get(normalise(text))
        if target is None:
            matches = index.by_name.get(normalise(text), [])
            if len(matches) != 1:
                code = "ambiguous_account" if matches else "unknown_account"
                result.error(row.line, "parent", code, value=text)
                continue
            target = matches[0]
        if target is row:
            result.error(row.line, "parent", "account_cycle", names=text)
            continue
        row.link = target
    _refuse_cycles(result, rows)


def _node(row: RowPlan) -> tuple[str, int]:
    return ("account", row.instance.pk) if row.instance is not None else ("line", row.line)


def _refuse_cycles(result: Plan, rows: list[RowPlan]) -> None:
    parents: dict[tuple[str, int], tuple[str, int]] = {}
    for row in rows:
        if row.link is not None:
            target = row.link
            parents[_node(row)] = (
                _node(target) if isinstance(target, RowPlan) else ("account", target.pk)
            )
    cycles = find_cycles(parents, list(parents))
    for row in rows:
        if _node(row) in cycles:
            result.error(row.line, "parent", "account_cycle", names=row.values["name"])
    for row in rows:
        depth, node = 0, row.link
        while isinstance(node, RowPlan) and depth <= len(rows):
            depth, node = depth + 1, node.link
        row.depth = depth
        if row.link is not None and row.action == "unchanged":
            target = row.link.instance if isinstance(row.link, RowPlan) else row.link
            if target is None or target.pk != row.instance.parent_id:
                row.action = "update"


def write(*, actor: User, plan_rows: list[RowPlan]) -> list[tuple[str, Any, dict]]:
    """Parents before children, each row through the accounts services (audited there)."""
    done: list[tuple[str, Any, dict]] = []
    for row in sorted(plan_rows, key=lambda row: (row.depth, row.line)):
        data = dict(row.changes)
        if row.link is not None:
            data["parent"] = row.link.instance if isinstance(row.link, RowPlan) else row.link
        if row.action == "create":
            row.instance = account_services.account_create(
                actor=actor,
                data=account_services.AccountInput(**data),
            )
        elif row.action == "update":
            row.instance = account_services.account_update(
                actor=actor, account=row.instance, data=data
            )
        done.append((row.action, row.instance, {}))
    return done

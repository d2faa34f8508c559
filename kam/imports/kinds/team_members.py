"""The account team: colleagues by login name or e-mail, with their role on this account. A
member is known by the user, so importing the same file again updates the role and never adds
anyone twice. Every row goes through the accounts services (`team_member_add`,
`team_member_set_role`): the same rules and audit trail as the team page."""

from typing import Any

from django.db.models import Q

from kam.accounts import services as account_services
from kam.accounts.models import Account, AccountTeamMembership
from kam.imports.columns import TEAM_MEMBER_COLUMNS, normalise
from kam.imports.planning import Plan, Progress, RowPlan, choice_value, report, required_missing
from kam.users.models import User

COLUMNS = {column.key: column for column in TEAM_MEMBER_COLUMNS}


def _users(rows: list[dict[str, Any]]) -> dict[str, User]:
    """Active users by lower-case login name and e-mail, for the names the file holds (1 query)."""
    names = {normalise(row["values"].get("user", "")) for row in rows} - {""}
    found: dict[str, User] = {}
    if not names:
        return found
    query = Q(username__in=names) | Q(email__in=names)
    for user in User.objects.filter(query, is_active=True):
        found[user.username.lower()] = user
        if user.email:
            found[user.email.lower()] = user
    return found


def plan(*, account: Account, rows: list[dict[str, Any]], progress: Progress | None) -> Plan:
    result = Plan()
    users = _users(rows)
    members = {m.user_id: m for m in AccountTeamMembership.objects.filter(account=account)}
    lookups: dict[str, dict[str, object]] = {}
    seen: dict[int, int] = {}
    for done, row in enumerate(rows, start=1):
        report(progress, done)
        line, values = row["line"], row["values"]
        if required_missing(result, line, TEAM_MEMBER_COLUMNS, values):
            continue
        role = choice_value(result, line, COLUMNS["team_role"], values["team_role"], lookups)
        user = users.get(normalise(values["user"]))
        if user is None:
            result.error(line, "user", "unknown_user", value=values["user"])
            continue
        if role is None:
            continue
        if user.pk in seen:
            result.error(line, "user", "duplicate", line=seen[user.pk])
            continue
        seen[user.pk] = line
        current = members.get(user.pk)
        if current is None:
            membership = AccountTeamMembership(account=account, user=user, team_role=str(role))
            result.rows.append(RowPlan(line=line, action="create", instance=membership))
        elif user.pk == account.owner_id and role != current.team_role:
            result.error(line, "team_role", "owner_role_fixed")
        else:
            changes = {"team_role": role} if role != current.team_role else {}
            action = "update" if changes else "unchanged"
            result.rows.append(RowPlan(line=line, action=action, instance=current, changes=changes))
    report(progress, len(rows), last=True)
    return result


def write(*, actor: User, account: Account, plan_rows: list[RowPlan]) -> None:
    for row in sorted(plan_rows, key=lambda row: row.line):
        if row.action == "create":
            row.instance = account_services.team_member_add(
                actor=actor,
                account=account,
                user=row.instance.user,
                team_role=row.instance.team_role,
            )
        elif row.action == "update":
            account_services.team_member_set_role(
                actor=actor, membership=row.instance, team_role=row.changes["team_role"]
            )

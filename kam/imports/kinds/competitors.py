"""Competitors (reference data of the whole portfolio). A competitor is known by its name, so
importing the same file again updates the website and notes and never duplicates it. Every row
goes through the accounts services (`competitor_create` / `competitor_update`): the same rules
and audit trail as the competitor form."""

from typing import Any

from kam.accounts import services as account_services
from kam.accounts.models import Competitor
from kam.imports.columns import COMPETITOR_COLUMNS, normalise
from kam.imports.planning import Plan, Progress, RowPlan, model_errors, report, required_missing
from kam.users.models import User

FIELDS = ("name", "website", "notes")


def plan(*, actor: User, rows: list[dict[str, Any]], progress: Progress | None) -> Plan:
    result = Plan()
    existing = {normalise(item.name): item for item in Competitor.objects.all()}
    seen: dict[str, int] = {}
    for done, row in enumerate(rows, start=1):
        report(progress, done)
        line, values = row["line"], row["values"]
        if required_missing(result, line, COMPETITOR_COLUMNS, values):
            continue
        key = normalise(values["name"])
        if key in seen:
            result.error(line, "name", "duplicate", line=seen[key])
            continue
        seen[key] = line
        data = {field: (values.get(field) or "").strip() for field in FIELDS}
        candidate = Competitor(**data)
        if model_errors(result, line, candidate, exclude=[], field_columns={}):
            continue
        current = existing.get(key)
        if current is None:
            result.rows.append(RowPlan(line=line, action="create", instance=candidate, values=data))
            continue
        # an empty cell keeps what is there (a re-import never clears a field)
        changes = {
            field: data[field]
            for field in ("website", "notes")
            if data[field] and data[field] != getattr(current, field)
        }
        action = "update" if changes else "unchanged"
        result.rows.append(
            RowPlan(line=line, action=action, instance=current, changes=changes, values=data)
        )
    report(progress, len(rows), last=True)
    return result


def write(*, actor: User, plan_rows: list[RowPlan]) -> None:
    """Each row through the accounts services (audited there)."""
    for row in sorted(plan_rows, key=lambda row: row.line):
        if row.action == "create":
            row.instance = account_services.competitor_create(actor=actor, **row.values)
        elif row.action == "update":
            row.instance = account_services.competitor_update(
                actor=actor, competitor=row.instance, data=row.changes
            )

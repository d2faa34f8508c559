"""API of the power map: the whole map of an account (people, lines, red flags, figures) and the
current-state assessment table — the same selector and access rules as the pages."""

import uuid
from datetime import date

from django.http import JsonResponse
from ninja import Router, Schema

from kam.accounts.access import account_get_for_user
from kam.powermap.selectors import MapPerson, PowerMap, power_map, table_rows
from kam.powermap.selectors.wording import flag_text
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["power map"])


class NodeOut(Schema):
    id: uuid.UUID
    name: str
    title: str
    org_unit: str
    function: str
    seniority: str
    reports_to_id: uuid.UUID | None
    decision_roles: list[str]
    buying_influence: str
    visibility: str
    influence: int | None
    support: int | None
    coverage: str
    is_key_person: bool
    key_person_reasons: list[str]
    owner: str
    level: int | None
    level_index: float | None
    target_level: int | None


class LineOut(Schema):
    id: uuid.UUID
    source_id: uuid.UUID
    target_id: uuid.UUID
    edge_type: str
    strength: int
    is_confirmed: bool


class FlagOut(Schema):
    code: str
    qualifier: str
    people: list[str]
    title: str
    detail: str


class PowerMapFiguresOut(Schema):
    key_persons: int
    key_person_index: float | None
    key_coverage: float | None
    support_balance: float | None
    goal_attainment: float | None


class PowerMapOut(Schema):
    nodes: list[NodeOut]
    lines: list[LineOut]
    red_flags: list[FlagOut]
    figures: PowerMapFiguresOut


class TableRowOut(Schema):
    contact_id: uuid.UUID
    name: str
    title: str
    decision_roles: list[str]
    visibility: str
    influence: int | None
    support: int | None
    current_level: int | None
    target_level: int | None
    gap: int | None
    owner: str
    supporting: list[str]
    key_actions: list[str]
    due_on: date | None
    last_contact: date | None
    status: str


class TableOut(Schema):
    rows: list[TableRowOut]
    figures: PowerMapFiguresOut


def _node(row: MapPerson, uuids: dict[int | None, str]) -> dict:
    contact = row.contact
    return {
        "id": str(contact.uuid),
        "name": contact.name,
        "title": contact.title,
        "org_unit": contact.org_unit_name,
        "function": contact.function,
        "seniority": contact.seniority,
        "reports_to_id": uuids.get(contact.reports_to_id),
        "decision_roles": contact.decision_roles or [],
        "buying_influence": contact.buying_influence,
        "visibility": contact.visibility,
        "influence": contact.influence,
        "support": contact.support,
        "coverage": contact.coverage,
        "is_key_person": contact.is_key_person,
        "key_person_reasons": contact.key_person_reasons or [],
        "owner": contact.owner_name,
        "level": row.person.level,
        "level_index": row.person.level_index,
        "target_level": row.person.target_level,
    }


def _flags(the_map: PowerMap) -> list[dict]:
    return [
        {
            "code": flag.code,
            "qualifier": flag.qualifier,
            "people": list(flag.people),
            "title": flag_text(flag, the_map.limits).title,
            "detail": flag_text(flag, the_map.limits).detail,
        }
        for flag in the_map.flags
    ]


@router.get("/accounts/{account_id}/power-map", response=PowerMapOut)
def get_power_map(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> JsonResponse:
    """The whole map in one document. It is built from plain values and answered directly (a
    map has hundreds of people and lines; validating each one again would cost more than the
    database). A test checks every answer against `PowerMapOut`."""
    account = account_get_for_user(request.user, account_id)
    the_map = power_map(account=account)
    uuids: dict[int | None, str] = {row.contact.pk: str(row.contact.uuid) for row in the_map.people}
    payload = {
        "nodes": [_node(row, uuids) for row in the_map.people],
        "lines": [
            {
                "id": str(edge["uuid"]),
                "source_id": uuids[edge["source_id"]],
                "target_id": uuids[edge["target_id"]],
                "edge_type": edge["edge_type"],
                "strength": edge["strength"],
                "is_confirmed": edge["is_confirmed"],
            }
            for edge in the_map.edges
            if edge["source_id"] in uuids and edge["target_id"] in uuids
        ],
        "red_flags": _flags(the_map),
        "figures": the_map.figures.__dict__,
    }
    return JsonResponse(payload)


@router.get("/accounts/{account_id}/key-person-table", response=TableOut)
def get_key_person_table(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, sort: str = ""
) -> dict:
    account = account_get_for_user(request.user, account_id)
    the_map = power_map(account=account, key_only=True)
    rows = [
        {
            "contact_id": row.contact.uuid,
            "name": row.contact.name,
            "title": row.contact.title,
            "decision_roles": row.contact.decision_roles or [],
            "visibility": row.contact.visibility,
            "influence": row.contact.influence,
            "support": row.contact.support,
            "current_level": row.person.level,
            "target_level": row.person.target_level,
            "gap": row.gap,
            "owner": row.contact.owner_name,
            "supporting": row.supporting,
            "key_actions": [action.description for action in row.next_actions],
            "due_on": row.next_actions[0].due_on if row.next_actions else None,
            "last_contact": row.last_contact,
            "status": row.status,
        }
        for row in table_rows(the_map, sort or "-influence")
    ]
    return {"rows": rows, "figures": the_map.figures.__dict__}

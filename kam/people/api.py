"""API for contacts and org units (same services and access rules as the pages)."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import (
    account_get_for_user,
    object_get_for_user,
    require_set_relationship_owner,
)
from kam.accounts.models import Account, Competitor
from kam.accounts.selectors import account_team
from kam.api.pagination import PagePagination
from kam.api.patching import PatchIn, refuse_nulls
from kam.api.schemas import RefOut
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.core.exceptions import ApplicationError
from kam.people import services
from kam.people.choices import (
    BuyingInfluence,
    Closeness,
    Coverage,
    DecisionFocus,
    DecisionRole,
    EdgeType,
    Function,
    PoliticalStatus,
    ResponseMode,
    Visibility,
)
from kam.people.models import Contact, ContactEdge, OrgUnit
from kam.people.selectors import ContactFilters, contact_pages, org_tree
from kam.users.choices import Seniority
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["contacts"])

CONTACT_QUERYSET = Contact.objects.select_related("account", "org_unit", "reports_to")
ORG_UNIT_QUERYSET = OrgUnit.objects.select_related("account", "parent")


class ContactOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    name: str
    title: str
    seniority: Seniority
    function: Function
    org_unit: RefOut | None
    reports_to: RefOut | None
    email: str
    phone: str
    is_active: bool
    notes: str
    created_at: datetime
    updated_at: datetime


class ContactIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    title: str = Field("", max_length=150)
    seniority: Seniority = Seniority.OPERATIONAL
    function: Function = Function.OTHER
    org_unit_id: uuid.UUID | None = None
    reports_to_id: uuid.UUID | None = None
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    is_active: bool = True
    notes: str = Field("", max_length=5000)


class ContactPatch(PatchIn):
    name: str | None = Field(None, min_length=1, max_length=100)
    title: str | None = Field(None, max_length=150)
    seniority: Seniority | None = None
    function: Function | None = None
    org_unit_id: uuid.UUID | None = None
    reports_to_id: uuid.UUID | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    is_active: bool | None = None
    notes: str | None = Field(None, max_length=5000)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class ContactListQuery(Schema):
    q: str = Field("", max_length=100)
    account: uuid.UUID | None = None
    seniority: Seniority | None = None
    function: Function | None = None
    sort: str = Field("name", pattern=r"^(-?name|seniority|function|-updated)$")


def _resolve(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    """Resolve org_unit_id / reports_to_id inside the same account only."""
    resolved = dict(data)
    if "org_unit_id" in resolved:
        unit_id = resolved.pop("org_unit_id")
        unit = None
        if unit_id is not None:
            unit = account.org_units.filter(uuid=unit_id).first()
            if unit is None:
                raise ApplicationError(_("No org unit with this id at this account."), status=422)
        resolved["org_unit"] = unit
    if "reports_to_id" in resolved:
        manager_id = resolved.pop("reports_to_id")
        manager = None
        if manager_id is not None:
            manager = account.contacts.filter(uuid=manager_id).first()
            if manager is None:
                raise ApplicationError(_("No contact with this id at this account."), status=422)
        resolved["reports_to"] = manager
    return resolved


@router.get("/contacts", response=list[ContactOut], url_name="api_contact_list")
@paginate(PagePagination)
def list_contacts(request: AuthenticatedHttpRequest, filters: Query[ContactListQuery]) -> object:
    return contact_pages(
        user=request.user,
        filters=ContactFilters(
            query=filters.q,
            account_uuid=str(filters.account or ""),
            seniority=filters.seniority or "",
            function=filters.function or "",
            sort=filters.sort,
        ),
    )


@router.post("/accounts/{account_id}/contacts", response={201: ContactOut})
def create_contact(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: ContactIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    contact = services.contact_create(
        actor=request.user, account=account, **_resolve(account, payload.dict())
    )
    return Status(201, object_get_for_user(request.user, CONTACT_QUERYSET, contact.uuid))


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(
    request: AuthenticatedHttpRequest, response: HttpResponse, contact_id: uuid.UUID
) -> Contact:
    """The contact, with its version as the `ETag` header (send it back as If-Match)."""
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id)
    set_etag(response, contact.updated_at)
    return contact


@router.patch(
    "/contacts/{contact_id}",
    response={200: ContactOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_contact(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    contact_id: uuid.UUID,
    payload: ContactPatch,
) -> Contact:
    """Change some fields. Needs the version you read: If-Match (412 when someone saved since)
    or `version` (409 `stale_version`); 428 `version_required` without either."""
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), contact.updated_at)
    data = _resolve(contact.account, refuse_nulls(data, Contact))
    with stale_as_precondition_failed(expected):
        services.contact_update(
            actor=request.user, contact=contact, data=data, expected_version=expected.value
        )
    updated = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id)
    set_etag(response, updated.updated_at)
    return updated


@router.delete("/contacts/{contact_id}", response={204: None})
def delete_contact(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> Status:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    services.contact_delete(actor=request.user, contact=contact)
    return Status(204, None)


class OrgUnitOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str
    function: Function
    level: Seniority
    parent_id: uuid.UUID | None = None
    depth: int = 0
    contact_count: int = 0
    updated_at: datetime


class OrgUnitIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    function: Function = Function.OTHER
    level: Seniority = Seniority.MIDDLE
    parent_id: uuid.UUID | None = None


def _unit_out(unit: OrgUnit, depth: int = 0, contact_count: int = 0) -> dict[str, object]:
    return {
        "uuid": unit.uuid,
        "name": unit.name,
        "function": unit.function,
        "level": unit.level,
        "parent_id": unit.parent.uuid if unit.parent is not None else None,
        "depth": depth,
        "contact_count": contact_count,
        "updated_at": unit.updated_at,
    }


@router.get("/accounts/{account_id}/org-units", response=list[OrgUnitOut], tags=["org units"])
def list_org_units(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID
) -> list[dict[str, object]]:
    account = account_get_for_user(request.user, account_id)
    rows = org_tree(account=account)
    uuid_by_pk: dict[int | None, uuid.UUID] = {row.unit.pk: row.unit.uuid for row in rows}
    return [
        {
            **_unit_out(row.unit, row.depth, row.contact_count),
            "parent_id": uuid_by_pk.get(row.unit.parent_id),
        }
        for row in rows
    ]


@router.post("/accounts/{account_id}/org-units", response={201: OrgUnitOut}, tags=["org units"])
def create_org_unit(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: OrgUnitIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = payload.dict()
    parent_id = data.pop("parent_id")
    parent = None
    if parent_id is not None:
        parent = account.org_units.filter(uuid=parent_id).first()
        if parent is None:
            raise ApplicationError(_("No org unit with this id at this account."), status=422)
    unit = services.org_unit_create(actor=request.user, account=account, parent=parent, **data)
    return Status(201, _unit_out(unit))


@router.delete("/org-units/{unit_id}", response={204: None}, tags=["org units"])
def delete_org_unit(request: AuthenticatedHttpRequest, unit_id: uuid.UUID) -> Status:
    unit = object_get_for_user(request.user, ORG_UNIT_QUERYSET, unit_id, for_change=True)
    services.org_unit_delete(actor=request.user, unit=unit)
    return Status(204, None)


class OrgUnitPatch(PatchIn):
    name: str | None = Field(None, min_length=1, max_length=200)
    function: Function | None = None
    level: Seniority | None = None
    parent_id: uuid.UUID | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


@router.patch(
    "/org-units/{unit_id}",
    response={200: OrgUnitOut, **VERSION_ERRORS},
    tags=["org units"],
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_org_unit(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    unit_id: uuid.UUID,
    payload: OrgUnitPatch,
) -> dict[str, object]:
    """Rename or move a unit. Needs the version you read (its `updated_at`): If-Match (412) or
    `version` (409); 428 without either."""
    unit = object_get_for_user(request.user, ORG_UNIT_QUERYSET, unit_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), unit.updated_at)
    data = refuse_nulls(data, OrgUnit)
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        data["parent"] = None
        if parent_id is not None:
            data["parent"] = unit.account.org_units.filter(uuid=parent_id).first()
            if data["parent"] is None:
                raise ApplicationError(_("No org unit with this id at this account."), status=422)
    with stale_as_precondition_failed(expected):
        unit = services.org_unit_update(
            actor=request.user, unit=unit, data=data, expected_version=expected.value
        )
    set_etag(response, unit.updated_at)
    return _unit_out(unit)


# --- power map (T8.1) ----------------------------------------------------------------------------


class ContactMapOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str
    decision_roles: list[DecisionRole]
    buying_influence: str
    visibility: Visibility
    influence: int | None
    political_status: str
    support: int | None
    response_mode: str
    decision_focus: str
    coverage: Coverage
    closeness: str
    competitor_affinity: RefOut | None
    competitor_affinity_strength: int | None
    relationship_owner_id: uuid.UUID | None = None
    is_key_person: bool
    key_person_reasons: list[str]
    key_person_override: bool | None
    key_person_override_reason: str
    updated_at: datetime

    @staticmethod
    def resolve_relationship_owner_id(contact: Contact) -> uuid.UUID | None:
        owner = contact.relationship_owner
        return owner.uuid if owner is not None else None


class ContactMapPatch(PatchIn):
    decision_roles: list[DecisionRole] | None = Field(None, max_length=7)
    buying_influence: BuyingInfluence | Literal[""] | None = None
    visibility: Visibility | None = None
    influence: int | None = Field(None, ge=0, le=10)
    political_status: PoliticalStatus | Literal[""] | None = None
    support: int | None = Field(None, ge=-2, le=2)
    response_mode: ResponseMode | Literal[""] | None = None
    decision_focus: DecisionFocus | Literal[""] | None = None
    coverage: Coverage | None = None
    closeness: Closeness | Literal[""] | None = None
    competitor_affinity_id: uuid.UUID | None = None
    competitor_affinity_strength: int | None = Field(None, ge=1, le=5)
    relationship_owner_id: uuid.UUID | None = None
    key_person_override: bool | None = None
    key_person_override_reason: str | None = Field(None, max_length=2000)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


MAP_QUERYSET = Contact.objects.select_related(
    "account", "account__owner", "competitor_affinity", "relationship_owner"
)


def _map_data(user: User, contact: Contact, data: dict[str, Any]) -> dict[str, object]:
    data = refuse_nulls(data, Contact)
    owner = contact.relationship_owner
    if "relationship_owner_id" in data and data["relationship_owner_id"] != (owner and owner.uuid):
        require_set_relationship_owner(user, contact.account)  # 403 before the owner is looked up
    if "competitor_affinity_id" in data:
        competitor_id = data.pop("competitor_affinity_id")
        data["competitor_affinity"] = None
        if competitor_id is not None:
            data["competitor_affinity"] = Competitor.objects.filter(uuid=competitor_id).first()
            if data["competitor_affinity"] is None:
                raise ApplicationError(_("No competitor with this id."), status=422)
    if "relationship_owner_id" in data:
        owner_id = data.pop("relationship_owner_id")
        data["relationship_owner"] = None
        if owner_id is not None:
            team = account_team(account=contact.account).filter(user__uuid=owner_id).first()
            if team is None:
                raise ApplicationError(_("The owner must be on the account team."), status=422)
            data["relationship_owner"] = team.user
    return data


@router.get("/contacts/{contact_id}/map", response=ContactMapOut, tags=["power map"])
def get_contact_map(
    request: AuthenticatedHttpRequest, response: HttpResponse, contact_id: uuid.UUID
) -> Contact:
    """The contact's place on the power map, with the contact's version as the `ETag`."""
    contact = object_get_for_user(request.user, MAP_QUERYSET, contact_id)
    set_etag(response, contact.updated_at)
    return contact


@router.patch(
    "/contacts/{contact_id}/map",
    response={200: ContactMapOut, **VERSION_ERRORS},
    tags=["power map"],
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_contact_map(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    contact_id: uuid.UUID,
    payload: ContactMapPatch,
) -> Contact:
    """Needs the contact's version you read (its `updated_at`, the same as the contact's): If-Match
    (412) or `version` (409); 428 without either. Only the account's owner, a director or an
    administrator may change `relationship_owner_id` (403)."""
    contact = object_get_for_user(request.user, MAP_QUERYSET, contact_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), contact.updated_at)
    data = _map_data(request.user, contact, data)
    with stale_as_precondition_failed(expected):
        services.contact_map_update(
            actor=request.user, contact=contact, data=data, expected_version=expected.value
        )
    updated = object_get_for_user(request.user, MAP_QUERYSET, contact_id)
    set_etag(response, updated.updated_at)
    return updated


class EdgeOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    source: RefOut
    target: RefOut
    edge_type: EdgeType
    strength: int
    evidence: str
    is_confirmed: bool
    observed_on: date | None


class EdgeIn(Schema):
    source_id: uuid.UUID
    target_id: uuid.UUID
    edge_type: EdgeType
    strength: int = Field(3, ge=1, le=5)
    evidence: str = Field("", max_length=2000)
    is_confirmed: bool = False
    observed_on: date | None = None


@router.get("/accounts/{account_id}/contact-edges", response=list[EdgeOut], tags=["power map"])
@paginate(PagePagination)
def list_edges(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    account = account_get_for_user(request.user, account_id)
    return account.contact_edges.select_related("source", "target").order_by("pk")


@router.post("/accounts/{account_id}/contact-edges", response={201: EdgeOut}, tags=["power map"])
def create_edge(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: EdgeIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    people = {
        c.uuid: c for c in account.contacts.filter(uuid__in=[payload.source_id, payload.target_id])
    }
    if payload.source_id not in people or payload.target_id not in people:
        raise ApplicationError(_("Both people must work at this account."), status=422)
    data = payload.dict()
    edge = services.contact_edge_create(
        actor=request.user,
        source=people[data.pop("source_id")],
        data=services.ContactEdgeInput(target=people[data.pop("target_id")], **data),
    )
    return Status(201, edge)


@router.delete("/contact-edges/{edge_id}", response={204: None}, tags=["power map"])
def delete_edge(request: AuthenticatedHttpRequest, edge_id: uuid.UUID) -> Status:
    edge = object_get_for_user(
        request.user, ContactEdge.objects.select_related("account"), edge_id, for_change=True
    )
    services.contact_edge_delete(actor=request.user, edge=edge)
    return Status(204, None)

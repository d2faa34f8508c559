"""API for accounts, account teams, account groups and competitors (same services as the pages)."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts import services
from kam.accounts.access import (
    account_get_for_user,
    accounts_visible_to,
    can_manage_reference_data,
    object_get_for_user,
    require,
)
from kam.accounts.choices import (
    AccountCategory,
    AccountStatus,
    Currency,
    Industry,
    Region,
    TeamRole,
)
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.accounts.selectors import (
    AccountFilters,
    account_group_list,
    account_list,
    account_owner_choices,
    account_team,
    competitor_list,
)
from kam.api.pagination import ConvertedPage, PagePagination
from kam.api.patching import PatchIn, refuse_nulls
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    VERSION_DESCRIPTION,
    VERSION_ERRORS,
    ExpectedVersion,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.audit.models import AuditEntry
from kam.audit.selectors import account_audit_entries, audit_rows, record_type_for_key
from kam.core.exceptions import ApplicationError
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["accounts"])

Name = Field(..., min_length=1, max_length=200)


class UserRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    username: str
    display_name: str


class AccountRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str


class GroupRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str


class AccountOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str
    alternate_name: str
    industry: Industry
    region: Region
    status: AccountStatus
    category: AccountCategory | None = None
    stage: str | None = None
    currency: Currency
    current_revenue: Decimal
    description: str
    owner: UserRefOut
    parent: AccountRefOut | None
    group: GroupRefOut | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_category(account: Account) -> str | None:
        return account.category or None

    @staticmethod
    def resolve_stage(account: Account) -> str | None:
        return account.stage or None


class AccountIn(Schema):
    name: str = Name
    alternate_name: str = Field("", max_length=200)
    industry: Industry
    region: Region
    status: AccountStatus = AccountStatus.ACTIVE
    currency: Currency = Currency.CNY
    current_revenue: Decimal = Field(Decimal("0"), ge=0, max_digits=16, decimal_places=2)
    description: str = Field("", max_length=5000)
    owner_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None


class AccountPatch(PatchIn):
    name: str | None = Field(None, min_length=1, max_length=200)
    alternate_name: str | None = Field(None, max_length=200)
    industry: Industry | None = None
    region: Region | None = None
    status: AccountStatus | None = None
    currency: Currency | None = None
    current_revenue: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    description: str | None = Field(None, max_length=5000)
    owner_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class AccountListQuery(Schema):
    q: str = Field("", max_length=100)
    industry: Industry | None = None
    region: Region | None = None
    status: AccountStatus | None = None
    category: AccountCategory | None = None
    owner: uuid.UUID | None = None
    group: uuid.UUID | None = None
    sort: str = Field("name", pattern=r"^-?(name|revenue|updated|status|industry|region)$")


def _field_error(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, code=f"invalid_{field}", status=422)


def _resolve_references(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the *_id fields of a payload into records, each checked against what the user sees."""
    resolved = dict(data)
    if "owner_id" in resolved:
        owner_id = resolved.pop("owner_id")
        if owner_id is not None:
            owner = account_owner_choices().filter(uuid=owner_id).first()
            if owner is None:
                raise _field_error("owner_id", _("No account manager with this id."))
            resolved["owner"] = owner
    if "parent_id" in resolved:
        parent_id = resolved.pop("parent_id")
        parent = None
        if parent_id is not None:
            parent = accounts_visible_to(user).filter(uuid=parent_id).first()
            if parent is None:
                raise _field_error("parent_id", _("No account with this id."))
        resolved["parent"] = parent
    if "group_id" in resolved:
        group_id = resolved.pop("group_id")
        group = None
        if group_id is not None:
            group = AccountGroup.objects.filter(uuid=group_id).first()
            if group is None:
                raise _field_error("group_id", _("No account group with this id."))
        resolved["group"] = group
    return resolved


@router.get("/accounts", response=list[AccountOut], url_name="api_account_list")
@paginate(PagePagination)
def list_accounts(request: AuthenticatedHttpRequest, filters: Query[AccountListQuery]) -> object:
    return account_list(
        user=request.user,
        filters=AccountFilters(
            query=filters.q,
            industry=filters.industry or "",
            region=filters.region or "",
            status=filters.status or "",
            category=filters.category or "",
            owner_uuid=str(filters.owner or ""),
            group_uuid=str(filters.group or ""),
            sort=filters.sort,
        ),
    )


@router.post("/accounts", response={201: AccountOut}, url_name="api_account_create")
def create_account(request: AuthenticatedHttpRequest, payload: AccountIn) -> Status:
    data = _resolve_references(request.user, payload.dict())
    if data.get("owner") is None:
        data["owner"] = request.user
    account = services.account_create(actor=request.user, data=services.AccountInput(**data))
    return Status(201, account_get_for_user(request.user, account.uuid))


@router.get("/accounts/{account_id}", response=AccountOut, url_name="api_account_detail")
def get_account(
    request: AuthenticatedHttpRequest, response: HttpResponse, account_id: uuid.UUID
) -> Account:
    """The account, with its version as the `ETag` header (send it back as If-Match)."""
    account = account_get_for_user(request.user, account_id)
    set_etag(response, account.updated_at)
    return account


@router.patch(
    "/accounts/{account_id}",
    response={200: AccountOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_account(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    account_id: uuid.UUID,
    payload: AccountPatch,
) -> Account:
    """Change some fields. Needs the version you read: If-Match (412 when someone saved since)
    or `version` (409 `stale_version`); 428 `version_required` without either."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), account.updated_at)
    data = _resolve_references(request.user, refuse_nulls(data, Account))
    with stale_as_precondition_failed(expected):
        services.account_update(
            actor=request.user, account=account, data=data, expected_version=expected.value
        )
    updated = account_get_for_user(request.user, account_id)
    set_etag(response, updated.updated_at)
    return updated


@router.delete("/accounts/{account_id}", response={204: None})
def delete_account(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    services.account_delete(actor=request.user, account=account)
    return Status(204, None)


class TeamMemberOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    user: UserRefOut
    team_role: TeamRole


class TeamMemberIn(Schema):
    user_id: uuid.UUID
    team_role: TeamRole = TeamRole.OTHER


@router.get("/accounts/{account_id}/team", response=list[TeamMemberOut])
def list_team(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID
) -> list[AccountTeamMembership]:
    account = account_get_for_user(request.user, account_id)
    return list(account_team(account=account))


@router.post("/accounts/{account_id}/team", response={201: TeamMemberOut})
def add_team_member(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: TeamMemberIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    user = User.objects.filter(uuid=payload.user_id, is_active=True).first()
    if user is None:
        raise _field_error("user_id", _("No colleague with this id."))
    membership = services.team_member_add(
        actor=request.user, account=account, user=user, team_role=payload.team_role
    )
    return Status(201, membership)


@router.delete("/accounts/{account_id}/team/{member_id}", response={204: None})
def remove_team_member(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, member_id: uuid.UUID
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    membership = object_get_for_user(
        request.user,
        AccountTeamMembership.objects.filter(account=account).select_related("account", "user"),
        member_id,
    )
    services.team_member_remove(actor=request.user, membership=membership)
    return Status(204, None)


class FieldChangeOut(Schema):
    label: str
    before: str
    after: str


class AuditOut(Schema):
    action: str
    record_type: str
    record: str
    by: str | None
    at: datetime
    changes: list[FieldChangeOut]


class AccountHistoryQuery(Schema):
    record_type: str | None = Field(
        None, max_length=100, description="Only changes of this record type, e.g. people.contact"
    )
    user: uuid.UUID | None = Field(None, description="Only changes made by this user")


def _audit_out(entries: list[AuditEntry]) -> list[dict[str, Any]]:
    return [
        {
            "action": row.entry.action,
            "record_type": row.type_label,
            "record": row.entry.object_repr,
            "by": str(row.entry.actor) if row.entry.actor else None,
            "at": row.entry.created_at,
            "changes": [change.__dict__ for change in row.field_changes],
        }
        for row in audit_rows(entries)
    ]


@router.get("/accounts/{account_id}/history", response=list[AuditOut])
@paginate(PagePagination)
def account_history(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[AccountHistoryQuery]
) -> ConvertedPage[AuditEntry]:
    """The account's change history, newest first, as the History tab pages and filters it."""
    account = account_get_for_user(request.user, account_id)
    record_type = None
    if filters.record_type:
        record_type = record_type_for_key(filters.record_type)
        if record_type is None:
            raise _field_error("record_type", _("No record type with this name."))
    actor = None
    if filters.user is not None:
        actor = User.objects.filter(uuid=filters.user).first()
        if actor is None:
            raise _field_error("user", _("No user with this id."))
    entries = account_audit_entries(account_uuid=account.uuid, record_type=record_type, actor=actor)
    return ConvertedPage(entries, _audit_out)


class CompetitorOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str
    website: str
    notes: str
    updated_at: datetime


class CompetitorIn(Schema):
    name: str = Name
    website: str = Field("", max_length=200)
    notes: str = Field("", max_length=5000)


@router.get("/competitors", response=list[CompetitorOut], tags=["reference data"])
@paginate(PagePagination)
def list_competitors(request: AuthenticatedHttpRequest) -> object:
    return competitor_list()


@router.post("/competitors", response={201: CompetitorOut}, tags=["reference data"])
def create_competitor(request: AuthenticatedHttpRequest, payload: CompetitorIn) -> Status:
    require(can_manage_reference_data(request.user))
    return Status(201, services.competitor_create(actor=request.user, **payload.dict()))


class GroupOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str
    description: str
    account_count: int
    updated_at: datetime


class GroupIn(Schema):
    name: str = Name
    description: str = Field("", max_length=5000)


@router.get("/account-groups", response=list[GroupOut], tags=["reference data"])
@paginate(PagePagination)
def list_groups(request: AuthenticatedHttpRequest) -> object:
    return account_group_list()


@router.post("/account-groups", response={201: GroupOut}, tags=["reference data"])
def create_group(request: AuthenticatedHttpRequest, payload: GroupIn) -> Status:
    require(can_manage_reference_data(request.user))
    group = services.account_group_create(actor=request.user, **payload.dict())
    return Status(201, _group_out(group, account_count=0))


def _group_out(group: AccountGroup, *, account_count: int) -> dict[str, object]:
    return {
        "uuid": group.uuid,
        "name": group.name,
        "description": group.description,
        "account_count": account_count,
        "updated_at": group.updated_at,
    }


def _reference_patch(
    request: AuthenticatedHttpRequest, payload: Schema, record: Competitor | AccountGroup
) -> tuple[dict[str, object], ExpectedVersion[datetime]]:
    """The fields a PATCH of reference data sets (null refused) and the version it was made from."""
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), record.updated_at)
    return refuse_nulls(data, type(record)), expected


class CompetitorPatch(PatchIn):
    name: str | None = Field(None, min_length=1, max_length=200)
    website: str | None = Field(None, max_length=200)
    notes: str | None = Field(None, max_length=5000)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


@router.patch(
    "/competitors/{competitor_id}",
    response={200: CompetitorOut, **VERSION_ERRORS},
    tags=["reference data"],
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_competitor(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    competitor_id: uuid.UUID,
    payload: CompetitorPatch,
) -> Competitor:
    """Needs the version you read (its `updated_at`): If-Match (412) or `version` (409); 428
    without either."""
    require(can_manage_reference_data(request.user))
    competitor = get_object_or_404(Competitor, uuid=competitor_id)  # portfolio reference data
    data, expected = _reference_patch(request, payload, competitor)
    with stale_as_precondition_failed(expected):
        competitor = services.competitor_update(
            actor=request.user, competitor=competitor, data=data, expected_version=expected.value
        )
    set_etag(response, competitor.updated_at)
    return competitor


class GroupPatch(PatchIn):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


@router.patch(
    "/account-groups/{group_id}",
    response={200: GroupOut, **VERSION_ERRORS},
    tags=["reference data"],
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_group(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    group_id: uuid.UUID,
    payload: GroupPatch,
) -> dict:
    """Needs the version you read (its `updated_at`): If-Match (412) or `version` (409); 428
    without either."""
    require(can_manage_reference_data(request.user))
    group = get_object_or_404(AccountGroup, uuid=group_id)  # portfolio reference data
    data, expected = _reference_patch(request, payload, group)
    with stale_as_precondition_failed(expected):
        group = services.account_group_update(
            actor=request.user, group=group, data=data, expected_version=expected.value
        )
    set_etag(response, group.updated_at)
    return _group_out(group, account_count=group.accounts.count())

"""API of the annual plans (same services, selectors and access rules as the pages): a plan
per account and year, its objectives, its gaps (computed), approval, the approved versions and
their diff. The team edits, viewers read, outsiders get 404, directors approve."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.patching import PatchIn
from kam.api.schemas import ErrorOut
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    NUMBER_VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.metrics.choices import MetricFrequency, MetricKind
from kam.plans import services
from kam.plans.choices import ComparisonBasis, GapKind, PlanStatus
from kam.plans.gaps import Gap, plan_gaps
from kam.plans.models import AccountPlan, Objective, PlanVersion
from kam.plans.people_diff import people_diff
from kam.plans.selectors import (
    plan_diff,
    plan_for_year,
    plan_objectives,
    plan_versions,
    plans_of_account,
    team_users,
)
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["plans"])


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class PlanOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    year: int
    status: PlanStatus
    version: int = Field(..., description="The edit number; send it back with every write.")
    approved_version: int = Field(..., description="The edit an approval froze (0: never).")
    baseline_on: date
    created_at: datetime
    updated_at: datetime


class PlanObjectiveOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    kind: MetricKind
    metric_code: str
    metric_label: str
    baseline: Decimal | None
    target: Decimal
    weight: Decimal
    comparison_basis: ComparisonBasis
    owner: str
    frequency: MetricFrequency
    data_source: str
    gap_key: str

    @staticmethod
    def resolve_owner(objective: Objective) -> str:
        return objective.owner.username


class PlanGapOut(Schema):
    key: str
    kind: GapKind
    title: str
    detail: str
    url: str
    metric_code: str
    target: Decimal | None


class PlanCreateIn(Schema):
    year: int = Field(..., ge=2000, le=2100)


class PlanVersionIn(Schema):
    version: int = Field(..., ge=1, description="The plan's `version` you read.")


class PlanObjectiveFields(Schema):
    """`baseline` is kept only for a manual metric; a computed one is read from the catalogue
    at the plan's baseline date."""

    kind: MetricKind
    metric_code: str = Field(..., max_length=60)
    baseline: Decimal | None = Field(None, max_digits=16, decimal_places=4)
    target: Decimal = Field(..., max_digits=16, decimal_places=4)
    weight: Decimal = Field(..., gt=0, le=100, max_digits=5, decimal_places=2)
    comparison_basis: ComparisonBasis
    owner_id: uuid.UUID = Field(..., description="A user of the account team.")
    frequency: MetricFrequency
    data_source: str = Field(
        "",
        max_length=300,
        description="Where the actual comes from; blank: the catalogue's source of a computed "
        "metric (a manual metric needs one before its letter can be signed).",
    )
    gap_key: str = Field("", max_length=120)


class PlanObjectiveIn(PlanVersionIn, PlanObjectiveFields):
    pass


class PlanObjectivePut(PatchIn, PlanObjectiveFields):
    version: int | None = Field(None, ge=1, description=NUMBER_VERSION_DESCRIPTION)


class PlanVersionOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    number: int
    approved_by: str
    approved_at: datetime
    snapshot: dict[str, Any]

    @staticmethod
    def resolve_approved_by(version: PlanVersion) -> str:
        return version.approved_by.username


class PlanObjectiveChangeOut(Schema):
    id: str
    metric_label: str
    field: str
    before: str | None
    after: str | None


class PlanKeyPersonOut(Schema):
    id: str = Field(..., description="The contact's id.")
    name: str
    support: int | None = Field(None, description="−2…+2; null when not known for that date.")
    level: int | None = Field(None, description="The key-person ladder level.")
    target_level: int | None = None


class PlanKeyPersonChangeOut(Schema):
    id: str
    name: str
    field: str = Field(..., description="`support`, `level` or `target_level`.")
    before: str | None
    after: str | None


class PlanDiffOut(Schema):
    from_version: int
    to_version: int
    objectives_added: list[dict[str, Any]]
    objectives_removed: list[dict[str, Any]]
    objectives_changed: list[PlanObjectiveChangeOut]
    gaps_appeared: list[dict[str, Any]]
    gaps_closed: list[dict[str, Any]]
    strategies_added: list[dict[str, Any]]
    strategies_removed: list[dict[str, Any]]
    risks_added: list[dict[str, Any]]
    risks_removed: list[dict[str, Any]]
    review_dates_added: list[dict[str, Any]]
    review_dates_removed: list[dict[str, Any]]
    key_people_appeared: list[PlanKeyPersonOut] = Field(
        ..., description="Key persons on the power map at the second version's date only."
    )
    key_people_left: list[PlanKeyPersonOut]
    key_people_changed: list[PlanKeyPersonChangeOut]
    key_people_reconstructed: list[int] = Field(
        ...,
        description="Versions approved before key persons were frozen with them: read from "
        "the key-person ladder's snapshots on the approval date (support unknown).",
    )


class PlanDiffQuery(Schema):
    from_version: int = Field(..., ge=1)
    to_version: int = Field(..., ge=1)


class ComputedPage:
    """Rows computed in memory (the gaps), sliced and counted by `PagePagination`."""

    def __init__(self, rows: list[Gap]) -> None:
        self.rows = rows

    def __getitem__(self, key: slice) -> list[Gap]:
        return self.rows[key]

    def count(self) -> int:
        return len(self.rows)


def _plan(account: Account, year: int) -> AccountPlan:
    plan = plan_for_year(account=account, year=year)
    if plan is None:
        raise Http404(_("Not found."))
    return plan


def _objective(plan: AccountPlan, objective_id: uuid.UUID) -> Objective:
    objective = plan_objectives(plan=plan).filter(uuid=objective_id).first()
    if objective is None:
        raise Http404(_("Not found."))
    return objective


def _input(account: Account, payload: PlanObjectiveFields) -> services.ObjectiveInput:
    owner = next((user for user in team_users(account=account) if user.uuid == payload.owner_id),
                 None)  # fmt: skip
    if owner is None:
        raise ValidationError({"owner_id": _("Choose a member of the account team.")})
    data = payload.dict(exclude={"version", "owner_id"})
    return services.ObjectiveInput(owner=owner, **data)


@router.get(
    "/accounts/{account_id}/plans",
    response={200: list[PlanOut], **READ_ERRORS},
    url_name="api_plans_list",
)
@paginate(PagePagination)
def list_plans(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    """The account's plans, newest year first."""
    return plans_of_account(account=account_get_for_user(request.user, account_id))


@router.post(
    "/accounts/{account_id}/plans",
    response={201: PlanOut, **WRITE_ERRORS},
    url_name="api_plans_create",
)
def create_plan(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: PlanCreateIn
) -> Status:
    """Open the account's plan of a year as a draft (422 `year` when it already has one)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    return Status(201, services.plan_create(actor=request.user, account=account, year=payload.year))


@router.get(
    "/accounts/{account_id}/plans/{year}",
    response={200: PlanOut, **READ_ERRORS},
    url_name="api_plans_get",
)
def get_plan(
    request: AuthenticatedHttpRequest, response: HttpResponse, account_id: uuid.UUID, year: int
) -> object:
    """The plan, with its `version` number as the `ETag` (send it back as If-Match)."""
    plan = _plan(account_get_for_user(request.user, account_id), year)
    set_etag(response, plan.version)
    return plan


@router.get(
    "/accounts/{account_id}/plans/{year}/gaps",
    response={200: list[PlanGapOut], **READ_ERRORS},
    url_name="api_plans_gaps",
)
@paginate(PagePagination)
def list_plan_gaps(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int
) -> ComputedPage:
    """The gaps computed now from the account's records (section 4)."""
    account = account_get_for_user(request.user, account_id)
    _plan(account, year)  # 404 when the account has no plan of that year
    return ComputedPage(plan_gaps(account=account))


@router.get(
    "/accounts/{account_id}/plans/{year}/objectives",
    response={200: list[PlanObjectiveOut], **READ_ERRORS},
    url_name="api_plans_objectives",
)
@paginate(PagePagination)
def list_plan_objectives(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int
) -> object:
    return plan_objectives(plan=_plan(account_get_for_user(request.user, account_id), year))


@router.post(
    "/accounts/{account_id}/plans/{year}/objectives",
    response={201: PlanObjectiveOut, **WRITE_ERRORS},
    url_name="api_plans_objective_create",
)
def create_plan_objective(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, payload: PlanObjectiveIn
) -> Status:
    """Add an objective to the draft. 409 `stale_version` when the plan moved on since
    `version`; 422 `weight` when the weights would pass 100, `owner_id` outside the team,
    `metric_code` outside the catalogue."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    objective = services.objective_create(
        actor=request.user, plan=_plan(account, year), data=_input(account, payload),
        expected_version=payload.version,
    )  # fmt: skip
    return Status(201, objective)


@router.put(
    "/accounts/{account_id}/plans/{year}/objectives/{objective_id}",
    response={200: PlanObjectiveOut, **WRITE_ERRORS, **VERSION_ERRORS},
    url_name="api_plans_objective_update",
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_plan_objective(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    account_id: uuid.UUID,
    year: int,
    objective_id: uuid.UUID,
    payload: PlanObjectivePut,
) -> Objective:
    """Replace an objective of the draft (same errors as creating one). Needs the plan's
    `version` you read: If-Match (412 when someone wrote since) or `version` (409); 428 without
    either. Answers the plan's new version as the `ETag`."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    plan = _plan(account, year)
    objective = _objective(plan, objective_id)
    expected = expected_version(request, payload.version, plan.version)
    with stale_as_precondition_failed(expected):
        updated = services.objective_update(
            actor=request.user, objective=objective,
            data=_input(account, payload), expected_version=expected.value,
        )  # fmt: skip
    set_etag(response, _plan(account, year).version)
    return updated


@router.delete(
    "/accounts/{account_id}/plans/{year}/objectives/{objective_id}",
    response={204: None, **WRITE_ERRORS},
    url_name="api_plans_objective_delete",
)
def delete_plan_objective(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    year: int,
    objective_id: uuid.UUID,
    version: int = Query(..., ge=1),
) -> Status:
    """Remove an objective from the draft (409 `stale_version`)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    plan = _plan(account, year)
    services.plan_item_delete(
        actor=request.user, item=_objective(plan, objective_id), expected_version=version
    )
    return Status(204, None)


@router.post(
    "/accounts/{account_id}/plans/{year}/approve",
    response={201: PlanVersionOut, **WRITE_ERRORS},
    url_name="api_plans_approve",
)
def approve_plan(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, payload: PlanVersionIn
) -> Status:
    """A director approves the draft into the next immutable version. 403 for anyone else;
    409 `stale_version`, `weights` (they must add up to 100) or `already_approved`."""
    account = account_get_for_user(request.user, account_id)
    version = services.plan_approve(
        actor=request.user, plan=_plan(account, year), expected_version=payload.version
    )
    return Status(201, version)


@router.get(
    "/accounts/{account_id}/plans/{year}/versions",
    response={200: list[PlanVersionOut], **READ_ERRORS},
    url_name="api_plans_versions",
)
@paginate(PagePagination)
def list_plan_versions(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int
) -> object:
    """The approved versions, newest first, each with its frozen snapshot."""
    return plan_versions(plan=_plan(account_get_for_user(request.user, account_id), year))


@router.get(
    "/accounts/{account_id}/plans/{year}/versions/{number}",
    response={200: PlanVersionOut, **READ_ERRORS},
    url_name="api_plans_version",
)
def get_plan_version(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, number: int
) -> PlanVersion:
    plan = _plan(account_get_for_user(request.user, account_id), year)
    version = plan_versions(plan=plan).filter(number=number).first()
    if version is None:
        raise Http404(_("Not found."))
    return version


@router.get(
    "/accounts/{account_id}/plans/{year}/diff",
    response={200: PlanDiffOut, **READ_ERRORS},
    url_name="api_plans_diff",
)
def diff_plan_versions(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    year: int,
    query: Query[PlanDiffQuery],
) -> dict[str, object]:
    """What changed between two approved versions (404 when either does not exist)."""
    plan = _plan(account_get_for_user(request.user, account_id), year)
    found = {item.number: item for item in plan_versions(plan=plan).filter(
        number__in=[query.from_version, query.to_version])}  # fmt: skip
    if query.from_version not in found or query.to_version not in found:
        raise Http404(_("Not found."))
    before, after = found[query.from_version], found[query.to_version]
    diff = plan_diff(before.snapshot, after.snapshot)
    people = people_diff(account=plan.account, before=before, after=after)
    return {
        "from_version": query.from_version,
        "to_version": query.to_version,
        **vars(diff),
        "key_people_appeared": people.appeared,
        "key_people_left": people.left,
        "key_people_changed": people.changed,
        "key_people_reconstructed": people.reconstructed,
    }

"""API of the PDCA cycles (same services, selectors and access rules as the pages)."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.patching import PatchIn, refuse_nulls
from kam.api.schemas import ErrorOut
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    NUMBER_VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.broad.choices import BroadKpi
from kam.pdca import services
from kam.pdca.choices import Cadence, Phase
from kam.pdca.models import PdcaCycle
from kam.pdca.selectors import pdca_cycle_get, pdca_cycles, pdca_do
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["pdca"])
TEXT = 5000


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class PdcaCheckOut(Schema):
    """The KPI snapshot the cycle's check made (see /assessments/{assessment_id})."""

    id: uuid.UUID = Field(..., alias="uuid")
    period: str
    assessed_on: date
    total: Decimal | None
    band: str


class PdcaCycleOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    cadence: Cadence
    period: str
    starts_on: date
    ends_on: date
    phase: Phase
    version: int
    focus_kpis: list[BroadKpi]
    planned_actions: str
    check: PdcaCheckOut | None = Field(None, alias="check_snapshot")
    check_notes: str
    corrective_actions: str
    standardise: str
    carry_over: str
    closed_at: datetime | None
    closed_by: str | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_closed_by(cycle: PdcaCycle) -> str | None:
        return cycle.closed_by.username if cycle.closed_by else None


class PdcaDoOut(Schema):
    """The Do, computed: activities logged in the window, calendar entries planned and done."""

    activities: int
    entries_planned: int
    entries_done: int


class PdcaCycleDetailOut(PdcaCycleOut):
    do: PdcaDoOut

    @staticmethod
    def resolve_do(cycle: PdcaCycle) -> dict[str, int]:
        summary = pdca_do(cycle=cycle)
        return {
            "activities": summary.activity_count,
            "entries_planned": summary.entries_planned,
            "entries_done": summary.entries_done,
        }


class PdcaCycleIn(Schema):
    cadence: Cadence
    period: str = Field(..., min_length=7, max_length=7, description="2026-11 or 2026-Q4")
    focus_kpis: list[BroadKpi] = Field(default_factory=list, max_length=len(BroadKpi.values))
    planned_actions: str = Field("", max_length=TEXT)


class PdcaCyclePatch(PatchIn):
    """Fields left out are kept; only the section of the current phase may be sent (plan in
    Plan and Do, check notes from Check on, the act in Act)."""

    version: int | None = Field(None, ge=1, description=NUMBER_VERSION_DESCRIPTION)
    focus_kpis: list[BroadKpi] | None = Field(None, max_length=len(BroadKpi.values))
    planned_actions: str | None = Field(None, max_length=TEXT)
    check_notes: str | None = Field(None, max_length=TEXT)
    corrective_actions: str | None = Field(None, max_length=TEXT)
    standardise: str | None = Field(None, max_length=TEXT)
    carry_over: str | None = Field(None, max_length=TEXT)


class PdcaVersionIn(Schema):
    version: int = Field(..., ge=1)


class PdcaCheckIn(PdcaVersionIn):
    note: str = Field("", max_length=TEXT)


class PdcaCloseIn(PdcaVersionIn):
    """The act, saved with the close (fields left out keep what was saved)."""

    corrective_actions: str | None = Field(None, max_length=TEXT)
    standardise: str | None = Field(None, max_length=TEXT)
    carry_over: str | None = Field(None, max_length=TEXT)
    open_next: bool = False


class PdcaCloseOut(Schema):
    cycle: PdcaCycleOut
    next_cycle: PdcaCycleOut | None
    next_existed: bool


def _cycle(account: Account, cycle_id: uuid.UUID) -> PdcaCycle:
    cycle = pdca_cycle_get(account=account, cycle_uuid=cycle_id)
    if cycle is None:
        raise Http404(_("Not found."))
    return cycle


def _texts(data: dict[str, object]) -> dict[str, object]:
    """Nulls mean "keep" in a patch: leave them out."""
    return {name: value for name, value in data.items() if value is not None}


@router.get(
    "/accounts/{account_id}/pdca",
    response={200: list[PdcaCycleOut], **READ_ERRORS},
    url_name="api_pdca_list",
)
@paginate(PagePagination)
def list_pdca_cycles(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    """The account's PDCA cycles, newest first."""
    account = account_get_for_user(request.user, account_id)
    return pdca_cycles(account=account)


@router.post(
    "/accounts/{account_id}/pdca",
    response={201: PdcaCycleOut, **WRITE_ERRORS},
    url_name="api_pdca_create",
)
def create_pdca_cycle(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: PdcaCycleIn
) -> Status:
    """Open a cycle in Plan for a month ("2026-11", monthly) or a quarter ("2026-Q4",
    quarterly). 422 when the period does not fit the cadence or the account already has a cycle
    starting then."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    cycle = services.pdca_cycle_create(
        actor=request.user, account=account, cycle=services.PdcaCycleInput(**payload.dict())
    )
    return Status(201, cycle)


@router.get(
    "/accounts/{account_id}/pdca/{cycle_id}",
    response={200: PdcaCycleDetailOut, **READ_ERRORS},
    url_name="api_pdca_get",
)
def get_pdca_cycle(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    account_id: uuid.UUID,
    cycle_id: uuid.UUID,
) -> object:
    """One cycle with its Do computed from the activity log and the calendar; its `version`
    number is the `ETag` (send it back as If-Match)."""
    account = account_get_for_user(request.user, account_id)
    cycle = _cycle(account, cycle_id)
    set_etag(response, cycle.version)
    return cycle


@router.patch(
    "/accounts/{account_id}/pdca/{cycle_id}",
    response={200: PdcaCycleOut, **WRITE_ERRORS, **VERSION_ERRORS},
    url_name="api_pdca_update",
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_pdca_cycle(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    account_id: uuid.UUID,
    cycle_id: uuid.UUID,
    payload: PdcaCyclePatch,
) -> PdcaCycle:
    """Edit the section of the current phase. Needs the `version` you read: If-Match (412 when
    someone wrote since) or `version` (409 `stale_version`); 428 without either. 409
    `phase_locked` for a field the phase does not let you change."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    cycle = _cycle(account, cycle_id)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), cycle.version)
    data = refuse_nulls(data, PdcaCycle)
    with stale_as_precondition_failed(expected):
        updated = services.pdca_cycle_update(
            actor=request.user, cycle=cycle, data=data, expected_version=expected.value
        )
    set_etag(response, updated.version)
    return updated


@router.post(
    "/accounts/{account_id}/pdca/{cycle_id}/advance",
    response={200: PdcaCycleOut, **WRITE_ERRORS},
    url_name="api_pdca_advance",
)
def advance_pdca_cycle(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    cycle_id: uuid.UUID,
    payload: PdcaVersionIn,
) -> PdcaCycle:
    """Plan → Do (422 without focus KPIs or planned actions) and Check → Act; 409
    `phase_order` from Do (run the check), Act (close) or a closed cycle."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    return services.pdca_cycle_advance(
        actor=request.user, cycle=_cycle(account, cycle_id), expected_version=payload.version
    )


@router.post(
    "/accounts/{account_id}/pdca/{cycle_id}/check",
    response={200: PdcaCycleOut, **WRITE_ERRORS},
    url_name="api_pdca_check",
)
def check_pdca_cycle(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    cycle_id: uuid.UUID,
    payload: PdcaCheckIn,
) -> PdcaCycle:
    """Run the check: the account's KPIs of the quarter the cycle starts in, kept as a snapshot
    and linked (Do → Check). 409 `phase_order` before Do; 400 `no_kpi_targets` /
    `no_kpi_actuals` when nothing can be measured."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    return services.pdca_cycle_check(
        actor=request.user,
        cycle=_cycle(account, cycle_id),
        note=payload.note,
        expected_version=payload.version,
    )


@router.post(
    "/accounts/{account_id}/pdca/{cycle_id}/close",
    response={200: PdcaCloseOut, **WRITE_ERRORS},
    url_name="api_pdca_close",
)
def close_pdca_cycle(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    cycle_id: uuid.UUID,
    payload: PdcaCloseIn,
) -> object:
    """Close the cycle with its act. 422 with a translated message per field
    (`check_snapshot`, `corrective_actions`, `standardise`) when the check or the act is
    missing, nothing written; 409 `phase_order` outside Act. `open_next` opens the next
    period's cycle with the carry-over as its planned actions."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = _texts(payload.dict(exclude={"version", "open_next"}))
    result = services.pdca_cycle_close(
        actor=request.user,
        cycle=_cycle(account, cycle_id),
        data=data,
        expected_version=payload.version,
        open_next=payload.open_next,
    )
    return {
        "cycle": result.cycle,
        "next_cycle": result.next_cycle,
        "next_existed": result.next_existed,
    }

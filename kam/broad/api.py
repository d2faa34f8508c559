"""API of the broad relationships (same services, selectors and access rules as the pages).

The matrix is answered whole (one account has at most 39 customer cells plus its touchpoints),
the coverage grid too (13 functions × 3 levels); neither is a growing list."""

import uuid
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.api.patching import PatchIn
from kam.api.schemas import ErrorOut
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.broad import services
from kam.broad.choices import CoverageColour, RaciRole
from kam.broad.models import RaciRow
from kam.broad.selectors import Matrix, account_matrix, coverage_grid, raci_rows_queryset
from kam.core.exceptions import ApplicationError
from kam.people.choices import Function
from kam.users.choices import Seniority
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["broad relationships"])


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    403: ErrorOut,
    422: ErrorOut,
}


class RaciPersonOut(Schema):
    id: uuid.UUID
    name: str
    team_role: str


class RaciLetterOut(Schema):
    user_id: uuid.UUID
    role: RaciRole


class RaciRowOut(Schema):
    id: uuid.UUID
    function: str
    level: str
    touchpoint: str
    label: str
    letters: list[RaciLetterOut]
    is_uncovered: bool
    problems: list[str]
    updated_at: datetime = Field(..., description="The row's version: send it to change it.")


class RaciMatrixOut(Schema):
    people: list[RaciPersonOut]
    rows: list[RaciRowOut]
    people_without_row: list[uuid.UUID]


class RaciLetterIn(Schema):
    user_id: uuid.UUID
    role: RaciRole


class RaciRowLettersIn(PatchIn):
    letters: list[RaciLetterIn] = Field(..., max_length=200)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class RaciRowIn(Schema):
    function: Function | None = None
    level: Seniority | None = None
    touchpoint: str = Field("", max_length=120)


class CoverageCellOut(Schema):
    function: Function
    level: Seniority
    is_target: bool
    contacts: int
    covered: int
    supporters: int
    colour: CoverageColour


class CoverageOut(Schema):
    target_cells: int
    covered_target_cells: int
    coverage_rate: Decimal | None
    cells: list[CoverageCellOut]


class CoverageTargetIn(Schema):
    function: Function
    level: Seniority
    is_target: bool


def _matrix_out(matrix: Matrix) -> dict:
    uuids = {column.user.pk: column.user.uuid for column in matrix.columns}
    return {
        "people": [
            {"id": column.user.uuid, "name": str(column.user), "team_role": column.team_role}
            for column in matrix.columns
        ],
        "rows": [
            {
                "id": item.row.uuid,
                "function": item.row.function,
                "level": item.row.level,
                "touchpoint": item.row.touchpoint,
                "label": item.row.label,
                "letters": [
                    {"user_id": uuids[user_id], "role": role}
                    for user_id, role in item.letters.items()
                    if user_id in uuids
                ],
                "is_uncovered": item.is_uncovered,
                "problems": item.problems,
                "updated_at": item.row.updated_at,
            }
            for item in matrix.rows
        ],
        "people_without_row": [column.user.uuid for column in matrix.idle_columns],
    }


@router.get(
    "/accounts/{account_id}/raci",
    response={200: RaciMatrixOut, **READ_ERRORS},
    url_name="api_raci_matrix",
)
def get_raci_matrix(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> dict:
    """The responsibility matrix 《普遍客户管理责任矩阵》 of one account."""
    account = account_get_for_user(request.user, account_id)
    return _matrix_out(account_matrix(account=account))


@router.post(
    "/accounts/{account_id}/raci/rows",
    response={201: RaciMatrixOut, **WRITE_ERRORS},
    url_name="api_raci_row_create",
)
def create_raci_row(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: RaciRowIn
) -> Status:
    """Add a row (a customer cell or a named touchpoint); answers the whole matrix."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    services.raci_row_create(
        actor=request.user,
        account=account,
        function=payload.function or "",
        level=payload.level or "",
        touchpoint=payload.touchpoint,
    )
    return Status(201, _matrix_out(account_matrix(account=account)))


@router.put(
    "/raci-rows/{raci_row_id}",
    response={200: RaciMatrixOut, **WRITE_ERRORS, **VERSION_ERRORS},
    url_name="api_raci_row_put",
    openapi_extra=IF_MATCH_OPENAPI,
)
def put_raci_row(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    raci_row_id: uuid.UUID,
    payload: RaciRowLettersIn,
) -> dict:
    """Replace the letters of one row; 422 with the rules' messages when the row would have no
    A, a second A or no R (nothing written). Needs the row's version you read (its `updated_at`
    in the matrix): If-Match (412 when someone saved since) or `version` (409); 428 without
    either. Answers the row's new version as the `ETag`."""
    row: RaciRow = object_get_for_user(
        request.user, raci_rows_queryset(), raci_row_id, for_change=True
    )
    expected = expected_version(request, payload.version, row.updated_at)
    matrix = account_matrix(account=row.account)
    ids = {column.user.uuid: column.user.pk for column in matrix.columns}
    unknown = [letter.user_id for letter in payload.letters if letter.user_id not in ids]
    if unknown:
        raise ApplicationError(
            _("Only people on the account team can take part in a row."), status=422
        )
    letters = {ids[letter.user_id]: letter.role.value for letter in payload.letters}
    with stale_as_precondition_failed(expected):
        row = services.raci_row_set(
            actor=request.user, row=row, letters=letters, expected_version=expected.value
        )
    set_etag(response, row.updated_at)
    return _matrix_out(account_matrix(account=row.account))


@router.get(
    "/accounts/{account_id}/coverage",
    response={200: CoverageOut, **READ_ERRORS},
    url_name="api_coverage",
)
def get_coverage(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> dict:
    """The coverage heat map (functions × levels) and the coverage rate (0–1, null without
    target cells)."""
    account = account_get_for_user(request.user, account_id)
    grid = coverage_grid(account=account)
    return {
        "target_cells": grid.target_cells,
        "covered_target_cells": grid.covered_target_cells,
        "coverage_rate": grid.rate,
        "cells": [
            {**cell.__dict__, "colour": cell.colour}
            for _function, cells in grid.rows
            for cell in cells
        ],
    }


@router.put(
    "/accounts/{account_id}/coverage/targets",
    response={200: CoverageOut, **WRITE_ERRORS},
    url_name="api_coverage_target_put",
)
def put_coverage_target(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: CoverageTargetIn
) -> dict:
    """Mark one cell (function × level) as a coverage target, or not."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    services.coverage_target_set(
        actor=request.user,
        account=account,
        function=payload.function,
        level=payload.level,
        is_target=payload.is_target,
    )
    return get_coverage(request, account_id)

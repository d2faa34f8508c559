"""Pages of the broad relationships (T10): the responsibility matrix and the coverage heat map
(thin views over the services and selectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.broad import services
from kam.broad.choices import CoverageColour, RaciRole
from kam.broad.forms import CoverageTargetForm, RowAddForm, letter_field_name, letters_from_post
from kam.broad.selectors import (
    Column,
    CoverageGrid,
    Matrix,
    MatrixRow,
    account_matrix,
    cell_contacts,
    coverage_grid,
    raci_rows_queryset,
)
from kam.core.views import apply_service_errors
from kam.idempotency.pages import one_time_submission
from kam.lib.export import xlsx_response
from kam.people.choices import Function
from kam.users.choices import Seniority
from kam.users.http import AuthenticatedHttpRequest


def _person_id(request: AuthenticatedHttpRequest, matrix_columns: list) -> int | None:
    wanted = request.GET.get("person", "")
    for column in matrix_columns:
        if str(column.user.uuid) == wanted:
            return column.user.pk
    return None


def _option_lists() -> dict[str, SafeString]:
    """The <option>s of a cell's select for each letter it may hold ("" for none): a full grid
    has 49 rows × every team member × 6 options, and rendering each option through the
    template language took most of the page's time."""
    choices = [("", "—"), *((code, str(label)) for code, label in RaciRole.choices)]
    return {
        selected: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((code, " selected" if code == selected else "", label) for code, label in choices),
        )
        for selected, _label in choices
    }


def _grid_row(
    matrix_row: MatrixRow,
    columns: list[Column],
    names: list[tuple[str, str]],
    options: dict[str, SafeString],
) -> dict[str, object]:
    label = matrix_row.row.label
    return {
        "matrix_row": matrix_row,
        "label": label,
        "cells": [
            (field_name, f"{label} · {name}", options[matrix_row.letters.get(column.user.pk, "")])
            for column, (field_name, name) in zip(columns, names, strict=True)
        ],
    }


def _matrix_page(
    request: AuthenticatedHttpRequest,
    account: Account,
    matrix: Matrix,
    *,
    add_form: RowAddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    person_id = _person_id(request, matrix.columns)
    # Names, labels and field names once per page, not once per cell (the grid's render time).
    names = [(letter_field_name(column), str(column.user)) for column in matrix.columns]
    roles = [(code, str(label)) for code, label in RaciRole.choices]
    options = _option_lists()
    context = _account_context(request, account, "broad")
    context.update(
        {
            "matrix": matrix,
            "grid": [
                _grid_row(matrix_row, matrix.columns, names, options) for matrix_row in matrix.rows
            ],
            "roles": roles,
            "person_id": person_id,
            "add_form": add_form or RowAddForm(cells=matrix.offered_cells),
            "subtab": "matrix",
        }
    )
    return render(request, "broad/matrix.html", context, status=status)


@login_required
@require_GET
def matrix_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    columns_matrix = account_matrix(account=account)
    person_id = _person_id(request, columns_matrix.columns)
    matrix = (
        columns_matrix
        if person_id is None
        else account_matrix(account=account, person_id=person_id)
    )
    return _matrix_page(request, account, matrix)


@login_required
@require_POST
def row_save_view(request: AuthenticatedHttpRequest, raci_row_uuid: str) -> HttpResponse:
    """Save one row's letters; a row that breaks the rules comes back with its messages."""
    row = object_get_for_user(request.user, raci_rows_queryset(), raci_row_uuid, for_change=True)
    account = row.account
    matrix = account_matrix(account=account)
    letters = letters_from_post(request.POST, matrix.columns)
    try:
        services.raci_row_set(actor=request.user, row=row, letters=letters)
    except ValidationError as error:
        for matrix_row in matrix.rows:
            if matrix_row.row.pk == row.pk:
                matrix_row.letters = {key: value for key, value in letters.items() if value}
                matrix_row.problems = list(error.messages)
        return _matrix_page(request, account, matrix, status=400)
    messages.success(request, _("Row saved: {row}.").format(row=row.label))
    return redirect(reverse("broad:matrix", args=[account.uuid]) + f"#row-{row.uuid}")


@login_required
@require_POST
@one_time_submission
def row_new_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    matrix = account_matrix(account=account)
    form = RowAddForm(request.POST, cells=matrix.offered_cells)
    if form.is_valid():
        try:
            row = services.raci_row_create(actor=request.user, account=account, **form.row_values())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Row added: {row}.").format(row=row.label))
            return redirect(reverse("broad:matrix", args=[account.uuid]) + f"#row-{row.uuid}")
    return _matrix_page(request, account, matrix, add_form=form, status=400)


@login_required
@require_GET
def matrix_export_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    matrix = account_matrix(account=account)
    header = [_("Customer cell or touchpoint"), *(str(c.user) for c in matrix.columns), _("Check")]
    rows = [
        [
            matrix_row.row.label,
            *(matrix_row.letters.get(column.user.pk, "") for column in matrix.columns),
            " ".join(matrix_row.problems) or _("OK"),
        ]
        for matrix_row in matrix.rows
    ]
    return xlsx_response(f"raci-{account.uuid}.xlsx", str(_("Responsibility matrix")), header, rows)


def _cell_label(function: str, level: str) -> str:
    return f"{Function(function).label} · {Seniority(level).label}"


def _heat_rows(grid: CoverageGrid) -> list[dict[str, object]]:
    return [
        {
            "label": Function(function).label,
            "cells": [(cell, _cell_label(cell.function, cell.level)) for cell in cells],
        }
        for function, cells in grid.rows
    ]


@login_required
@require_GET
def coverage_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    grid = coverage_grid(account=account)
    function, level = request.GET.get("function", ""), request.GET.get("level", "")
    selected = function in Function.values and level in Seniority.values
    context = _account_context(request, account, "broad")
    context.update(
        {
            "grid": grid,
            "levels": Seniority.choices,
            "heat_rows": _heat_rows(grid),
            "legend": CoverageColour.choices,
            "rate_percent": round(grid.rate * 100, 1) if grid.rate is not None else None,
            "selected": selected,
            "selected_label": _cell_label(function, level) if selected else "",
            "selected_contacts": list(
                cell_contacts(account=account, function=function, level=level)
            )
            if selected
            else [],
            "subtab": "coverage",
        }
    )
    return render(request, "broad/coverage.html", context)


@login_required
@require_POST
def coverage_target_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    form = CoverageTargetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.coverage_target_set(
            actor=request.user,
            account=account,
            function=data["function"],
            level=data["level"],
            is_target=data["is_target"],
        )
        messages.success(request, _("Coverage target saved."))
    else:
        messages.error(request, _("Choose a function and a level."))
    anchor = f"#cell-{request.POST.get('function', '')}-{request.POST.get('level', '')}"
    return redirect(reverse("broad:coverage", args=[account.uuid]) + anchor)

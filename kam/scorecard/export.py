"""The scorecard heat table as an .xlsx workbook (one row per account, one column per criterion)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from kam.scorecard import selectors
from kam.users.models import User

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def heat_table_header(columns: list[tuple[str, str]]) -> list[str]:
    return [
        _("Account"),
        _("Category"),
        _("Attractiveness (0–100)"),
        _("Relative strength (0–100)"),
        _("Strength ratio"),
        _("Currency"),
        _("Current revenue"),
        _("3-year potential revenue"),
        *[label for _code, label in columns],
    ]


def heat_table_xlsx(*, user: User, matrix: selectors.PortfolioMatrix) -> HttpResponse:
    """Every visible account of the matrix's period; criterion cells hold the raw 1–10 score
    and are filled with the heat colour of the normalised score."""
    columns = selectors.heat_columns()
    policies = selectors.category_policies()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=matrix.period)
    header = []
    for title in heat_table_header(columns):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    snapshots = selectors.heat_snapshots(user=user, period=matrix.period)
    for row in selectors.heat_rows(
        snapshots.iterator(chunk_size=2000), columns=columns, matrix=matrix
    ):
        sheet.append(_row(sheet, row, policies))
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="scorecard-{matrix.period}.xlsx"'
    workbook.save(response)
    return response


def _row(sheet: object, row: selectors.HeatRow, policies: dict) -> list[object]:
    point = row.point
    category = point.category if point else ""
    values: list[object] = [
        row.snapshot.account.name,
        policies[category].label if category in policies else category,
        float(row.snapshot.total) if row.snapshot.total is not None else None,
        round(point.strength, 2) if point else None,
        round(point.strength_ratio, 3) if point and point.strength_ratio is not None else None,
        point.currency if point else "",
        point.revenue if point else None,
        point.potential if point else None,
    ]
    for heat in row.cells:
        cell = WriteOnlyCell(sheet, value=heat.raw)
        if heat.colour:
            colour = heat.colour.lstrip("#").upper()
            cell.fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
        values.append(cell)
    return values

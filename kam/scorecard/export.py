"""The scorecard heat table as an .xlsx workbook (one row per account, one column per criterion)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from kam.lib.export import FilledCell, xlsx_response
from kam.scorecard import selectors
from kam.users.models import User


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
    snapshots = selectors.heat_snapshots(user=user, period=matrix.period)
    rows = (
        _row(row, policies)
        for row in selectors.heat_rows(
            snapshots.iterator(chunk_size=2000),
            columns=columns,
            points={point.account_id: point for point in matrix.points},
        )
    )
    return xlsx_response(
        f"scorecard-{matrix.period}.xlsx", matrix.period, heat_table_header(columns), rows
    )


def _row(row: selectors.HeatRow, policies: dict) -> list[object]:
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
    values.extend(FilledCell(heat.raw, heat.colour or "") for heat in row.cells)
    return values

"""The one place every CSV and .xlsx export is written.

CSV opens correctly in Excel (UTF-8 with BOM) and is streamed so big lists stay cheap; .xlsx is a
one-sheet workbook with a bold, frozen header row and columns sized to their content. Both
neutralise text a spreadsheet would run as a formula (OWASP "CSV injection": a leading `=`, `+`,
`-`, `@`, tab or carriage return gets a leading `'`); numbers and dates stay typed values.
"""

import csv
import datetime
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# columns are sized from the header and the first rows only, so a big export stays streamed
WIDTH_SAMPLE_ROWS = 200
MAX_COLUMN_WIDTH = 60


@dataclass(frozen=True)
class FilledCell:
    """An .xlsx cell with a solid background colour (`#RRGGBB`), e.g. a heat-table score."""

    value: object
    colour: str = ""


def safe_text(value: object) -> str:
    """Text a spreadsheet shows as typed: a would-be formula gets a leading apostrophe."""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_value(value: object) -> object:
    """Numbers, dates and booleans stay typed; everything else becomes neutralised text."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date | datetime.time):
        return value
    return safe_text(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_text(value: object) -> str:
    value = safe_value(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def csv_response(
    filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([safe_text(title) for title in header])
        for row in rows:
            yield writer.writerow([_csv_text(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def display_width(value: object) -> int:
    """Width in Excel character units: a CJK (wide) character takes two."""
    if value is None:
        return 0
    if isinstance(value, FilledCell):
        return display_width(value.value)
    value = safe_value(value)
    if isinstance(value, float | Decimal):
        text = f"{value:,.2f}"
    elif isinstance(value, datetime.datetime):
        text = "2026-01-01 00:00"
    else:
        text = str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def column_widths(header: Sequence[object], rows: Sequence[Sequence[object]]) -> list[int]:
    widths = [display_width(title) for title in header]
    for row in rows:
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(widths[index], display_width(value))
    return [min(width + 2, MAX_COLUMN_WIDTH) for width in widths]


def xlsx_response(
    filename: str,
    sheet_title: str,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
) -> HttpResponse:
    """A one-sheet .xlsx workbook (bold frozen header, sized columns), written in streaming mode.

    A row value may be a `FilledCell` to give the cell a background colour."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    row_iterator = iter(rows)
    sample = list(islice(row_iterator, WIDTH_SAMPLE_ROWS))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(column_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    titles = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=safe_text(title))
        cell.font = Font(bold=True)
        titles.append(cell)
    sheet.append(titles)

    def cell_of(value: object) -> object:
        if not isinstance(value, FilledCell):
            return WriteOnlyCell(sheet, value=safe_value(value))
        cell = WriteOnlyCell(sheet, value=safe_value(value.value))
        if value.colour:
            colour = value.colour.lstrip("#").upper()
            cell.fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
        return cell

    for row in chain(sample, row_iterator):
        sheet.append([cell_of(value) for value in row])
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response

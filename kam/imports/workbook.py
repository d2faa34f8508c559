"""The template workbook of each import kind, in the reader's language: headers (required ones
marked *), drop-down lists for the choice columns, and an example row with notes on a second
sheet (so the example is never imported by mistake)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from kam.imports.choices import ImportKind
from kam.imports.columns import COLUMNS
from kam.lib.export import XLSX_TYPE, safe_text

MAX_ROWS_WITH_LISTS = 20_001


def template_response(kind: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = COLUMNS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(ImportKind(kind).label)[:31]
    lists = workbook.create_sheet(_("Lists")[:31])
    lists.sheet_state = "hidden"
    example = workbook.create_sheet(_("Example")[:31])
    headers = [str(column.label) + (" *" if column.required else "") for column in columns]
    sheet.append(headers)
    example.append([_("Column"), _("Example"), _("How to fill it in")])
    for position, column in enumerate(columns, start=1):
        letter = get_column_letter(position)
        sheet.cell(row=1, column=position).font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(headers[position - 1]) * 2 + 2)
        choices = [str(label) for label in column.choices.labels] if column.choices else []
        for index, label in enumerate(choices, start=1):
            lists.cell(row=index, column=position, value=label)
        if choices:
            validation = DataValidation(
                type="list",
                formula1=f"'{lists.title}'!${letter}$1:${letter}${len(choices)}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Not in the list"),
                error=_("Choose a value from the list."),
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS_WITH_LISTS}")
        sample = column.example or (choices[0] if choices else "")
        help_text = str(column.help) or (_("One of the list.") if choices else "")
        example.append([safe_text(headers[position - 1]), safe_text(sample), safe_text(help_text)])
    sheet.freeze_panes = "A2"
    for letter, width in (("A", 24), ("B", 28), ("C", 70)):
        example.column_dimensions[letter].width = width
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="import-{kind}.xlsx"'
    workbook.save(response)
    return response

"""Reading an uploaded file (.xlsx, .csv or vCard .vcf) into rows of text keyed by column.

Refusals raise ValidationError with a translated message meant for the file field."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kam.imports.choices import ImportKind
from kam.imports.columns import COLUMNS, header_map

SPREADSHEET_TYPES = (".xlsx", ".csv")
VCARD_TYPE = ".vcf"
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # Excel in 中文 saves CSV in GB18030


@dataclass(frozen=True)
class ParsedFile:
    """The rows of an upload: `[{"line": 2, "values": {"name": "张伟", …}}]`."""

    file_name: str
    rows: list[dict[str, Any]]


def allowed_types(kind: str) -> tuple[str, ...]:
    return (*SPREADSHEET_TYPES, VCARD_TYPE) if kind == ImportKind.CONTACTS else SPREADSHEET_TYPES


def read_upload(upload: UploadedFile, kind: str) -> ParsedFile:
    """The rows of the upload, or a ValidationError saying what is wrong with the file."""
    name = upload.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    types = allowed_types(kind)
    if suffix not in types:
        raise ValidationError(
            _("Upload a file of type {types}.").format(types=_(" or ").join(types))
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    limit = settings.KAM_IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than {size} MB: split it into smaller files.").format(
                size=limit // (1024 * 1024)
            )
        )
    content = upload.read()
    if suffix == VCARD_TYPE:
        rows = _vcard_rows(content)
    else:
        rows = _spreadsheet_rows(content, suffix, kind)
    if not rows:
        raise ValidationError(_("The file has no rows below its header row."))
    if len(rows) > settings.KAM_IMPORT_MAX_ROWS:
        raise ValidationError(
            _("The file has {count} rows; one file may hold at most {limit}.").format(
                count=len(rows), limit=settings.KAM_IMPORT_MAX_ROWS
            )
        )
    return ParsedFile(file_name=name[:255], rows=rows)


def _dataset(content: bytes, suffix: str) -> tablib.Dataset:
    if suffix == ".xlsx":
        if not content.startswith(XLSX_MAGIC):
            raise ValidationError(_("This is not an .xlsx workbook: save it from Excel again."))
        try:
            return tablib.Dataset().load(content, format="xlsx")
        except Exception as error:  # noqa: BLE001  openpyxl raises many kinds on broken files
            raise ValidationError(_("This workbook cannot be read: save it again.")) from error
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            return tablib.Dataset().load(text, format="csv")
        except Exception as error:  # noqa: BLE001  the csv reader raises several kinds
            raise ValidationError(_("This CSV file cannot be read.")) from error
    raise ValidationError(_("Save the CSV file as UTF-8 (or GB18030) text."))


def cell_text(value: object) -> str:
    """A cell as the text a person typed: whole numbers without ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal | float):
        return format(value, "f") if isinstance(value, Decimal) else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _spreadsheet_rows(content: bytes, suffix: str, kind: str) -> list[dict[str, Any]]:
    dataset = _dataset(content, suffix)
    positions = header_map(kind, dataset.headers or [])
    missing = [
        str(column.label)
        for column in COLUMNS[kind]
        if column.required and column.key not in positions.values()
    ]
    if missing:
        raise ValidationError(
            _("The header row lacks the column(s) {columns}: start from the template.").format(
                columns=_(", ").join(missing)
            )
        )
    rows = []
    for index, row in enumerate(dataset, start=2):
        values = {key: cell_text(row[position]) for position, key in positions.items()}
        if any(values.values()):
            rows.append({"line": index, "values": values})
    return rows


def _vcard_rows(content: bytes) -> list[dict[str, Any]]:
    import vobject

    try:
        text = content.decode("utf-8-sig")
        cards = list(vobject.readComponents(text))
    except Exception as error:  # noqa: BLE001  vobject raises ParseError and others
        raise ValidationError(_("This vCard file cannot be read.")) from error
    rows = []
    for index, card in enumerate(cards, start=1):
        rows.append({"line": index, "values": _vcard_values(card)})
    return rows


def _vcard_values(card: Any) -> dict[str, str]:
    def first(name: str) -> str:
        entry = getattr(card, name, None)
        return str(entry.value).strip() if entry is not None else ""

    values = {
        "name": first("fn"),
        "email": first("email"),
        "phone": first("tel"),
        "title": first("title"),
        "notes": first("note"),
    }
    organisation = getattr(card, "org", None)
    if organisation is not None and len(organisation.value) > 1:
        values["org_unit"] = "/".join(part for part in organisation.value[1:] if part)
    return {key: value for key, value in values.items() if value}

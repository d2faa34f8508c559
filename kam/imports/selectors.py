"""Reads of the imports: batches through the access rules, the preview's error table, the error
file, and the template workbook's columns."""

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kam.accounts.access import account_get_for_user, require
from kam.imports.access import can_import
from kam.imports.columns import COLUMNS, column_label, error_message
from kam.imports.models import ImportBatch
from kam.users.models import User

RECENT_BATCHES = 10


def batch_get_for_user(user: User, batch_uuid: uuid.UUID | str) -> ImportBatch:
    """A batch its user may work on: an account's batch for who may change the account (an
    outsider gets 404, a viewer 403); an accounts batch for its own uploader only."""
    batch = (
        ImportBatch.objects.select_related("account", "created_by")
        .defer("rows")
        .filter(uuid=batch_uuid)
        .first()
    )
    if batch is None:
        raise Http404(_("Not found."))
    if batch.account is not None:
        account_get_for_user(user, batch.account.uuid, for_change=True)
    elif batch.created_by_id != user.pk:
        raise Http404(_("Not found."))
    else:
        require(can_import(user, kind=batch.kind, account=None))
    return batch


def recent_batches(*, user: User, account_uuid: uuid.UUID | None = None) -> QuerySet[ImportBatch]:
    """The latest batches of an account (or the user's accounts imports), without their rows."""
    batches = ImportBatch.objects.select_related("created_by").defer("rows", "errors")
    if account_uuid is not None:
        batches = batches.filter(account__uuid=account_uuid)
    else:
        batches = batches.filter(account=None, created_by=user)
    return batches.order_by("-created_at", "-pk")[:RECENT_BATCHES]


@dataclass(frozen=True)
class ErrorRow:
    """One error of the preview: the file's line, the column, what the cell holds, the message."""

    line: int
    column: str
    value: str
    message: str


def batch_rows_by_line(batch: ImportBatch, lines: set[int]) -> dict[int, dict[str, str]]:
    """The cells of the given lines (read from the stored rows, one query)."""
    rows = ImportBatch.objects.filter(pk=batch.pk).values_list("rows", flat=True).first() or []
    return {row["line"]: row["values"] for row in rows if row["line"] in lines}


def batch_error_rows(batch: ImportBatch, errors: list[dict]) -> list[ErrorRow]:
    """The given errors in the reader's language, with the cell each one is about."""
    cells = batch_rows_by_line(batch, {error["line"] for error in errors})
    return [
        ErrorRow(
            line=error["line"],
            column=column_label(batch.kind, error["column"]),
            value=cells.get(error["line"], {}).get(error["column"], ""),
            message=error_message(batch.kind, error),
        )
        for error in errors
    ]


def batch_error_file(batch: ImportBatch) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the error file: each line with errors, its problems, and its cells
    under the template's headers, so the file can be fixed and uploaded again."""
    columns = COLUMNS[batch.kind]
    lines = sorted({error["line"] for error in batch.errors})
    cells = batch_rows_by_line(batch, set(lines))
    problems: dict[int, list[str]] = {}
    for error in batch.errors:
        label = column_label(batch.kind, error["column"])
        message = error_message(batch.kind, error)
        problems.setdefault(error["line"], []).append(f"{label}{_(': ')}{message}")
    header = [_("Row"), _("Problems"), *[str(column.label) for column in columns]]
    rows = [
        [
            str(line),
            "\n".join(problems[line]),
            *[cells.get(line, {}).get(c.key, "") for c in columns],
        ]
        for line in lines
    ]
    return header, rows

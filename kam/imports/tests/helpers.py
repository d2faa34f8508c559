"""Building import files in tests, and running the jobs."""

import csv
import io
from collections.abc import Sequence
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(
    header: Sequence[str], rows: Sequence[Sequence[object]], name: str = "contacts.xlsx"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(header, rows), content_type=XLSX)


def csv_file(
    header: Sequence[str], rows: Sequence[Sequence[object]], name: str = "contacts.csv"
) -> SimpleUploadedFile:
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def run_jobs() -> None:
    call_command("run_worker", "--batch", "--interval", "0", stdout=StringIO())

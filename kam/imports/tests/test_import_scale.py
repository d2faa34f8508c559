"""Acceptance: 10,000 contacts from one .xlsx import on SQLite in at most 60 s as background
jobs, with progress written as the rows are checked and reaching 100 %; the same file imported
twice leaves the same row counts. The time is printed (`-s`) and recorded in README "Import"."""

import time

import pytest
from django.urls import reverse

from kam.audit.models import AuditEntry
from kam.imports import services
from kam.imports.choices import ImportStatus
from kam.imports.models import ImportBatch
from kam.imports.tests.helpers import run_jobs, xlsx_file
from kam.people.models import Contact, OrgUnit
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

ROWS = 10_000
HEADER = ["Name", "Email", "Title", "Org unit", "Reports to", "Function", "Level", "Phone"]


def contact_rows(count: int) -> list[list[str]]:
    """`count` contacts in 10 units; every contact after the first ten reports to one of them."""
    rows = []
    for number in range(count):
        manager = f"person{number % 10}@example.com" if number >= 10 else ""
        rows.append([f"联系人{number:05d}", f"person{number}@example.com", "工程师",
                     f"集团总部/部门{number % 10}", manager, "it", "middle",
                     f"010-6552 {number:04d}"])  # fmt: skip
    return rows


def _import_once(client: object, account: object, upload: object) -> tuple[ImportBatch, float]:
    started = time.perf_counter()
    response = client.post(
        reverse("imports:account", args=[account.uuid]), {"kind": "contacts", "file": upload}
    )
    assert response.status_code == 302
    run_jobs()
    batch = ImportBatch.objects.order_by("-created_at", "-pk").first()
    assert batch.status == ImportStatus.PREVIEW
    client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
    run_jobs()
    batch.refresh_from_db()
    return batch, time.perf_counter() - started


def test_it_imports_10000_contacts_within_60_seconds_and_twice_gives_the_same_counts(
    client_for: object, owner: object, account: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = OrgUnitFactory(account=account, name="集团总部")
    for number in range(10):
        OrgUnitFactory(account=account, name=f"部门{number}", parent=top)
    progress: list[int] = []
    original = services._progress

    def recording(batch: ImportBatch) -> object:
        write = original(batch)

        def record(done: int) -> None:
            write(done)
            progress.append(ImportBatch.objects.get(pk=batch.pk).percent)

        return record

    monkeypatch.setattr(services, "_progress", recording)
    content = xlsx_file(HEADER, contact_rows(ROWS), "10k.xlsx").read()
    client = client_for(owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    first, seconds = _import_once(client, account, SimpleUploadedFile("10k.xlsx", content))
    print(f"\nImported {ROWS} contacts (.xlsx, check + import jobs) in {seconds:.1f} s")
    assert seconds <= 60
    assert (first.status, first.created_count, first.skipped_count) == ("done", ROWS, 0)
    assert first.percent == 100
    assert progress[:3] == [5, 10, 15]  # written every 500 rows as the job checks them
    assert max(progress) == 99 and progress.count(99) >= 2  # check job, then import job
    assert Contact.objects.filter(account=account).count() == ROWS
    assert Contact.objects.filter(account=account, reports_to__isnull=False).count() == ROWS - 10
    assert AuditEntry.objects.filter(content_type__model="contact").count() == ROWS
    counts = (Contact.objects.count(), OrgUnit.objects.count(), AuditEntry.objects.count())
    second, seconds_again = _import_once(client, account, SimpleUploadedFile("10k.xlsx", content))
    print(f"Imported the same file again in {seconds_again:.1f} s (all unchanged)")
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, ROWS)
    assert (Contact.objects.count(), OrgUnit.objects.count()) == counts[:2]
    assert AuditEntry.objects.count() == counts[2] + 1  # only the confirmation itself

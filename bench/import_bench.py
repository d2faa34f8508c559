"""Import benchmark: 10,000 contacts from one .xlsx, through the real flow (read the upload,
the check job, "import valid rows", the import job, both run by `run_worker --batch`), on a
SQLite file of its own (`bench/import.sqlite3`, recreated each run), then the same file again.

    .venv/bin/python bench/import_bench.py [--rows 10000]
"""

import argparse
import os
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = ROOT / "bench" / "import.sqlite3"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from kam.accounts.services import AccountInput, account_create
    from kam.imports.models import ImportBatch
    from kam.imports.reader import read_upload
    from kam.imports.services import import_batch_confirm, import_batch_create
    from kam.imports.tests.helpers import xlsx_bytes
    from kam.imports.tests.test_import_scale import HEADER, contact_rows
    from kam.people.models import Contact, OrgUnit
    from kam.users.models import User

    call_command("migrate", verbosity=0)
    owner = User.objects.create_user(username="bench.owner", role="account_manager")
    account = account_create(
        actor=owner,
        data=AccountInput(name="华东电力集团", industry="energy", region="east_china", owner=owner),
    )
    top = OrgUnit.objects.create(account=account, name="集团总部")
    for number in range(10):
        OrgUnit.objects.create(account=account, name=f"部门{number}", parent=top)
    content = xlsx_bytes(HEADER, contact_rows(rows))

    def worker() -> None:
        call_command("run_worker", "--batch", "--interval", "0", stdout=StringIO(), verbosity=0)

    for round_name in ("first import", "same file again"):
        started = time.perf_counter()
        parsed = read_upload(SimpleUploadedFile("contacts.xlsx", content), "contacts")
        read = time.perf_counter()
        batch = import_batch_create(actor=owner, kind="contacts", parsed=parsed, account=account)
        worker()
        checked = time.perf_counter()
        batch.refresh_from_db()
        import_batch_confirm(actor=owner, batch=batch)
        worker()
        done = time.perf_counter()
        batch = ImportBatch.objects.get(pk=batch.pk)
        print(
            f"{round_name}: {rows} rows in {done - started:.1f} s "
            f"(read {read - started:.1f} s, check job {checked - read:.1f} s, "
            f"import job {done - checked:.1f} s); status {batch.status}, "
            f"created {batch.created_count}, updated {batch.updated_count}, "
            f"unchanged {batch.unchanged_count}, skipped {batch.skipped_count}; "
            f"contacts in the database: {Contact.objects.count()}"
        )


if __name__ == "__main__":
    main()

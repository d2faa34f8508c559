"""Run by the kill test (`manage.py shell`) against its own SQLite file: an owner, an account
with org units, and a confirmed batch of contacts whose import job waits in the queue."""

import os

from kam.accounts.services import AccountInput, account_create
from kam.imports.reader import ParsedFile
from kam.imports.services import import_batch_check, import_batch_confirm, import_batch_create
from kam.imports.tests.test_import_scale import HEADER, contact_rows
from kam.people.models import OrgUnit
from kam.users.models import User

KEYS = ["name", "email", "title", "org_unit", "reports_to", "function", "seniority", "phone"]


def main(count: int) -> None:
    owner = User.objects.create_user(username="owner", password="x", role="account_manager")
    account = account_create(
        actor=owner,
        data=AccountInput(name="华东电力集团", industry="energy", region="east_china", owner=owner),
    )
    top = OrgUnit.objects.create(account=account, name="集团总部")
    for number in range(10):
        OrgUnit.objects.create(account=account, name=f"部门{number}", parent=top)
    rows = [
        {"line": line, "values": dict(zip(KEYS, row, strict=True))}
        for line, row in enumerate(contact_rows(count), start=2)
    ]
    assert len(HEADER) == len(KEYS)
    batch = import_batch_create(
        actor=owner, kind="contacts", parsed=ParsedFile("kill.xlsx", rows), account=account
    )
    import_batch_check(batch_uuid=str(batch.uuid))
    batch.refresh_from_db()
    import_batch_confirm(actor=owner, batch=batch)


if __name__ == "__main__":
    main(int(os.environ.get("KILL_TEST_ROWS", "10000")))

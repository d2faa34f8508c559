"""Only accounts the user may change are imported into: an outsider gets 404 and a viewer 403 on
every import route, page and API, reading or writing, and nothing changes."""

import pytest
from django.urls import reverse

from kam.imports.models import ImportBatch
from kam.imports.reader import ParsedFile
from kam.imports.services import import_batch_create
from kam.imports.tests.helpers import csv_file, run_jobs
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

HEADER = ["Name", "Email"]


def _batch(account: object, rows: int = 2, kind: str = "contacts") -> ImportBatch:
    parsed = ParsedFile(
        file_name="c.csv",
        rows=[
            {"line": n, "values": {"name": f"人{n}", "email": "bad"}} for n in range(2, rows + 2)
        ],
    )
    return import_batch_create(actor=account.owner, kind=kind, parsed=parsed, account=account)


def _routes(account: object, batch: ImportBatch) -> list[tuple[str, str]]:
    return [
        ("get", reverse("imports:account", args=[account.uuid])),
        ("post", reverse("imports:account", args=[account.uuid])),
        ("get", reverse("imports:account_template", args=[account.uuid]) + "?kind=contacts"),
        ("get", reverse("imports:batch", args=[batch.uuid])),
        ("post", reverse("imports:batch_confirm", args=[batch.uuid])),
        ("get", reverse("imports:batch_errors", args=[batch.uuid]) + "?format=xlsx"),
        ("get", reverse("imports:batch_errors", args=[batch.uuid]) + "?format=csv"),
        ("get", f"/api/v1/accounts/{account.uuid}/imports/{batch.uuid}"),
        ("post", f"/api/v1/accounts/{account.uuid}/imports/{batch.uuid}/confirm"),
        ("post", f"/api/v1/accounts/{account.uuid}/imports"),
    ]


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("viewer", 403)])
def test_it_refuses_every_import_route_to_an_outsider_or_viewer_and_changes_nothing(
    request: pytest.FixtureRequest, client_for: object, account: object, persona: str, status: int
) -> None:
    batch = _batch(account)
    run_jobs()
    client = client_for(request.getfixturevalue(persona))
    before = database_fingerprint()
    for method, url in _routes(account, batch):
        data = {"kind": "contacts", "file": csv_file(HEADER, [["张三", "z@example.com"]])}
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == status, (persona, method, url, response.status_code)
    assert database_fingerprint() == before


def test_it_keeps_accounts_imports_to_who_may_create_accounts_and_to_their_uploader(
    client_for: object, viewer: object, teammate: object, owner: object, director: object
) -> None:
    from kam.imports.services import import_batch_create as create

    batch = create(
        actor=owner,
        kind="accounts",
        parsed=ParsedFile(file_name="a.csv", rows=[{"line": 2, "values": {"name": "甲"}}]),
    )
    before = database_fingerprint()
    for user in (viewer, teammate):
        client = client_for(user)
        assert client.get(reverse("imports:accounts")).status_code == 403
        assert client.post(reverse("imports:accounts"), {"kind": "accounts"}).status_code == 403
        assert client.get(reverse("imports:accounts_template")).status_code == 403
    # another account creator does not see someone else's accounts batch
    other = client_for(director)
    assert other.get(reverse("imports:batch", args=[batch.uuid])).status_code == 404
    assert other.post(reverse("imports:batch_confirm", args=[batch.uuid])).status_code == 404
    assert database_fingerprint() == before


def test_the_preview_and_import_pages_make_the_same_number_of_queries_as_rows_grow(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    small, large = _batch(account, rows=3), _batch(account, rows=120)
    run_jobs()
    small_batch = count_queries(lambda: client.get(reverse("imports:batch", args=[small.uuid])))
    large_batch = count_queries(lambda: client.get(reverse("imports:batch", args=[large.uuid])))
    assert small_batch == large_batch
    page = reverse("imports:account", args=[account.uuid])
    few = count_queries(lambda: client.get(page))
    for _index in range(6):
        _batch(account, rows=5)
    many = count_queries(lambda: client.get(page))
    assert few == many
    partial = count_queries(
        lambda: client.get(
            reverse("imports:batch", args=[large.uuid]), headers={"HX-Request": "true"}
        )
    )
    assert partial <= large_batch


def test_the_api_uploads_previews_and_confirms(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    upload = csv_file(HEADER, [["张三", "z@example.com"], ["李四", "not-mail"]])
    response = client.post(
        f"/api/v1/accounts/{account.uuid}/imports", {"kind": "contacts", "file": upload}
    )
    assert response.status_code == 201, response.content
    batch_id = response.json()["id"]
    assert response.json()["status"] == "checking"
    run_jobs()
    detail = client.get(f"/api/v1/accounts/{account.uuid}/imports/{batch_id}").json()
    assert (detail["status"], detail["valid_rows"], detail["percent"]) == ("preview", 1, 100)
    assert detail["errors"] == [
        {
            "line": 3,
            "column": "Email",
            "value": "not-mail",
            "message": "Enter a valid email address.",
        }
    ]
    confirmed = client.post(f"/api/v1/accounts/{account.uuid}/imports/{batch_id}/confirm")
    assert (confirmed.status_code, confirmed.json()["status"]) == (202, "queued")
    again = client.post(f"/api/v1/accounts/{account.uuid}/imports/{batch_id}/confirm")
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "This import has already started."
    run_jobs()
    done = client.get(f"/api/v1/accounts/{account.uuid}/imports/{batch_id}").json()
    assert (done["status"], done["created_count"], done["skipped_count"]) == ("done", 1, 1)
    bad = client.post(
        f"/api/v1/accounts/{account.uuid}/imports",
        {"kind": "contacts", "file": csv_file(["Email"], [["x@example.com"]])},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {
        "file": ["The header row lacks the column(s) Name: start from the template."]
    }


def test_an_uploader_who_lost_the_account_gets_a_failed_batch_and_nothing_written(
    client_for: object, teammate: object, account: object
) -> None:
    from kam.accounts.models import AccountTeamMembership
    from kam.people.models import Contact

    client = client_for(teammate)
    client.post(
        reverse("imports:account", args=[account.uuid]),
        {"kind": "contacts", "file": csv_file(HEADER, [["张三", "z@example.com"]])},
    )
    run_jobs()
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
    AccountTeamMembership.objects.filter(user=teammate).delete()
    run_jobs()
    batch.refresh_from_db()
    assert (batch.status, batch.failure) == ("failed", "You may look at this but not change it.")
    assert Contact.objects.count() == 0

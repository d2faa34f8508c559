"""No lost updates in the responsibility matrix API: replacing a row's letters needs the row's
version read (its `updated_at` in the matrix)."""

import pytest

from kam.broad.models import RaciAssignment, RaciRow
from kam.broad.services import raci_row_create
from tests.versioning import (
    VersionedWrite,
    check_null_body_refused,
    check_outsider_gets_404,
    check_read_answers_the_version,
    check_same_body_version_twice,
    check_same_if_match_twice,
    check_version_required,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(owner: object, teammate: object, account: object) -> VersionedWrite:
    row = raci_row_create(actor=owner, account=account, function="it", level="executive")
    return VersionedWrite(
        method="PUT",
        url=f"/api/v1/raci-rows/{row.uuid}",
        first={"letters": [{"user_id": str(owner.uuid), "role": "A"},
                           {"user_id": str(teammate.uuid), "role": "R"}]},
        second={"letters": [{"user_id": str(owner.uuid), "role": "R"},
                            {"user_id": str(teammate.uuid), "role": "A"}]},
        version=lambda: RaciRow.objects.get(pk=row.pk).updated_at,
        state=lambda: sorted(
            RaciAssignment.objects.filter(row=row).values_list("user__username", "role")
        ),
    )  # fmt: skip


def test_it_lists_each_row_with_its_version(
    client_for: object, owner: object, account: object, write: VersionedWrite
) -> None:
    matrix = client_for(owner).get(f"/api/v1/accounts/{account.uuid}/raci").json()
    assert [row["updated_at"] for row in matrix["rows"]] == [
        write.version().isoformat(timespec="milliseconds").replace("+00:00", "Z")  # type: ignore[union-attr]
    ]


def test_it_answers_the_new_version_as_the_etag(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_read_answers_the_version(client_for(owner), write)


def test_it_answers_428_without_a_version(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_version_required(client_for(owner), write)


def test_it_lets_one_of_two_writes_with_the_same_if_match_through(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_same_if_match_twice(client_for(owner), write)


def test_it_refuses_the_second_of_two_writes_with_the_same_version_with_409(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_same_body_version_twice(client_for(owner), write)


def test_it_refuses_a_null_body(client_for: object, owner: object, write: VersionedWrite) -> None:
    check_null_body_refused(client_for(owner), write)


def test_it_answers_404_to_an_outsider_and_changes_nothing(
    client_for: object, outsider: object, write: VersionedWrite
) -> None:
    check_outsider_gets_404(client_for(outsider), write)

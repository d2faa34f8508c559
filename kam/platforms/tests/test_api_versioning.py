"""No lost updates in the platform API: editing an item needs the version read (its
`updated_at`)."""

from collections.abc import Callable

import pytest

from kam.platforms.models import PlatformItem
from tests.versioning import (
    VersionedWrite,
    check_null_body_refused,
    check_outsider_gets_404,
    check_read_answers_the_version,
    check_same_body_version_twice,
    check_same_if_match_twice,
    check_version_required,
    send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(account: object, make_platform: Callable[..., PlatformItem]) -> VersionedWrite:
    item = make_platform()
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/accounts/{account.uuid}/platforms/{item.uuid}",
        first={"title": "配网运维研讨会"},
        second={"notes": "邀请设备部"},
        version=lambda: PlatformItem.objects.get(pk=item.pk).updated_at,
        state=lambda: PlatformItem.objects.values_list("title", "notes").get(pk=item.pk),
    )


def test_it_answers_the_version_as_the_etag(
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


def test_it_refuses_null_notes_and_empties_a_null_audience(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    client = client_for(owner)
    refused = send(client, write, {"notes": None}, If_Match=write.tag())
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {
        "notes": ["notes cannot be null: send a value, or leave the field out to keep it."]
    }
    assert (
        send(client, write, {"audience_level": "executive"}, If_Match=write.tag()).json()[
            "audience_level"
        ]
        == "executive"
    )
    emptied = send(client, write, {"audience_level": None}, If_Match=write.tag())
    assert (emptied.status_code, emptied.json()["audience_level"]) == (200, "")

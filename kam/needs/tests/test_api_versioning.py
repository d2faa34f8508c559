"""No lost updates in the needs API: editing a need needs the version read (its `updated_at`)."""

import json
from collections.abc import Callable

import pytest

from kam.needs.models import Need
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
def write(make_need: Callable[..., Need]) -> VersionedWrite:
    need = make_need()
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/needs/{need.uuid}",
        first={"title": "减少非计划停机"},
        second={"urgency": 5},
        version=lambda: Need.objects.get(pk=need.pk).updated_at,
        state=lambda: Need.objects.values_list("title", "urgency").get(pk=need.pk),
        read_url=f"/api/v1/needs/{need.uuid}",
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


def test_it_empties_the_kano_class_sent_as_null(
    client_for: object, owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need(kano="must_be")
    response = client_for(owner).patch(
        f"/api/v1/needs/{need.uuid}",
        json.dumps({"kano": None, "version": need.updated_at.isoformat()}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["kano"]) == (200, "")
    assert Need.objects.get(pk=need.pk).kano == ""

"""No lost updates in the PDCA API: editing a cycle needs its version number read."""

from collections.abc import Callable

import pytest

from kam.pdca.models import PdcaCycle
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

STALE_CYCLE = (
    "Someone else changed this PDCA cycle after you opened it. Your changes were not saved: "
    "reload the page to see the current version, then make them again."
)


@pytest.fixture
def write(account: object, make_cycle: Callable[..., PdcaCycle]) -> VersionedWrite:
    cycle = make_cycle()
    url = f"/api/v1/accounts/{account.uuid}/pdca/{cycle.uuid}"
    return VersionedWrite(
        method="PATCH",
        url=url,
        first={"planned_actions": "拜访采购部"},
        second={"focus_kpis": ["coverage_rate"]},
        version=lambda: PdcaCycle.objects.get(pk=cycle.pk).version,
        state=lambda: PdcaCycle.objects.values_list("planned_actions", "focus_kpis").get(
            pk=cycle.pk
        ),
        read_url=url,
        stale_message=STALE_CYCLE,
    )


def test_it_answers_the_version_number_as_the_etag(
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


def test_it_refuses_null_for_a_section_with_422(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    response = send(client_for(owner), write, {"planned_actions": None}, If_Match=write.tag())
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "planned_actions": [
            "planned_actions cannot be null: send a value, or leave the field out to keep it."
        ]
    }


def test_it_answers_404_to_an_outsider_and_changes_nothing(
    client_for: object, outsider: object, write: VersionedWrite
) -> None:
    check_outsider_gets_404(client_for(outsider), write)

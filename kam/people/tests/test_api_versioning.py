"""No lost updates in the org-unit and power-map API (the contact list's PATCH: kam/api/tests)."""

import pytest

from kam.people.models import Contact, OrgUnit
from tests.factories import ContactFactory, OrgUnitFactory
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


def _org_unit(account: object) -> VersionedWrite:
    unit = OrgUnitFactory(account=account, name="信息中心")
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/org-units/{unit.uuid}",
        first={"name": "数字化部"},
        second={"level": "executive"},
        version=lambda: OrgUnit.objects.get(pk=unit.pk).updated_at,
        state=lambda: OrgUnit.objects.values_list("name", "level").get(pk=unit.pk),
    )


def _contact_map(account: object) -> VersionedWrite:
    contact = ContactFactory(account=account, name="王强")
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/contacts/{contact.uuid}/map",
        first={"influence": 8},
        second={"support": -2},
        version=lambda: Contact.objects.get(pk=contact.pk).updated_at,
        state=lambda: Contact.objects.values_list("influence", "support").get(pk=contact.pk),
        read_url=f"/api/v1/contacts/{contact.uuid}/map",
    )


@pytest.fixture(params=[_org_unit, _contact_map], ids=["org unit", "power map"])
def write(request: pytest.FixtureRequest, account: object) -> VersionedWrite:
    return request.param(account)


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

"""No lost updates in the reference-data API, and no null where an account cannot hold one."""

import json

import pytest

from kam.accounts.models import Account, AccountGroup, Competitor
from kam.api.versioning import etag
from tests.access_helpers import database_fingerprint
from tests.factories import AccountGroupFactory, CompetitorFactory
from tests.versioning import (
    VersionedWrite,
    check_null_body_refused,
    check_read_answers_the_version,
    check_same_body_version_twice,
    check_same_if_match_twice,
    check_version_required,
    send,
)

pytestmark = pytest.mark.django_db


def _competitor() -> VersionedWrite:
    competitor = CompetitorFactory(name="ABB")
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/competitors/{competitor.uuid}",
        first={"name": "ABB 中国"},
        second={"notes": "价格低"},
        version=lambda: Competitor.objects.get(pk=competitor.pk).updated_at,
        state=lambda: Competitor.objects.values_list("name", "notes").get(pk=competitor.pk),
    )


def _group() -> VersionedWrite:
    group = AccountGroupFactory(name="能源客户群")
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/account-groups/{group.uuid}",
        first={"name": "电力客户群"},
        second={"description": "华东"},
        version=lambda: AccountGroup.objects.get(pk=group.pk).updated_at,
        state=lambda: AccountGroup.objects.values_list("name", "description").get(pk=group.pk),
    )


@pytest.fixture(params=[_competitor, _group], ids=["competitor", "account group"])
def write(request: pytest.FixtureRequest, db: None) -> VersionedWrite:
    return request.param()


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


def test_it_answers_403_to_a_team_member_before_asking_for_a_version(
    client_for: object, teammate: object, write: VersionedWrite
) -> None:
    before = database_fingerprint()
    response = send(client_for(teammate), write, write.first, If_Match=write.tag())
    assert response.status_code == 403
    assert database_fingerprint() == before


@pytest.mark.parametrize("field", ["alternate_name", "description", "owner_id", "name"])
def test_it_refuses_null_for_a_field_an_account_cannot_hold_empty_with_422(
    client_for: object, owner: object, account: object, field: str
) -> None:
    # given an account read with its version
    before = database_fingerprint()
    # when a PATCH sends null for a field the account cannot store as null
    response = client_for(owner).patch(
        f"/api/v1/accounts/{account.uuid}",
        json.dumps({field: None}),
        content_type="application/json",
        headers={"If-Match": etag(account.updated_at)},
    )
    # then 422 names the field, and nothing is written
    assert response.status_code == 422, response.content
    assert response.json()["error"]["fields"] == {
        field: [f"{field} cannot be null: send a value, or leave the field out to keep it."]
    }
    assert database_fingerprint() == before
    assert Account.objects.get(pk=account.pk).alternate_name == account.alternate_name


def test_it_names_the_null_field_in_chinese(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).patch(
        f"/api/v1/accounts/{account.uuid}",
        json.dumps({"alternate_name": None}),
        content_type="application/json",
        headers={"If-Match": etag(account.updated_at), "Accept-Language": "zh-hans"},
    )
    message = "alternate_name 不能为 null：请填写一个值；如要保留原值，请不要发送该字段。"
    assert response.json()["error"]["fields"] == {"alternate_name": [message]}

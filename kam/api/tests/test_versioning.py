"""No lost updates: PATCH of contacts and accounts needs the version the client read."""

import json

import pytest

from kam.accounts.models import Account
from kam.api.versioning import etag
from kam.people.models import Contact
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

STALE = (
    "Someone else saved this record after you opened it. Your changes were not saved: "
    "reload the page to see the current version, then make them again."
)
REQUIRED = (
    "Say which version you changed: send the ETag of your last read as the If-Match header, "
    "or its updated_at as version in the body."
)


def _patch(client: object, url: str, body: dict, **headers: str) -> object:
    return client.patch(  # type: ignore[attr-defined]
        url, json.dumps(body), content_type="application/json", headers=headers
    )


def test_it_lets_one_of_two_if_match_patches_of_a_contact_through(
    client_for: object, owner: object, account: object
) -> None:
    # given two clients who read the same contact
    contact = ContactFactory(account=account, name="王强", title="总经理")
    url = f"/api/v1/contacts/{contact.uuid}"
    first, second = client_for(owner), client_for(owner)
    read = first.get(url)
    tag = read["ETag"]
    assert tag == etag(contact.updated_at)
    assert second.get(url)["ETag"] == tag
    # when both change it from that version
    won = _patch(first, url, {"title": "董事长"}, If_Match=tag)
    lost = _patch(second, url, {"phone": "13800000000"}, If_Match=tag)
    # then the first is saved with a new ETag, the second is refused with 412 and changes nothing
    assert won.status_code == 200
    assert won["ETag"] != tag
    assert won["ETag"] == etag(Contact.objects.get().updated_at)
    assert lost.status_code == 412
    assert lost.json() == {"error": {"code": "precondition_failed", "message": STALE, "fields": {}}}
    contact.refresh_from_db()
    assert (contact.title, contact.phone) == ("董事长", "")


def test_it_refuses_a_stale_version_field_of_an_account_with_409(
    client_for: object, owner: object, account: object
) -> None:
    url = f"/api/v1/accounts/{account.uuid}"
    client = client_for(owner)
    version = client.get(url).json()["updated_at"]
    assert _patch(client, url, {"status": "dormant", "version": version}).status_code == 200
    before = database_fingerprint()
    response = _patch(client, url, {"name": "改名", "version": version})
    assert response.status_code == 409
    assert response.json() == {"error": {"code": "stale_version", "message": STALE, "fields": {}}}
    assert database_fingerprint() == before
    assert Account.objects.get(pk=account.pk).name == "华东电力集团"


@pytest.mark.parametrize("kind", ["contact", "account"])
def test_it_answers_428_without_a_version_and_changes_nothing(
    client_for: object, owner: object, account: object, kind: str
) -> None:
    contact = ContactFactory(account=account, name="王强")
    url = (
        f"/api/v1/contacts/{contact.uuid}"
        if kind == "contact"
        else f"/api/v1/accounts/{account.uuid}"
    )
    before = database_fingerprint()
    response = _patch(client_for(owner), url, {"name": "改名"})
    assert response.status_code == 428
    assert response.json() == {
        "error": {"code": "version_required", "message": REQUIRED, "fields": {}}
    }
    assert database_fingerprint() == before


def test_it_says_a_missing_version_in_chinese(
    client_for: object, owner: object, account: object
) -> None:
    response = _patch(
        client_for(owner),
        f"/api/v1/accounts/{account.uuid}",
        {"name": "改名"},
        Accept_Language="zh-hans",
    )
    assert response.status_code == 428
    assert response.json()["error"]["message"] == (
        "请说明您修改的是哪个版本：将上次读取时的 ETag 作为 If-Match 请求头发送，"
        "或将其 updated_at 作为请求体中的 version 发送。"
    )


def test_it_refuses_a_tag_that_is_not_one_of_ours_with_412(
    client_for: object, owner: object, account: object
) -> None:
    response = _patch(
        client_for(owner), f"/api/v1/accounts/{account.uuid}", {"name": "改名"}, If_Match='"x"'
    )
    assert response.status_code == 412


def test_it_answers_404_to_an_outsider_before_asking_for_a_version(
    client_for: object, outsider: object, account: object
) -> None:
    response = _patch(client_for(outsider), f"/api/v1/accounts/{account.uuid}", {"name": "x"})
    assert response.status_code == 404


def test_it_documents_if_match_and_the_version_errors(client_for: object, owner: object) -> None:
    paths = client_for(owner).get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/contacts/{contact_id}", "/api/v1/accounts/{account_id}"):
        patch = paths[path]["patch"]
        assert {"200", "409", "412", "428"} <= set(patch["responses"])
        assert "If-Match" in [parameter["name"] for parameter in patch["parameters"]]

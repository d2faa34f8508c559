"""Who names our relationship owner of a contact: the account's owner, a director or an
administrator (`can_set_relationship_owner`), in the API and on the power-map page alike."""

import json

import pytest
from django.urls import reverse

from kam.api.versioning import etag
from kam.cards.selectors import can_view_personal_fields
from kam.people.models import Contact
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Only the account's owner, a director or an administrator may change the relationship owner."
)


def _patch_owner(client: object, contact: Contact, owner: object) -> object:
    return client.patch(
        f"/api/v1/contacts/{contact.uuid}/map",
        json.dumps({"relationship_owner_id": str(owner.uuid)}),
        content_type="application/json",
        headers={"If-Match": etag(contact.updated_at)},
    )


@pytest.mark.parametrize("target", ["self", "owner"])
def test_it_refuses_a_member_naming_any_relationship_owner_in_the_api(
    client_for: object, teammate: object, owner: object, contact: Contact, target: str
) -> None:
    # given a contact without a relationship owner and a team member
    before = database_fingerprint()
    # when the member names themselves (or the account's owner) as relationship owner
    response = _patch_owner(client_for(teammate), contact, teammate if target == "self" else owner)
    # then 403 in the API's error shape, nothing changed, and personal fields stay hidden
    assert response.status_code == 403
    assert response.json() == {"error": {"code": "forbidden", "message": REFUSAL, "fields": {}}}
    assert database_fingerprint() == before
    contact.refresh_from_db()
    assert contact.relationship_owner is None
    assert can_view_personal_fields(teammate, contact) is False
    card = client_for(teammate).get(f"/api/v1/contacts/{contact.uuid}/card").json()
    assert (card["personal_fields_visible"], card["personal"]) == (False, None)


def test_it_translates_the_refusal(teammate: object, contact: Contact, client_for: object) -> None:
    client = client_for(teammate)
    response = client.patch(
        f"/api/v1/contacts/{contact.uuid}/map",
        json.dumps({"relationship_owner_id": str(teammate.uuid)}),
        content_type="application/json",
        headers={"If-Match": etag(contact.updated_at), "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 403
    message = "只有客户负责人、大客户总监或系统管理员可以更换我方责任人。"
    assert response.json()["error"]["message"] == message


def test_it_lets_a_member_resend_the_unchanged_owner_with_other_map_fields(
    client_for: object, teammate: object, owner: object, contact: Contact
) -> None:
    Contact.objects.filter(pk=contact.pk).update(relationship_owner=owner)
    contact.refresh_from_db()
    response = client_for(teammate).patch(
        f"/api/v1/contacts/{contact.uuid}/map",
        json.dumps({"relationship_owner_id": str(owner.uuid), "influence": 7}),
        content_type="application/json",
        headers={"If-Match": etag(contact.updated_at)},
    )
    assert response.status_code == 200, response.content
    contact.refresh_from_db()
    assert (contact.relationship_owner, contact.influence) == (owner, 7)


@pytest.mark.parametrize("actor_name", ["owner", "director", "administrator"])
def test_it_lets_the_owner_a_director_and_an_administrator_name_the_owner_in_the_api(
    client_for: object,
    owner: object,
    director: object,
    teammate: object,
    contact: Contact,
    actor_name: str,
) -> None:
    actors = {
        "owner": owner,
        "director": director,
        "administrator": UserFactory(role="administrator"),
    }
    response = _patch_owner(client_for(actors[actor_name]), contact, teammate)
    assert response.status_code == 200, response.content
    assert response.json()["relationship_owner_id"] == str(teammate.uuid)
    contact.refresh_from_db()
    assert contact.relationship_owner == teammate
    assert can_view_personal_fields(teammate, contact) is True


def test_it_does_not_offer_the_owner_field_to_a_member_on_the_page(
    client_for: object, teammate: object, owner: object, contact: Contact
) -> None:
    client = client_for(teammate)
    url = reverse("people:contact_map", args=[contact.uuid])
    # given the page as a member sees it: the owner field is shown but not offered
    form = client.get(url).context["form"]
    assert form.fields["relationship_owner"].disabled is True
    assert form.fields["relationship_owner"].help_text == REFUSAL
    # when the member posts themselves, then the owner, as relationship owner
    for target in (teammate, owner):
        client.post(url, {"visibility": "explicit", "coverage": "brief",
                          "relationship_owner": target.pk})  # fmt: skip
        # then the owner stays unset and personal fields stay hidden
        contact.refresh_from_db()
        assert contact.relationship_owner is None
        assert can_view_personal_fields(teammate, contact) is False


@pytest.mark.parametrize("actor_name", ["owner", "director"])
def test_it_lets_the_owner_and_a_director_name_the_owner_on_the_page(
    client_for: object,
    owner: object,
    director: object,
    teammate: object,
    contact: Contact,
    actor_name: str,
) -> None:
    client = client_for(owner if actor_name == "owner" else director)
    url = reverse("people:contact_map", args=[contact.uuid])
    assert client.get(url).context["form"].fields["relationship_owner"].disabled is False
    response = client.post(
        url, {"visibility": "explicit", "coverage": "brief", "relationship_owner": teammate.pk}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.relationship_owner == teammate

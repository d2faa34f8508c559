"""Power-map data: map attributes with the key-person rules and overrides, informal edges."""

import json

import pytest
from django.core.exceptions import ValidationError

from kam.api.versioning import etag
from kam.audit.models import AuditEntry
from kam.people.models import Contact, ContactEdge
from kam.people.services import ContactEdgeInput, contact_edge_create, contact_map_update
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_it_flags_a_key_person_by_the_rules_and_records_why(owner: object, contact: object) -> None:
    contact_map_update(
        actor=owner, contact=contact, data={"decision_roles": ["decider"], "influence": 8}
    )
    contact.refresh_from_db()
    assert contact.is_key_person is True
    assert contact.key_person_reasons == ["deciding_role", "high_influence"]
    entry = AuditEntry.objects.filter(object_uuid=contact.uuid, action="update").get()
    assert entry.changes["is_key_person"] == [False, True]


def test_it_requires_a_written_reason_for_a_manual_decision(owner: object, contact: object) -> None:
    with pytest.raises(ValidationError) as error:
        contact_map_update(actor=owner, contact=contact, data={"key_person_override": True})
    assert "key_person_override_reason" in error.value.message_dict
    contact.refresh_from_db()
    assert contact.is_key_person is False
    contact_map_update(
        actor=owner, contact=contact,
        data={"key_person_override": True,
              "key_person_override_reason": "董事长的外甥，实际影响采购"},
    )  # fmt: skip
    contact.refresh_from_db()
    assert (contact.is_key_person, contact.key_person_reasons) == (True, [])


def test_it_lets_a_manual_no_overrule_the_rules(owner: object, contact: object) -> None:
    contact_map_update(
        actor=owner, contact=contact,
        data={"influence": 9, "key_person_override": False,
              "key_person_override_reason": "已调岗，不再参与决策"},
    )  # fmt: skip
    contact.refresh_from_db()
    assert contact.is_key_person is False
    assert contact.key_person_reasons == ["high_influence"]


def test_it_refuses_edges_to_self_across_accounts_and_twice(owner: object, account: object) -> None:
    first = ContactFactory(account=account)
    second = ContactFactory(account=account)
    foreign = ContactFactory(account=AccountFactory(owner=owner))
    contact_edge_create(
        actor=owner, source=first, data=ContactEdgeInput(target=second, edge_type="ally")
    )
    for source, target in ((first, first), (first, foreign), (first, second)):
        with pytest.raises(ValidationError):
            contact_edge_create(
                actor=owner, source=source, data=ContactEdgeInput(target=target, edge_type="ally")
            )
    assert ContactEdge.objects.count() == 1


def test_it_edits_the_map_and_edges_in_the_api(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    response = client.patch(
        f"/api/v1/contacts/{contact.uuid}/map",
        json.dumps({"visibility": "hidden", "influence": 6, "support": -1,
                    "relationship_owner_id": str(owner.uuid)}),
        content_type="application/json",
        headers={"If-Match": etag(contact.updated_at)},
    )  # fmt: skip
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["is_key_person"], body["key_person_reasons"]) == (True, ["hidden_influence"])
    assert body["relationship_owner_id"] == str(owner.uuid)
    other = ContactFactory(account=account)
    edge = client.post(
        f"/api/v1/accounts/{account.uuid}/contact-edges",
        json.dumps({"source_id": str(contact.uuid), "target_id": str(other.uuid),
                    "edge_type": "influences", "strength": 4, "evidence": "饭局上多次替他表态"}),
        content_type="application/json",
    )  # fmt: skip
    assert edge.status_code == 201
    listed = client.get(f"/api/v1/accounts/{account.uuid}/contact-edges").json()
    assert [item["edge_type"] for item in listed["items"]] == ["influences"]
    assert client.delete(f"/api/v1/contact-edges/{edge.json()['id']}").status_code == 204
    assert ContactEdge.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [{"influence": 11}, {"support": 3}, {"decision_roles": ["king"]}, {"visibility": None},
     {"relationship_owner_id": "00000000-0000-0000-0000-000000000000"}],
)  # fmt: skip
def test_it_refuses_bad_map_input(
    client_for: object, owner: object, contact: object, body: dict
) -> None:
    before = database_fingerprint()
    response = client_for(owner).patch(
        f"/api/v1/contacts/{contact.uuid}/map",
        json.dumps(body),
        content_type="application/json",
        headers={"If-Match": etag(contact.updated_at)},
    )
    assert response.status_code == 422
    assert database_fingerprint() == before
    assert Contact.objects.get(pk=contact.pk).influence is None

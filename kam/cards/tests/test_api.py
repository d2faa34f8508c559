"""Card API: personal fields only for those allowed (audited), versioned PUT, style, actions."""

import json

import pytest

from kam.audit.models import AuditEntry
from kam.cards.models import CardAction, KeyPersonCard
from kam.cards.services import card_action_create
from kam.cards.tests.factories import STYLE_ANSWERS, card_with_fields
from kam.people.services import contact_map_update
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "喜欢摄影-SECRET"


def _json(client: object, method: str, url: str, body: object) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


@pytest.fixture
def private_card(owner: object, contact: object) -> KeyPersonCard:
    return card_with_fields(
        owner, contact, job_kpis="KPI", interests_hobbies=SECRET, personal_data_basis="同意"
    )


def test_it_returns_personal_fields_to_the_owner_and_audits(
    client_for: object, owner: object, contact: object, private_card: KeyPersonCard
) -> None:
    response = client_for(owner).get(f"/api/v1/contacts/{contact.uuid}/card")
    body = response.json()
    assert response.status_code == 200
    assert (body["version"], body["job_kpis"], body["personal_fields_visible"]) == (1, "KPI", True)
    assert body["personal"]["interests_hobbies"] == SECRET
    assert body["completeness"] == {
        "filled": 1, "required": 10, "percent": 10, "is_usable": False,
        "missing": ["current_priorities", "problems_owned", "success_criteria", "primary_need",
                    "attitude_to_change", "decision_focus", "social_style", "our_touchpoints",
                    "development_plan"],
    }  # fmt: skip
    entry = AuditEntry.objects.get(action="view")
    assert (entry.actor, sorted(entry.changes)) == (
        owner,
        ["interests_hobbies", "personal_data_basis"],
    )


def test_it_hides_personal_fields_from_a_teammate_in_the_json(
    client_for: object, teammate: object, contact: object, private_card: KeyPersonCard
) -> None:
    response = client_for(teammate).get(f"/api/v1/contacts/{contact.uuid}/card")
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert (response.json()["personal"], response.json()["personal_fields_visible"]) == (
        None,
        False,
    )
    assert not AuditEntry.objects.filter(action="view").exists()


def test_it_refuses_personal_fields_in_a_teammate_put_and_changes_nothing(
    client_for: object, teammate: object, contact: object, private_card: KeyPersonCard
) -> None:
    before = database_fingerprint()
    response = _json(client_for(teammate), "PUT", f"/api/v1/contacts/{contact.uuid}/card",
                     {"version": 1, "job_kpis": "x", "interests_hobbies": "changed"})  # fmt: skip
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert database_fingerprint() == before


def test_it_updates_with_the_version_and_refuses_a_stale_put(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/contacts/{contact.uuid}/card"
    first = _json(client, "PUT", url, {"version": 0, "primary_need": "safety",
                                       "decision_focus": "technical"})  # fmt: skip
    assert first.status_code == 200, first.content
    assert (first.json()["version"], first.json()["decision_focus"]) == (1, "technical")
    stale = _json(client, "PUT", url, {"version": 0, "primary_need": "esteem"})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    assert KeyPersonCard.objects.get(contact=contact).primary_need == "safety"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": -1}, "version"),
        ({"version": 0, "primary_need": "bribe"}, "primary_need"),
        ({"version": 0, "primary_need": "safety", "secondary_need": "safety"}, "secondary_need"),
        ({"version": 0, "job_kpis": "x" * 5001}, "job_kpis"),
    ],
)
def test_it_rejects_bad_card_input_with_field_errors(
    client_for: object, owner: object, contact: object, body: dict, field: str
) -> None:
    response = _json(client_for(owner), "PUT", f"/api/v1/contacts/{contact.uuid}/card", body)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert not KeyPersonCard.objects.exists()


def test_it_refuses_malformed_json(client_for: object, owner: object, contact: object) -> None:
    response = client_for(owner).generic(
        "PUT", f"/api/v1/contacts/{contact.uuid}/card", "{nope", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert not KeyPersonCard.objects.exists()


def test_it_records_the_style_and_rejects_bad_answers(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/contacts/{contact.uuid}/card/style"
    bad = _json(client, "POST", url, {"answers": {"speaks_firmly": 7, "shows_feelings": 2}})
    assert bad.status_code == 422
    assert "style_answers" in bad.json()["error"]["fields"]
    response = _json(client, "POST", url, {"answers": STYLE_ANSWERS["amiable"]})
    style = response.json()["style"]
    assert response.status_code == 200
    assert [style[key] for key in ("code", "assertiveness", "responsiveness", "confidence")] == [
        "amiable", 1.5, 3.5, 0.67,
    ]  # fmt: skip
    assert style["tip"] == "Build the relationship, reassure, never press."


def test_it_adds_and_completes_actions(
    client_for: object, owner: object, teammate: object, contact: object
) -> None:
    client = client_for(owner)
    created = _json(client, "POST", f"/api/v1/contacts/{contact.uuid}/card/actions",
                    {"description": "邀请参加用户大会", "owner_id": str(teammate.uuid),
                     "due_on": "2026-12-20"})  # fmt: skip
    assert created.status_code == 201, created.content
    action_id = created.json()["id"]
    assert (created.json()["status"], created.json()["owner_id"]) == ("open", str(teammate.uuid))
    done = _json(client, "PATCH", f"/api/v1/card-actions/{action_id}",
                 {"status": "done", "done_on": "2026-12-18",
                  "version": created.json()["updated_at"]})  # fmt: skip
    assert (done.json()["status"], done.json()["done_on"]) == ("done", "2026-12-18")


def test_it_refuses_an_action_owner_off_the_team(
    client_for: object, owner: object, contact: object
) -> None:
    stranger = UserFactory(role="team_member")
    response = _json(client_for(owner), "POST", f"/api/v1/contacts/{contact.uuid}/card/actions",
                     {"description": "拜访", "owner_id": str(stranger.uuid)})  # fmt: skip
    assert response.status_code == 422
    assert "owner" in response.json()["error"]["fields"]
    assert not CardAction.objects.exists()


def test_it_answers_404_to_an_outsider_and_403_to_a_viewer_in_the_api(
    client_for: object, owner: object, outsider: object, viewer: object, contact: object
) -> None:
    action = card_action_create(actor=owner, contact=contact, description="拜访", owner=owner)
    before = database_fingerprint()
    calls = [
        ("PUT", f"/api/v1/contacts/{contact.uuid}/card", {"version": 1, "job_kpis": "x"}),
        ("POST", f"/api/v1/contacts/{contact.uuid}/card/style",
         {"answers": STYLE_ANSWERS["driver"]}),
        ("POST", f"/api/v1/contacts/{contact.uuid}/card/actions",
         {"description": "x", "owner_id": str(owner.uuid)}),
        ("PATCH", f"/api/v1/card-actions/{action.uuid}", {"status": "done"}),
    ]  # fmt: skip
    reads = [
        f"/api/v1/contacts/{contact.uuid}/card",
        f"/api/v1/accounts/{contact.account.uuid}/social-styles",
    ]
    for url in reads:
        assert client_for(outsider).get(url).status_code == 404
        assert client_for(viewer).get(url).status_code == 200
    for method, url, body in calls:
        assert _json(client_for(outsider), method, url, body).status_code == 404, url
        assert _json(client_for(viewer), method, url, body).status_code == 403, url
    assert database_fingerprint() == before


def test_it_lists_the_key_persons_social_styles(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    contact_map_update(actor=owner, contact=contact, data={"influence": 9, "support": 2})
    client = client_for(owner)
    _json(client, "POST", f"/api/v1/contacts/{contact.uuid}/card/style",
          {"answers": STYLE_ANSWERS["analytical"]})  # fmt: skip
    body = client.get(f"/api/v1/accounts/{account.uuid}/social-styles").json()
    assert body["count"] == 1
    assert body["items"][0] == {
        "contact_id": str(contact.uuid), "name": "张伟", "title": "CIO", "support": 2,
        "assertiveness": 1.0, "responsiveness": 1.0, "style": "analytical",
        "style_label": "Analytical", "confidence": 1.0,
    }  # fmt: skip

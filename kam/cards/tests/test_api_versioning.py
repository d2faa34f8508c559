"""No lost updates in the card API: the card (its version number, 0 before anyone wrote it) and
its development actions (their `updated_at`)."""

import pytest

from kam.cards.models import CardAction, KeyPersonCard
from kam.cards.services import card_action_create
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

STALE_CARD = (
    "Someone else saved this card after you opened it. Your changes were not saved: reload the "
    "page to see the current version, then make them again."
)


def _card(owner: object, contact: object) -> VersionedWrite:
    cards = KeyPersonCard.objects.filter(contact=contact)
    return VersionedWrite(
        method="PUT",
        url=f"/api/v1/contacts/{contact.uuid}/card",
        first={"job_kpis": "供电可靠率"},
        second={"current_priorities": "降本"},
        version=lambda: cards.values_list("version", flat=True).first() or 0,
        state=lambda: list(cards.values_list("job_kpis", "current_priorities")),
        read_url=f"/api/v1/contacts/{contact.uuid}/card",
        stale_message=STALE_CARD,
    )


def _action(owner: object, contact: object) -> VersionedWrite:
    action = card_action_create(actor=owner, contact=contact, description="拜访", owner=owner)
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/card-actions/{action.uuid}",
        first={"status": "done"},
        second={"description": "改期拜访"},
        version=lambda: CardAction.objects.get(pk=action.pk).updated_at,
        state=lambda: CardAction.objects.values_list("status", "description").get(pk=action.pk),
    )


@pytest.fixture(params=[_card, _action], ids=["card", "card action"])
def write(request: pytest.FixtureRequest, owner: object, contact: object) -> VersionedWrite:
    return request.param(owner, contact)


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


def test_it_empties_a_choice_sent_as_null(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    write = _card(owner, contact)
    assert send(client, write, {"primary_need": "safety", "version": 0}).status_code == 200
    response = send(client, write, {"primary_need": None, "version": 1})
    assert (response.status_code, response.json()["primary_need"]) == (200, "")
    assert KeyPersonCard.objects.get(contact=contact).primary_need == ""


@pytest.mark.parametrize("name", ["job_kpis", "family_milestones_opt_in"])
def test_it_refuses_null_for_a_field_the_card_cannot_hold_empty(
    client_for: object, owner: object, contact: object, name: str
) -> None:
    response = send(client_for(owner), _card(owner, contact), {name: None, "version": 0})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        name: [f"{name} cannot be null: send a value, or leave the field out to keep it."]
    }
    assert not KeyPersonCard.objects.exists()

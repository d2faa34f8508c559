"""Factories and helpers for the card tests."""

from kam.cards.models import KeyPersonCard
from kam.cards.services import card_record_style, card_update
from kam.people.models import Contact
from kam.users.models import User

# Answers of the v1 questionnaire giving each quadrant (assertiveness items, responsiveness items).
ASSERTIVE_ITEMS = ["speaks_firmly", "takes_lead", "decides_quickly", "tells_not_asks"]
RESPONSIVE_ITEMS = ["shows_feelings", "talks_personal", "animated", "people_over_facts"]


def answers(assertive: list[int | None], responsive: list[int | None]) -> dict[str, int]:
    pairs = [*zip(ASSERTIVE_ITEMS, assertive, strict=True)]
    pairs += [*zip(RESPONSIVE_ITEMS, responsive, strict=True)]
    return {code: value for code, value in pairs if value is not None}


STYLE_ANSWERS = {
    "driver": answers([4, 4, 3, 3], [1, 2, 1, 2]),
    "expressive": answers([4, 4, 4, 4], [4, 4, 4, 4]),
    "amiable": answers([1, 1, 2, 2], [4, 3, 4, 3]),
    "analytical": answers([1, 1, 1, 1], [1, 1, 1, 1]),
}


def card_with_style(actor: User, contact: Contact, style: str) -> KeyPersonCard:
    return card_record_style(actor=actor, contact=contact, answers=STYLE_ANSWERS[style])


def card_with_fields(actor: User, contact: Contact, **fields: object) -> KeyPersonCard:
    current = KeyPersonCard.objects.filter(contact=contact).values_list("version", flat=True)
    version = current.first() or 0
    return card_update(actor=actor, contact=contact, data=fields, expected_version=version)

"""The social-style 2×2 (page and API) and the card page keep a constant query count."""

import pytest
from django.urls import reverse

from kam.cards.services import card_action_create
from kam.cards.tests.factories import card_with_style
from kam.people.services import ContactEdgeInput, contact_edge_create
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
STYLES = ["driver", "expressive", "amiable", "analytical"]


def _grow(owner: object, account: object, contact: object, count: int) -> None:
    """Add key persons with styles and support, personal ties and actions on `contact`'s card."""
    for index in range(count):
        person = ContactFactory(
            account=account, is_key_person=True, support=index % 5 - 2, name=f"<i>{index}</i>"
        )
        if index % 4:
            card_with_style(owner, person, STYLES[index % 4])
        contact_edge_create(
            actor=owner,
            source=person,
            data=ContactEdgeInput(target=contact, edge_type="personal_tie"),
        )
        card_action_create(actor=owner, contact=contact, description=f"步骤 {index}", owner=owner)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda account, contact: reverse("cards:account_styles", args=[account.uuid]),
        lambda account, contact: f"/api/v1/accounts/{account.uuid}/social-styles?page_size=100",
        lambda account, contact: reverse("cards:card", args=[contact.uuid]),
        lambda account, contact: f"/api/v1/contacts/{contact.uuid}/card",
    ],
    ids=["styles page", "styles api", "card page", "card api"],
)
def test_it_keeps_the_query_count_constant_when_key_persons_grow_tenfold(
    client_for: object, owner: object, account: object, contact: object, url_for: object
) -> None:
    client = client_for(owner)
    card_with_style(owner, contact, "driver")
    _grow(owner, account, contact, 3)
    small = count_queries(lambda: client.get(url_for(account, contact)))
    _grow(owner, account, contact, 30)
    large = count_queries(lambda: client.get(url_for(account, contact)))
    assert large == small
    assert large <= MAX_QUERIES

"""The power map loads with a constant number of queries, and its index feeds the T2 coordinate."""

from datetime import date

import pytest
from django.urls import reverse

from kam.ladder.choices import DefaultRung
from kam.ladder.services import LadderInput, ladder_assess, ladder_evidence_create
from kam.people.services import ContactEdgeInput, contact_edge_create, contact_map_update
from kam.powermap.selectors import key_person_index_by_period
from kam.relationship.selectors import relationship_overview
from tests.factories import ContactFactory, TeamMembershipFactory, UserFactory
from tests.queries import count_queries

RUNGS = list(DefaultRung.values)


def _key_person(owner: object, account: object, influence: int, scores: list[int]) -> object:
    person = ContactFactory(account=account)
    helper = UserFactory(role="team_member")
    TeamMembershipFactory(account=account, user=helper, team_role="other")
    person = contact_map_update(
        actor=owner,
        contact=person,
        data={
            "influence": influence,
            "support": 1,
            "coverage": "multiple",
            "relationship_owner": owner,
            "supporting_users": [helper],
        },
    )
    evidence = ladder_evidence_create(
        actor=owner,
        contact=person,
        rung_code="access_participation",
        occurred_on=date(2026, 3, 1),
        description="参加技术交流会",
        kind="event",
    )
    ladder_assess(
        actor=owner,
        contact=person,
        data=LadderInput(
            period="2026",
            assessed_on=date(2026, 6, 1),
            scores=dict(zip(RUNGS, scores, strict=True)),
            evidence={"access_participation": [evidence.uuid]},
            target_level=4,
            competitor_level=2,
        ),
    )
    return person


def _grow(owner: object, account: object, people: int) -> None:
    previous = None
    for _index in range(people):
        person = _key_person(owner, account, 8, [2, 2, 1, 0, 0, 0])
        if previous is not None:
            contact_edge_create(
                actor=owner, source=person, data=ContactEdgeInput(target=previous, edge_type="ally")
            )
        previous = person


@pytest.mark.parametrize(
    "url_for",
    [
        lambda account: reverse("powermap:account", args=[account.uuid]),
        lambda account: reverse("powermap:table", args=[account.uuid]),
        lambda account: reverse("powermap:table", args=[account.uuid]) + "?export=xlsx",
        lambda account: f"/api/v1/accounts/{account.uuid}/power-map",
        lambda account: f"/api/v1/accounts/{account.uuid}/key-person-table",
    ],
    ids=["page", "table", "xlsx", "api map", "api table"],
)
def test_it_loads_the_map_with_a_constant_number_of_queries(
    client_for: object, owner: object, account: object, url_for: object
) -> None:
    client = client_for(owner)
    _grow(owner, account, 2)
    small = count_queries(lambda: client.get(url_for(account)))
    _grow(owner, account, 12)
    large = count_queries(lambda: client.get(url_for(account)))
    assert large == small
    assert large <= 20


def test_it_feeds_the_key_person_index_into_the_relationship_coordinate(
    owner: object, account: object
) -> None:
    # given two key persons; only "access & participation" has evidence, so every other rung
    # scored 2 is capped at 1: (2,2,1) → (1,2,1) = 8/42, and (2,2,2,2,2,2) → (1,2,1,1,1,1) = 23/42
    _key_person(owner, account, 8, [2, 2, 1, 0, 0, 0])
    _key_person(owner, account, 7, [2, 2, 2, 2, 2, 2])
    # and a contact who is not a key person does not count
    _key_person(owner, account, 3, [2, 2, 2, 2, 2, 2])
    # then KPI_kp = (8·19.05 + 7·54.76) / 15
    index = key_person_index_by_period(account=account)
    assert list(index) == ["2026"]
    assert index["2026"] == pytest.approx((8 * 800 / 42 + 7 * 2300 / 42) / 15, abs=0.01)
    # and the T2 coordinate of 2026 no longer lists the key-person input as missing
    point = relationship_overview(account=account).current
    assert point is not None
    assert point.period == "2026"
    assert "key_person" not in point.missing

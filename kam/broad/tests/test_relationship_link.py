"""T10 → T2: the coverage rate is the coordinate's broad dimension, and the page names it."""

import pytest
from django.urls import reverse

from kam.broad.services import coverage_target_set
from kam.people.services import contact_map_update
from kam.relationship.selectors import relationship_overview
from kam.relationship.tests.test_relationship import ORG_CODES, score
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_it_leaves_broad_missing_without_target_cells(owner: object, account: object) -> None:
    score(owner, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")

    current = relationship_overview(account=account).current

    assert current is not None
    assert current.relationship_dimensions["broad"] is None
    assert "broad" in current.missing


def test_it_changes_the_broad_value_when_a_contact_is_covered(
    client_for: object, owner: object, account: object
) -> None:
    # given two target cells, one of them covered, and a brief contact in the other
    score(owner, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")
    ContactFactory(account=account, function="it", seniority="middle", coverage="multiple")
    buyer = ContactFactory(
        account=account, function="procurement", seniority="operational", coverage="brief"
    )
    for function, level in (("it", "middle"), ("procurement", "operational")):
        coverage_target_set(
            actor=owner, account=account, function=function, level=level, is_target=True
        )
    before = relationship_overview(account=account).current
    # when the buyer's coverage is raised to multiple contacts
    contact_map_update(actor=owner, contact=buyer, data={"coverage": "multiple"})
    after = relationship_overview(account=account).current

    # then the coordinate's broad dimension goes from 50 to 100 and X moves with it
    assert before is not None and after is not None
    assert before.relationship_dimensions["broad"] == 50.0
    assert after.relationship_dimensions["broad"] == 100.0
    assert "broad" not in after.missing
    assert after.x is not None and before.x is not None and after.x > before.x
    page = client_for(owner).get(reverse("relationship:account", args=[account.uuid]))
    assert (
        "Broad relationship 100.0: derived from coverage, 2 of 2 target cells covered."
        in page.content.decode()
    )

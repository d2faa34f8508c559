"""The power map between two approved versions: key persons frozen with each approval, who
appeared, who left, who changed support or ladder level; versions approved before that read
from the ladder's dated snapshots; on the versions page and in the API diff, in constant
queries."""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kam.ladder.services import LadderInput, ladder_assess
from kam.lib.periods import quarter_of
from kam.people.services import contact_map_update
from kam.plans.models import AccountPlan, PlanVersion
from kam.plans.people_diff import people_diff
from kam.plans.services import plan_approve, review_date_create
from kam.plans.tests.conftest import LADDER_CODES, add_objective
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]


def _assess(owner: object, contact: object, scores: list[int], on: date, target: int) -> None:
    ladder_assess(
        actor=owner, contact=contact,
        data=LadderInput(period=quarter_of(on), assessed_on=on,
                         scores=dict(zip(LADDER_CODES, scores, strict=True)), evidence={},
                         target_level=target, competitor_level=None),
    )  # fmt: skip


def _support(value: int) -> dict[str, object]:
    """A support change that keeps the person a key person (decided by hand)."""
    return {"support": value, "key_person_override": True,
            "key_person_override_reason": "采购决策人"}  # fmt: skip


def _approve(director: object, owner: object, plan: AccountPlan, day: int) -> PlanVersion:
    plan.refresh_from_db()
    review_date_create(actor=owner, plan=plan, review_on=date(2026, 5, day), label="",
                       expected_version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    return plan_approve(actor=director, plan=plan, expected_version=plan.version)


def test_it_freezes_the_key_persons_and_diffs_two_versions(
    client_for: ClientFor, owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("100"))
    wang = gappy.contacts.get(name="王总")
    first = _approve(director, owner, plan, 1)
    assert first.snapshot["key_people"] == [
        {"id": str(wang.uuid), "name": "王总", "support": None, "influence": wang.influence,
         "level": 3, "target_level": 4},
    ]  # fmt: skip
    contact_map_update(actor=owner, contact=wang, data=_support(1))
    _assess(owner, wang, [2, 2, 2, 2, 0, 0], date(2026, 1, 20), 5)
    li = ContactFactory(account=gappy, name="李总", is_key_person=True)
    _assess(owner, li, [1, 0, 0, 0, 0, 0], date(2026, 1, 20), 3)
    second = _approve(director, owner, plan, 2)
    diff = people_diff(account=gappy, before=first, after=second)
    assert [(person["name"], person["level"]) for person in diff.appeared] == [("李总", 1)]
    assert diff.left == []
    assert [(c.name, c.field, c.before, c.after) for c in diff.changed] == [
        ("王总", "level", "L3", "L4"),
        ("王总", "target_level", "L4", "L5"),
    ]  # support None → +1: unknown before, not reported as a change
    assert diff.reconstructed == []
    url = reverse("plans:versions", args=[gappy.uuid, plan.uuid]) + "?a=1&b=2"
    page = client_for(owner).get(url).content.decode()
    assert "+ 李总 · L1" in page
    assert "王总 · Ladder level: L3 → L4" in page
    body = (
        client_for(owner)
        .get(f"/api/v1/accounts/{gappy.uuid}/plans/2026/diff?from_version=2&to_version=1")
        .json()
    )
    assert [person["name"] for person in body["key_people_left"]] == ["李总"]
    assert [(c["field"], c["before"], c["after"]) for c in body["key_people_changed"]] == [
        ("level", "L4", "L3"), ("target_level", "L5", "L4"),
    ]  # fmt: skip
    assert body["key_people_appeared"] == [] and body["key_people_reconstructed"] == []


def test_it_reports_a_change_of_support_between_frozen_versions(
    owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("100"))
    wang = gappy.contacts.get(name="王总")
    contact_map_update(actor=owner, contact=wang, data=_support(-1))
    first = _approve(director, owner, plan, 1)
    wang.refresh_from_db()
    contact_map_update(actor=owner, contact=wang, data=_support(2))
    second = _approve(director, owner, plan, 2)
    changes = people_diff(account=gappy, before=first, after=second).changed
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("support", "-1 Non-supporter", "+2 Mentor")
    ]


def _old_version(plan: AccountPlan, director: object, number: int, on: date) -> PlanVersion:
    """A version approved before key persons were frozen with the versions."""
    moment = datetime(on.year, on.month, on.day, 12, tzinfo=timezone.get_current_timezone())
    return PlanVersion.objects.create(
        plan=plan, number=number, snapshot={"objectives": [], "gaps": []}, approved_by=director,
        approved_at=moment,
    )  # fmt: skip


def test_it_reads_older_versions_from_the_ladders_dated_snapshots(
    owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    li = ContactFactory(account=gappy, name="李总", is_key_person=True)
    _assess(owner, li, [1, 0, 0, 0, 0, 0], date(2026, 2, 15), 3)
    wang = gappy.contacts.get(name="王总")
    _assess(owner, wang, [2, 2, 2, 2, 0, 0], date(2026, 2, 15), 4)
    first = _old_version(plan, director, 1, date(2026, 2, 1))
    second = _old_version(plan, director, 2, date(2026, 3, 1))
    diff = people_diff(account=gappy, before=first, after=second)
    assert [person["name"] for person in diff.appeared] == ["李总"]
    assert [(c.name, c.field, c.before, c.after) for c in diff.changed] == [
        ("王总", "level", "L3", "L4")
    ]
    assert diff.reconstructed == [1, 2]


def test_it_diffs_reconstructed_versions_in_constant_queries(
    client_for: ClientFor, owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    _old_version(plan, director, 1, date(2026, 2, 1))
    _old_version(plan, director, 2, date(2026, 3, 1))
    client = client_for(owner)
    url = reverse("plans:versions", args=[gappy.uuid, plan.uuid]) + "?a=1&b=2"
    few = count_queries(lambda: client.get(url))
    for index in range(5):
        person = ContactFactory(account=gappy, name=f"关键人{index}", is_key_person=True)
        _assess(owner, person, [1, 1, 0, 0, 0, 0], date(2026, 2, 20), 4)
    assert count_queries(lambda: client.get(url)) == few
    assert client.get(url).content.decode().count('data-testid="people-appeared"') == 5

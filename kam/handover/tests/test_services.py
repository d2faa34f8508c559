"""Handovers open when an owner changes; their items are computed from the records."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kam.accounts.services import account_update
from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.handover.models import Handover, HandoverConfirmation
from kam.handover.selectors import checklist, previous_owner_marks
from kam.handover.services import handover_item_confirm
from kam.handover.tests.objects import key_person, rate_ladder
from kam.letters.services import letter_generate, letter_sign
from kam.letters.tests.conftest import add_objective
from kam.people.services import contact_map_update
from kam.plans.services import ObjectiveInput, objective_update, plan_create

pytestmark = pytest.mark.django_db


def _statuses(handover: Handover) -> list[tuple[str, str, str]]:
    return [
        (item.person.contact.name, item.code, item.status)
        for item in checklist(handover).items
        if item.person is not None
    ]


def test_it_opens_a_handover_for_the_new_account_manager_with_one_ladder_item_per_key_person(
    owner: object, account: object, successor: object, rated: dict[str, object]
) -> None:
    # when the account is handed over to the successor
    account_update(actor=owner, account=account, data={"owner": successor})
    # then the successor has one handover with a ladder and a power-map item per key person
    handover = Handover.objects.get()
    assert (handover.kind, handover.new_owner, handover.previous_owner) == (
        "account_manager", successor, owner,
    )  # fmt: skip
    assert sorted(_statuses(handover)) == [
        ("李总", "ladder", "pending"), ("李总", "power_map", "pending"),
        ("王总", "ladder", "pending"), ("王总", "power_map", "pending"),
    ]  # fmt: skip
    assert AuditEntry.objects.filter(object_uuid=handover.uuid, action="create").count() == 1


def test_it_leaves_out_key_persons_another_colleague_owns(
    owner: object, account: object, successor: object, teammate: object, rated: dict
) -> None:
    contact_map_update(actor=owner, contact=rated["second"], data={"relationship_owner": teammate})
    account_update(actor=owner, account=account, data={"owner": successor})
    handover = Handover.objects.get(kind="account_manager")
    assert [person.contact.name for person in handover.persons.all()] == ["王总"]


def test_it_opens_no_handover_when_the_manager_stays(
    owner: object, account: object, rated: dict
) -> None:
    account_update(actor=owner, account=account, data={"name": "华东电力"})
    assert Handover.objects.count() == 0


def test_it_opens_a_handover_for_the_new_owner_of_a_key_person(
    owner: object, account: object, teammate: object, rated: dict[str, object]
) -> None:
    # given 王总's first owner (a first owner takes over nothing)
    contact_map_update(actor=owner, contact=rated["first"], data={"relationship_owner": owner})
    assert Handover.objects.count() == 0
    # when 王总 passes to the teammate
    contact_map_update(actor=owner, contact=rated["first"], data={"relationship_owner": teammate})
    handover = Handover.objects.get()
    assert (handover.kind, handover.new_owner, handover.previous_owner) == (
        "relationship_owner", teammate, owner,
    )  # fmt: skip
    assert _statuses(handover) == [("王总", "ladder", "pending"), ("王总", "power_map", "pending")]


def test_it_opens_no_handover_for_a_contact_who_is_not_a_key_person(
    owner: object, account: object, teammate: object, contact: object
) -> None:
    contact_map_update(actor=owner, contact=contact, data={"relationship_owner": owner})
    contact_map_update(actor=owner, contact=contact, data={"relationship_owner": teammate})
    assert Handover.objects.count() == 0


def test_it_marks_the_ladder_done_when_the_new_owner_re_rates(
    owner: object, account: object, successor: object, rated: dict[str, object]
) -> None:
    account_update(actor=owner, account=account, data={"owner": successor})
    handover = Handover.objects.get()
    # a re-rating by someone else does not count
    rate_ladder(owner, rated["first"], (2, 2, 1, 0, 0, 0))
    assert ("王总", "ladder", "pending") in _statuses(handover)
    # when the new owner re-rates
    rate_ladder(successor, rated["first"], (2, 2, 2, 1, 0, 0))
    # then that item is done, the other person's is not
    statuses = _statuses(handover)
    assert ("王总", "ladder", "done") in statuses
    assert ("李总", "ladder", "pending") in statuses
    assert checklist(handover).done_count == 1


def test_it_marks_the_power_map_done_by_an_update_or_a_confirmation(
    owner: object, account: object, successor: object, rated: dict[str, object]
) -> None:
    account_update(actor=owner, account=account, data={"owner": successor})
    handover = Handover.objects.get()
    contact_map_update(actor=successor, contact=rated["first"], data={"support": 2})
    confirmation = handover_item_confirm(
        actor=successor, handover=handover, contact=rated["second"], item_code="power_map"
    )
    items = {(i.person.contact.name, i.code): i for i in checklist(handover).items}
    assert (items["王总", "power_map"].status, items["王总", "power_map"].done_by) == (
        "done", "updated",
    )  # fmt: skip
    assert (items["李总", "power_map"].status, items["李总", "power_map"].done_by) == (
        "done", "confirmed",
    )  # fmt: skip
    assert AuditEntry.objects.filter(object_uuid=confirmation.uuid, actor=successor).count() == 1


def test_it_refuses_to_confirm_twice_a_ladder_or_by_someone_else(
    owner: object, account: object, successor: object, teammate: object, rated: dict
) -> None:
    account_update(actor=owner, account=account, data={"owner": successor})
    handover = Handover.objects.get()
    first = rated["first"]
    handover_item_confirm(actor=successor, handover=handover, contact=first, item_code="power_map")
    with pytest.raises(ApplicationError) as twice:
        handover_item_confirm(
            actor=successor, handover=handover, contact=first, item_code="power_map"
        )
    assert (twice.value.code, twice.value.status) == ("already_confirmed", 409)
    with pytest.raises(ApplicationError) as ladder:
        handover_item_confirm(actor=successor, handover=handover, contact=first, item_code="ladder")
    assert ladder.value.code == "not_confirmable"
    with pytest.raises(PermissionDenied):
        handover_item_confirm(
            actor=teammate, handover=handover, contact=rated["second"], item_code="power_map"
        )
    assert HandoverConfirmation.objects.count() == 1


def test_it_supersedes_the_earlier_handover_of_a_person_handed_over_again(
    owner: object, account: object, successor: object, teammate: object, rated: dict
) -> None:
    contact_map_update(actor=owner, contact=rated["first"], data={"relationship_owner": owner})
    account_update(actor=owner, account=account, data={"owner": successor})
    contact_map_update(
        actor=successor, contact=rated["first"], data={"relationship_owner": teammate}
    )
    first, second = Handover.objects.order_by("created_at")
    assert ("王总", "ladder", "superseded") in _statuses(first)
    assert _statuses(second) == [("王总", "ladder", "pending"), ("王总", "power_map", "pending")]
    with pytest.raises(ApplicationError) as refused:
        handover_item_confirm(
            actor=successor, handover=first, contact=rated["first"], item_code="power_map"
        )
    assert refused.value.code == "superseded"


def test_it_marks_old_ratings_until_re_rated_or_confirmed(
    owner: object, account: object, successor: object, rated: dict[str, object]
) -> None:
    first, second = rated["first"], rated["second"]
    assert previous_owner_marks(account=account) == {}
    account_update(actor=owner, account=account, data={"owner": successor})
    extra = key_person(account, "孙总")  # a key person since: never handed over, never marked
    marks = previous_owner_marks(account=account)
    assert (marks[first.pk].ladder, marks[first.pk].power_map) == (True, True)
    assert extra.pk not in marks
    rate_ladder(successor, first)
    handover = Handover.objects.get()
    handover_item_confirm(actor=successor, handover=handover, contact=first, item_code="power_map")
    marks = previous_owner_marks(account=account)
    assert first.pk not in marks
    assert (marks[second.pk].ladder, marks[second.pk].power_map) == (True, True)


def _letter_item(handover: Handover) -> tuple[str, str, str]:
    [item] = [item for item in checklist(handover).items if item.person is None]
    return (str(item.label), item.status, item.fix_url)


def test_it_asks_the_new_manager_to_sign_a_new_responsibility_letter(
    owner: object, account: object, successor: object, director: object, rated: dict
) -> None:
    # given the year's plan, whose objective the previous manager owns (and signed a letter on)
    year = timezone.localdate().year
    plan = plan_create(actor=owner, account=account, year=year)
    objective = add_objective(
        owner, plan, kind="process", metric_code="executive_meetings", target=Decimal(4),
        baseline=None,
    )  # fmt: skip
    letter_sign(letter=letter_sign(letter=letter_generate(plan=plan, owner=owner, actor=owner),
                                   actor=owner), actor=director)  # fmt: skip
    # when the account is handed over
    account_update(actor=owner, account=account, data={"owner": successor})
    handover = Handover.objects.get()
    plan_url = reverse("plans:plan", args=[account.uuid, plan.uuid])
    letters_url = reverse("letters:plan", args=[account.uuid, plan.uuid])
    # then the successor, who owns no objective yet, is asked to take them over
    assert _letter_item(handover) == (
        f"Take over the objectives in the {year} plan and generate your letter", "pending",
        plan_url,
    )  # fmt: skip
    # and once they own it, to sign their letter; their own signature alone is not enough
    plan.refresh_from_db()
    objective_update(
        actor=owner, objective=objective,
        data=ObjectiveInput(kind="process", metric_code="executive_meetings", target=Decimal(4),
                            weight=Decimal(30), comparison_basis="self_past", owner=successor,
                            frequency="quarterly"),
        expected_version=plan.version,
    )  # fmt: skip
    label = f"Sign a new responsibility letter for the {year} plan"
    assert _letter_item(handover) == (label, "pending", letters_url)
    plan.refresh_from_db()
    letter = letter_sign(
        letter=letter_generate(plan=plan, owner=successor, actor=successor), actor=successor
    )
    assert _letter_item(handover) == (label, "pending", letters_url)
    # when the director signs it too, then it is done
    letter_sign(letter=letter, actor=director)
    assert _letter_item(handover) == (label, "done", letters_url)
    assert (checklist(handover).done_count, checklist(handover).total_count) == (1, 5)


def test_it_asks_for_no_letter_when_the_account_has_no_plan_this_year(
    owner: object, account: object, successor: object, rated: dict
) -> None:
    plan_create(actor=owner, account=account, year=timezone.localdate().year - 1)
    account_update(actor=owner, account=account, data={"owner": successor})
    assert [item.code for item in checklist(Handover.objects.get()).items if not item.person] == []

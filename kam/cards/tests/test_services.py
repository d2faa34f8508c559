"""Card services: versioned edits, needs, style clash, completeness, personal data, the plan."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.audit.models import AuditEntry
from kam.cards.models import CardAction, KeyPersonCard
from kam.cards.selectors import (
    can_view_personal_fields,
    card_overview,
    is_diagonal,
)
from kam.cards.services import card_action_create, card_action_update, card_update
from kam.cards.tests.factories import card_with_fields, card_with_style
from kam.core.exceptions import ApplicationError
from kam.people.services import contact_map_update
from kam.users.services import user_set_social_style
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_creates_the_card_on_first_save_and_counts_versions(
    owner: object, contact: object
) -> None:
    card = card_update(
        actor=owner, contact=contact, data={"job_kpis": "供电可靠率 99.99%"}, expected_version=0
    )
    assert (card.version, card.account_id, card.job_kpis) == (
        1,
        contact.account_id,
        "供电可靠率 99.99%",
    )
    card = card_update(actor=owner, contact=contact, data={"conferences": "电力信息化年会"},
                       expected_version=1)  # fmt: skip
    assert card.version == 2
    actions = list(
        AuditEntry.objects.filter(object_uuid=card.uuid)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update"]


def test_it_refuses_a_stale_edit_and_keeps_the_first_one(
    owner: object, teammate: object, contact: object
) -> None:
    # given two people who opened version 1
    card_with_fields(owner, contact, job_kpis="A")
    card_update(actor=teammate, contact=contact, data={"job_kpis": "B"}, expected_version=1)
    # when the second saves over the first
    with pytest.raises(ApplicationError) as error:
        card_update(actor=owner, contact=contact, data={"job_kpis": "C"}, expected_version=1)
    # then it is refused with a clear message, and nothing changed
    assert (error.value.code, error.value.status) == ("stale_version", 409)
    assert "Someone else saved this card" in error.value.message
    card = KeyPersonCard.objects.get(contact=contact)
    assert (card.job_kpis, card.version) == ("B", 2)


def test_it_refuses_the_same_primary_and_secondary_need(owner: object, contact: object) -> None:
    with pytest.raises(ValidationError) as error:
        card_update(actor=owner, contact=contact, expected_version=0,
                    data={"primary_need": "esteem", "secondary_need": "esteem"})  # fmt: skip
    assert "secondary_need" in error.value.message_dict
    assert not KeyPersonCard.objects.exists()


def test_it_edits_the_decision_focus_on_the_contact(owner: object, contact: object) -> None:
    card_update(actor=owner, contact=contact, data={"decision_focus": "technical"},
                expected_version=0)  # fmt: skip
    contact.refresh_from_db()
    assert contact.decision_focus == "technical"


def test_it_rolls_back_the_decision_focus_when_the_card_is_invalid(
    owner: object, contact: object
) -> None:
    with pytest.raises(ValidationError):
        card_update(actor=owner, contact=contact, expected_version=0,
                    data={"decision_focus": "financial", "secondary_need": "safety"})  # fmt: skip
    contact.refresh_from_db()
    assert contact.decision_focus == ""


def _with_owner(contact: object, owner: object) -> None:
    """The account's owner names `owner` our relationship owner of the contact."""
    account_owner = contact.account.owner
    contact_map_update(actor=account_owner, contact=contact, data={"relationship_owner": owner})
    contact.refresh_from_db()


def test_it_warns_when_the_owner_style_is_diagonal(owner: object, contact: object) -> None:
    # given an analytical owner of an expressive contact
    _with_owner(contact, owner)
    user_set_social_style(user=owner, social_style="analytical")
    card_with_style(owner, contact, "expressive")
    # then the card warns
    assert card_overview(contact=contact, user=owner).owner_style_clash is True
    # and with an amiable contact (adjacent, not diagonal) it does not
    card_with_style(owner, contact, "amiable")
    assert card_overview(contact=contact, user=owner).owner_style_clash is False


def test_it_does_not_warn_without_an_owner_style(owner: object, contact: object) -> None:
    _with_owner(contact, owner)
    card_with_style(owner, contact, "driver")
    assert card_overview(contact=contact, user=owner).owner_style_clash is False


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("analytical", "expressive", True), ("expressive", "analytical", True),
     ("driver", "amiable", True), ("driver", "expressive", False),
     ("driver", "driver", False), ("", "driver", False)],
)  # fmt: skip
def test_it_knows_the_diagonal_pairs(first: str, second: str, expected: bool) -> None:
    pairs = [["analytical", "expressive"], ["amiable", "driver"]]
    assert is_diagonal(first, second, pairs) is expected


def test_it_computes_completeness_exactly_and_usable_at_seventy_percent(
    owner: object, contact: object
) -> None:
    # given six of the ten required items
    card_with_fields(owner, contact, job_kpis="KPI", current_priorities="数字化",
                     problems_owned="停电投诉", success_criteria="按期上线",
                     primary_need="esteem", attitude_to_change="pragmatist")  # fmt: skip
    completeness = card_overview(contact=contact, user=owner).completeness
    assert (completeness.filled, completeness.required, completeness.percent) == (6, 10, 60)
    assert completeness.is_usable is False
    assert completeness.missing == [
        "decision_focus", "social_style", "our_touchpoints", "development_plan",
    ]  # fmt: skip
    # when the decision focus is added: 7 of 10 = 70 % → usable
    card_with_fields(owner, contact, decision_focus="business")
    contact.refresh_from_db()
    completeness = card_overview(contact=contact, user=owner).completeness
    assert (completeness.percent, completeness.is_usable) == (70, True)
    # and an action and a style make it 90 %
    card_action_create(actor=owner, contact=contact, description="技术交流", owner=owner)
    card_with_style(owner, contact, "driver")
    assert card_overview(contact=contact, user=owner).completeness.percent == 90


def test_it_shows_personal_fields_only_to_owner_account_manager_and_directors(
    owner: object, teammate: object, viewer: object, director: object, contact: object
) -> None:
    relationship_owner = UserFactory(role="team_member")
    contact.account.team_memberships.create(user=relationship_owner, team_role="delivery")
    _with_owner(contact, relationship_owner)
    administrator = UserFactory(role="administrator")
    allowed = {
        user.username: can_view_personal_fields(user, contact)
        for user in (owner, teammate, viewer, director, relationship_owner, administrator)
    }
    assert allowed == {
        "owner": True, "teammate": False, "viewer": False, "director": True,
        relationship_owner.username: True, administrator.username: False,
    }  # fmt: skip


def test_it_refuses_personal_fields_from_a_teammate_and_changes_nothing(
    teammate: object, contact: object
) -> None:
    with pytest.raises(PermissionDenied):
        card_update(actor=teammate, contact=contact, expected_version=0,
                    data={"job_kpis": "x", "interests_hobbies": "高尔夫"})  # fmt: skip
    assert not KeyPersonCard.objects.exists()


def test_it_requires_a_lawful_basis_and_an_opt_in_for_personal_data(
    owner: object, contact: object
) -> None:
    with pytest.raises(ValidationError) as error:
        card_update(actor=owner, contact=contact, expected_version=0,
                    data={"interests_hobbies": "羽毛球",
                          "family_milestones": "女儿明年高考"})  # fmt: skip
    assert set(error.value.message_dict) == {"personal_data_basis", "family_milestones"}
    card = card_update(actor=owner, contact=contact, expected_version=0,
                       data={"interests_hobbies": "羽毛球", "family_milestones": "女儿明年高考",
                             "family_milestones_opt_in": True,
                             "personal_data_basis": "本人同意，2026-03 面谈时"})  # fmt: skip
    assert card.version == 1


def test_it_never_writes_personal_values_into_the_audit_trail(
    owner: object, contact: object
) -> None:
    card = card_with_fields(owner, contact, interests_hobbies="钓鱼", personal_data_basis="同意")
    entry = AuditEntry.objects.get(object_uuid=card.uuid, action="create")
    assert entry.changes == {
        "interests_hobbies": ["***", "***"],
        "personal_data_basis": ["***", "***"],
    }


def test_it_requires_the_action_owner_on_the_account_team(
    owner: object, teammate: object, contact: object
) -> None:
    stranger = UserFactory(role="team_member")
    with pytest.raises(ValidationError) as error:
        card_action_create(actor=owner, contact=contact, description="拜访", owner=stranger)
    assert "owner" in error.value.message_dict
    assert not CardAction.objects.exists()
    action = card_action_create(actor=owner, contact=contact, description="拜访", owner=teammate,
                                due_on=date(2026, 12, 1))  # fmt: skip
    assert (action.status, action.card.contact_id, action.account_id) == (
        "open", contact.pk, contact.account_id,
    )  # fmt: skip


def test_it_completes_cancels_and_reopens_an_action(owner: object, contact: object) -> None:
    action = card_action_create(actor=owner, contact=contact, description="拜访", owner=owner)
    action = card_action_update(actor=owner, action=action,
                                data={"status": "done", "done_on": date(2026, 11, 2)})  # fmt: skip
    assert (action.status, action.done_on) == ("done", date(2026, 11, 2))
    action = card_action_update(actor=owner, action=action, data={"status": "open"})
    assert (action.status, action.done_on) == ("open", None)
    action = card_action_update(actor=owner, action=action, data={"status": "cancelled"})
    assert (action.status, action.done_on) == ("cancelled", None)


def test_it_refuses_writes_of_a_viewer(viewer: object, contact: object) -> None:
    with pytest.raises(PermissionDenied):
        card_update(actor=viewer, contact=contact, data={"job_kpis": "x"}, expected_version=0)
    assert not KeyPersonCard.objects.exists()

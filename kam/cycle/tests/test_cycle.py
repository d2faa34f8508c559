"""The management cycle wheel: each phase's status from the records, the wheel page in both
languages with its text alternative, the roll-up with constant queries, the API, access and
the administrators' settings."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.cycle.choices import CyclePhase, PhaseStatus
from kam.cycle.models import CycleSettings
from kam.cycle.rules import (
    CycleFacts,
    assess_status,
    current_phase,
    execute_status,
    improve_status,
    plan_status,
    review_status,
    targets_status,
)
from kam.cycle.selectors import account_cycle
from kam.engagement.meetings.services import ActivityInput, activity_log
from kam.engagement.models import Mechanism
from kam.plans.services import ObjectiveInput, objective_create, plan_approve, plan_create
from kam.plans.tests.conftest import score_org_sheet
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, TeamMembershipFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
DONE, PROGRESS, NOT_STARTED = PhaseStatus.DONE, PhaseStatus.IN_PROGRESS, PhaseStatus.NOT_STARTED


def _statuses(account: object, year: int = 2026, today: date = TODAY) -> dict[str, str]:
    return {state.phase: state.status for state in account_cycle(account, year, today).phases}


def test_it_gives_each_phase_its_status_from_the_facts() -> None:
    required = ["org_score_sheet", "relationship_test"]
    assert assess_status(CycleFacts(), required) == NOT_STARTED
    assert assess_status(CycleFacts(assessed_tools={"org_score_sheet"}), required) == PROGRESS
    assert assess_status(CycleFacts(assessed_tools=set(required)), required) == DONE
    assert plan_status(CycleFacts(has_plan=True)) == PROGRESS
    assert plan_status(CycleFacts(has_plan=True, is_plan_approved=True)) == DONE
    assert targets_status(CycleFacts(objective_owners=2, signed_letter_owners=1)) == PROGRESS
    assert targets_status(CycleFacts(objective_owners=2, signed_letter_owners=2)) == DONE
    assert targets_status(CycleFacts()) == NOT_STARTED
    year_facts = CycleFacts(entries_done=3, entries_due=4)
    assert execute_status(CycleFacts(), year=2026, today=TODAY, is_on_target=True) == NOT_STARTED
    assert execute_status(year_facts, year=2026, today=TODAY, is_on_target=True) == PROGRESS
    assert execute_status(year_facts, year=2025, today=TODAY, is_on_target=True) == DONE
    assert execute_status(year_facts, year=2025, today=TODAY, is_on_target=False) == PROGRESS
    assert review_status(CycleFacts(quarterly_reviews=1)) == PROGRESS
    assert review_status(CycleFacts(quarterly_reviews=2, has_year_end_review=True)) == DONE
    assert improve_status(CycleFacts()) == NOT_STARTED
    assert improve_status(CycleFacts(corrective_open=1, corrective_closed=2)) == PROGRESS
    assert improve_status(CycleFacts(corrective_closed=2)) == DONE


def test_it_finds_the_current_phase_as_the_first_not_done() -> None:
    statuses = dict.fromkeys(CyclePhase.values, DONE)
    assert current_phase(statuses) is None
    statuses[CyclePhase.TARGETS] = PROGRESS
    statuses[CyclePhase.REVIEW] = NOT_STARTED
    assert current_phase(statuses) == CyclePhase.TARGETS


def test_it_moves_the_wheel_as_the_records_come_in(
    owner: object, account: object, director: object
) -> None:
    # given an account with no records: nothing started, the cycle stands at Assess
    assert set(_statuses(account).values()) == {NOT_STARTED}
    # when the score sheet is assessed (one of the four default instruments)
    score_org_sheet(
        owner, account, {"communication": 4, "matching": 3, "joint": 3, "identification": 4}, "2026"
    )
    # and a plan is opened, given an objective and approved
    plan = plan_create(actor=owner, account=account, year=2026)
    objective_create(
        actor=owner, plan=plan,
        data=ObjectiveInput(kind="result", metric_code="share_of_wallet", target=Decimal("35"),
                            weight=Decimal("100"), comparison_basis="competitor", owner=owner,
                            frequency="quarterly"),
        expected_version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    statuses = _statuses(account)
    assert statuses[CyclePhase.ASSESS] == PROGRESS
    assert statuses[CyclePhase.PLAN] == PROGRESS
    assert statuses[CyclePhase.TARGETS] == PROGRESS  # one owner, no signed letter yet
    plan_approve(actor=director, plan=plan, expected_version=plan.version)
    # and an activity is logged
    activity_log(
        actor=owner, account=account,
        activity=ActivityInput(mechanism=Mechanism.objects.order_by("pk").first(),
                               title="高层拜访", occurred_on=date(2026, 11, 20)),
    )  # fmt: skip
    # then the plan is done and execution in progress
    statuses = _statuses(account)
    assert statuses[CyclePhase.PLAN] == DONE
    assert statuses[CyclePhase.EXECUTE] == PROGRESS
    assert statuses[CyclePhase.REVIEW] == NOT_STARTED
    # and another year's wheel is untouched
    assert set(_statuses(account, year=2025).values()) == {NOT_STARTED}


def test_it_counts_the_assessments_of_the_lead_months_and_follows_the_settings(
    owner: object, account: object, director: object
) -> None:
    score_org_sheet(
        owner, account, {"communication": 4, "matching": 3, "joint": 3, "identification": 4}, "2026"
    )  # assessed on 2026-01-10: counts for 2026, and not for 2027 with 3 lead months
    assert _statuses(account, year=2027)[CyclePhase.ASSESS] == NOT_STARTED
    CycleSettings.objects.create(assess_tools=["org_score_sheet"], assess_lead_months=12)
    assert _statuses(account, year=2027)[CyclePhase.ASSESS] == DONE
    assert _statuses(account, year=2026)[CyclePhase.ASSESS] == DONE


def test_it_shows_the_wheel_with_its_text_alternative_in_both_languages(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("cycle:account", args=[account.uuid]) + "?year=2026"
    page = client.get(url).content.decode()
    assert 'data-testid="cycle-wheel-chart"' in page and 'role="img"' in page
    assert "Management cycle of 2026: Assess" in page
    assert page.count('data-phase="') == 6
    assert "0 of 4 instruments assessed" in page
    assert "Corrective actions: 0 open, 0 closed" in page
    chinese = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "分析评估" in chinese and "目标分解" in chinese and "改进" in chinese
    assert client.get(url.replace("2026", "1999")).status_code == 200  # an odd year falls back


def test_it_rolls_up_the_portfolio_in_constant_queries(
    client_for: object, director: object, owner: object
) -> None:
    client = client_for(director)
    url = reverse("cycle:portfolio")

    def add_accounts(count: int) -> None:
        for index in range(count):
            created = AccountFactory(name=f"客户{index}", owner=owner)
            plan_create(actor=owner, account=created, year=2026)

    add_accounts(2)
    few = count_queries(lambda: client.get(url))
    add_accounts(5)
    many = count_queries(lambda: client.get(url))
    assert few == many
    page = client.get(url).content.decode()
    assert page.count('data-testid="cycle-row"') == 7
    assert "Plan" in page
    filtered = client.get(url, {"manager": str(owner.pk)}).content.decode()
    assert filtered.count('data-testid="cycle-row"') == 7


def test_it_answers_the_cycle_in_the_api(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    plan_create(actor=owner, account=account, year=2026)
    body = client.get(f"/api/v1/accounts/{account.uuid}/cycle?year=2026").json()
    assert body["current_phase"] == "assess"
    assert [phase["status"] for phase in body["phases"]][:2] == ["not_started", "in_progress"]
    assert body["facts"]["has_plan"] is True
    listing = client.get("/api/v1/portfolio/cycle?year=2026").json()
    assert listing["count"] == 1 and listing["items"][0]["account_name"] == account.name
    assert client.get("/api/v1/portfolio/cycle?year=1").status_code == 422


def test_it_hides_the_wheel_from_an_outsider(
    client_for: object, outsider: object, account: object
) -> None:
    client = client_for(outsider)
    assert client.get(reverse("cycle:account", args=[account.uuid])).status_code == 404
    assert client.get(f"/api/v1/accounts/{account.uuid}/cycle").status_code == 404
    page = client.get(reverse("cycle:portfolio")).content.decode()
    assert account.name not in page


def test_it_lets_a_director_change_the_settings_with_history_and_refuses_others(
    client_for: object, director: object, owner: object
) -> None:
    url = reverse("cycle:settings")
    before = database_fingerprint()
    assert client_for(owner).post(url, {"assess_lead_months": "2"}).status_code == 403
    assert database_fingerprint() == before
    client = client_for(director)
    bad = client.post(url, {"assess_lead_months": "13"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Choose at least one instrument." in text
    assert "Ensure this value is less than or equal to 12." in text
    assert CycleSettings.objects.count() == 0
    good = client.post(url, {"assess_tools": ["org_score_sheet"], "assess_lead_months": "6"})
    assert good.status_code == 302
    saved = CycleSettings.objects.get()
    assert (saved.assess_tools, saved.assess_lead_months, saved.created_by) == (
        ["org_score_sheet"], 6, director,
    )  # fmt: skip
    assert "Organisation relationship score sheet" in client.get(url).content.decode()


def test_it_keeps_the_team_member_view_to_the_team(client_for: object, account: object) -> None:
    from tests.factories import UserFactory

    member = UserFactory(username="member", role="team_member")
    TeamMembershipFactory(account=account, user=member, team_role="solution")
    assert client_for(member).get(reverse("cycle:account", args=[account.uuid])).status_code == 200


def test_it_reads_the_reviews_and_their_corrective_actions(
    owner: object, account: object, director: object
) -> None:
    from kam.engagement.models import ActionItem
    from kam.reviews.services import CorrectiveActionInput, review_record

    plan = plan_create(actor=owner, account=account, year=2026)
    objective_create(
        actor=owner, plan=plan,
        data=ObjectiveInput(kind="process", metric_code="calendar_compliance", target=Decimal("90"),
                            weight=Decimal("100"), comparison_basis="self_past", owner=owner,
                            frequency="quarterly"),
        expected_version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    review_record(
        actor=owner, plan=plan, kind="quarterly", review_on=date(2026, 6, 30), findings="进度偏慢",
        phase="check",
        corrective_actions=[CorrectiveActionInput("补约高层会谈", owner, date(2026, 7, 31))],
    )  # fmt: skip
    statuses = _statuses(account)
    assert statuses[CyclePhase.REVIEW] == PROGRESS
    assert statuses[CyclePhase.IMPROVE] == PROGRESS
    ActionItem.objects.filter(account=account).update(status="done", closed_on=date(2026, 7, 20))
    assert _statuses(account)[CyclePhase.IMPROVE] == DONE
    cycle = account_cycle(account, 2026, TODAY)
    assert (cycle.facts.quarterly_reviews, cycle.facts.corrective_closed) == (1, 1)


def test_it_finishes_set_targets_when_every_objective_owner_signed_a_letter(
    owner: object, account: object, director: object
) -> None:
    from kam.letters.services import letter_generate, letter_sign

    score_org_sheet(
        owner, account, {"communication": 4, "matching": 3, "joint": 3, "identification": 4}, "2026"
    )
    plan = plan_create(actor=owner, account=account, year=2026)
    objective_create(
        actor=owner, plan=plan,
        data=ObjectiveInput(kind="result", metric_code="org_total", target=Decimal("80"),
                            weight=Decimal("100"), comparison_basis="self_past", owner=owner,
                            frequency="yearly"),
        expected_version=plan.version,
    )  # fmt: skip
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    assert _statuses(account)[CyclePhase.TARGETS] == PROGRESS
    letter = letter_sign(letter=letter, actor=owner)
    assert _statuses(account)[CyclePhase.TARGETS] == PROGRESS  # the approver has not signed
    letter_sign(letter=letter, actor=director)
    cycle = account_cycle(account, 2026, TODAY)
    assert (cycle.facts.letters, cycle.facts.signed_letter_owners) == (1, 1)
    assert _statuses(account)[CyclePhase.TARGETS] == DONE

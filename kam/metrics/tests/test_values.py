"""Each metric of the catalogue computed from the records, as of a date, by exact value."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.cards.models import KeyPersonCard
from kam.engagement.models import ActionItem, Activity, CalendarEntry, Mechanism
from kam.health.tests.conftest import save_wallets, submit_relationship_test, submit_survey
from kam.kpis.services import kpi_check_record
from kam.kpis.tests.test_pages import _records
from kam.ladder.choices import DefaultRung
from kam.ladder.services import LadderInput, ladder_assess, ladder_evidence_create
from kam.lib.periods import period_window
from kam.metrics.registry import catalogue
from kam.metrics.selectors import metric_value, metric_values
from kam.metrics.sources import period_as_of
from kam.people.services import contact_map_update
from kam.relationship.selectors import relationship_overview
from kam.scorecard.services import ScorecardFigures, ScorecardInput, scorecard_submit
from kam.scorecard.tests.conftest import (
    EXAMPLE_ATTRACTIVENESS,
    EXAMPLE_COMPETITOR,
    EXAMPLE_US,
    attractiveness_answers,
    strength_answers,
)
from kam.value.services import ValueInput, value_ladder_submit
from tests.factories import CompetitorFactory, ContactFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ORG_CODES = ["c_exec_freq", "c_channels", "c_info", "m_strategy", "m_solution", "m_org",
             "j_plan", "j_project", "j_innovation", "i_brand", "i_status", "i_public"]  # fmt: skip
# communication 80, matching 46.67 (below the gate of 战略合作), joint 80, identification 86.67
ORG_VALUES = [4, 3, 5, 2, 2, 3, 4, 4, 4, 5, 4, 4]
REQUIRED = {
    "org_total", "org_level", "coordinate_step", "coordinate_position", "revenue",
    "share_of_wallet", "net_promoter_score", "satisfaction_index", "key_person_index",
    "key_persons_at_target", "coverage_rate", "strength_ratio", "value_product_tier",
    "value_process_tier", "value_strategic_tier", "calendar_compliance", "executive_meetings",
    "action_closure", "cards_complete", "kpi_score", "gross_margin",
}  # fmt: skip


def _sheet(owner: object, account: object, values: list[int], period: str, on: date) -> object:
    return assessment_submit(
        actor=owner,
        account=account,
        template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(
            period=period,
            assessed_on=on,
            answers=[
                AnswerInput(code, Decimal(value), owner)
                for code, value in zip(ORG_CODES, values, strict=True)
            ],
        ),
    )


def test_it_declares_every_metric_the_plan_needs_with_units_and_sources() -> None:
    definitions = {item.code: item for item in catalogue()}
    assert set(definitions) == REQUIRED
    assert [code for code, item in definitions.items() if item.is_manual] == ["gross_margin"]
    assert definitions["calendar_compliance"].kind == "process"
    assert definitions["org_level"].is_stage is True
    assert (definitions["strength_ratio"].unit, definitions["strength_ratio"].source_tool) == (
        "ratio",
        "T1",
    )
    assert all(item.formula and item.data_source for item in definitions.values())


def test_it_reads_the_score_sheet_in_force_on_the_date(owner: object, account: object) -> None:
    # given a 2025 sheet of all fives and a 2026 sheet assessed later
    first = _sheet(owner, account, [5] * 12, "2025", date(2025, 6, 1))
    second = _sheet(owner, account, ORG_VALUES, "2026", date(2026, 1, 15))
    # when measured before either, between them and after both
    assert metric_value("org_total", account, date(2025, 5, 31)).value is None
    before = metric_value("org_total", account, date(2025, 12, 31))
    after = metric_value("org_total", account, date(2026, 2, 1))
    # then each date sees the sheet in force then: the later sheet does not change the earlier
    assert (before.value, before.as_of) == (pytest.approx(100.0), date(2025, 6, 1))
    assert before.links[0].url == f"/assessments/{first.uuid}/"
    assert after.value == pytest.approx((80 + 140 / 3 + 80 + 260 / 3) / 4)
    assert (after.as_of, after.links[0].url) == (date(2026, 1, 15), f"/assessments/{second.uuid}/")
    level_before = metric_value("org_level", account, date(2025, 12, 31))
    level_after = metric_value("org_level", account, date(2026, 2, 1))
    assert (level_before.value, level_before.text) == (5, "Integrated")
    assert (level_after.value, level_after.text) == (3, "Cooperative")


def test_it_reads_the_coordinate_point_of_the_latest_period_begun(
    owner: object, account: object
) -> None:
    _sheet(owner, account, ORG_VALUES, "2026", date(2026, 1, 15))
    submit_relationship_test(owner, account)
    point = relationship_overview(account=account).current
    # X = communication 80; Y from the sheet's matching/identification and the health index
    step = metric_value("coordinate_step", account, date(2026, 3, 31))
    position = metric_value("coordinate_position", account, date(2026, 3, 31))
    assert (step.value, step.text) == (4, "Interdependent")
    assert position.value == pytest.approx((80 + point.y) / 2)
    assert (position.as_of, step.as_of) == (date(2026, 3, 31), date(2026, 3, 31))
    assert metric_value("coordinate_step", account, date(2025, 12, 31)).value is None


def test_it_reads_satisfaction_and_the_wallet(owner: object, account: object) -> None:
    survey = submit_survey(owner, account)  # conducted 2026-03-02
    save_wallets(owner, account)  # 2026: 5 M of 12 M
    on = date(2026, 6, 30)
    values = {row.definition.code: row.value for row in metric_values(account, on)}
    assert (values["net_promoter_score"].value, values["net_promoter_score"].as_of) == (
        33.3333,
        date(2026, 3, 2),
    )
    assert values["net_promoter_score"].links[0].url == f"/health/surveys/{survey.uuid}/"
    assert values["satisfaction_index"].value == 71.2963
    assert (values["revenue"].value, values["revenue"].as_of) == (Decimal("5000000.00"), on)
    assert values["share_of_wallet"].value == pytest.approx(5 / 12 * 100)
    # before the survey was conducted there is no satisfaction figure
    assert metric_value("net_promoter_score", account, date(2026, 3, 1)).value is None
    # before 2026 began there is no wallet estimate: the account's revenue is today's only
    assert metric_value("share_of_wallet", account, date(2025, 12, 31)).value is None
    assert metric_value("revenue", account, date(2025, 12, 31)).value is None


def _key_person(owner: object, account: object, influence: int, scores: list[int], target: int):  # type: ignore[no-untyped-def]
    person = contact_map_update(
        actor=owner,
        contact=ContactFactory(account=account),
        data={"influence": influence, "is_key_person": True},
    )
    evidence = {
        rung: [
            ladder_evidence_create(
                actor=owner, contact=person, rung_code=rung, occurred_on=date(2026, 5, 1),
                description="参加技术交流会", kind="event",
            ).uuid
        ]
        for rung in list(DefaultRung.values)[:2]
    }  # fmt: skip
    ladder_assess(
        actor=owner,
        contact=person,
        data=LadderInput(
            period="2026",
            assessed_on=date(2026, 6, 1),
            scores=dict(zip(DefaultRung.values, scores, strict=True)),
            evidence=evidence,
            target_level=target,
            competitor_level=None,
        ),
    )
    return person


def test_it_weighs_the_key_persons_ladders_as_of_the_date(owner: object, account: object) -> None:
    # given one key person at L2 (index 600/42) with target L2, one at L1 (index 200/42) with
    # target L3 (the snapshots keep the index to two places: 14.29 and 4.76)
    _key_person(owner, account, 8, [2, 2, 0, 0, 0, 0], target=2)
    _key_person(owner, account, 7, [2, 0, 0, 0, 0, 0], target=3)
    index = metric_value("key_person_index", account, date(2026, 6, 30))
    at_target = metric_value("key_persons_at_target", account, date(2026, 6, 30))
    # then KPI_kp = (8 · 14.29 + 7 · 4.76) / 15 and one of the two reached the target
    assert index.value == pytest.approx((8 * 14.29 + 7 * 4.76) / 15)
    assert index.as_of == date(2026, 6, 1)
    assert (at_target.value, at_target.source) == (
        Decimal(1),
        "1 of 2 key persons with a target level are at or above it.",
    )
    # and before the ladders were assessed there is nothing to weigh
    assert metric_value("key_person_index", account, date(2026, 5, 31)).value is None


def test_it_counts_the_engagement_of_the_year_to_date(owner: object, account: object) -> None:
    executive = Mechanism.objects.get(code="exec_strategy_meeting")
    routine = Mechanism.objects.get(code="routine_visit_advisory")
    entries = [
        ("2026-02-01", "done"),
        ("2026-03-01", "done"),
        ("2026-04-01", "planned"),
        ("2026-05-01", "cancelled"),
        ("2026-08-01", "planned"),
        ("2025-12-01", "planned"),
    ]
    for planned_on, status in entries:
        CalendarEntry.objects.create(
            account=account, mechanism=routine, title="拜访", planned_on=planned_on, status=status
        )
    activities = [
        ("2026-02-03", executive),
        ("2026-05-03", executive),
        ("2026-07-03", executive),
        ("2026-02-03", routine),
        ("2025-11-03", executive),
    ]
    for occurred_on, mechanism in activities:
        Activity.objects.create(
            account=account, mechanism=mechanism, title="会谈", occurred_on=occurred_on
        )
    actions = [
        ("2026-03-01", "done", "2026-02-27"),
        ("2026-04-01", "done", "2026-04-09"),
        ("2026-05-01", "open", None),
        ("2026-05-02", "cancelled", None),
    ]
    for due_on, status, closed_on in actions:
        ActionItem.objects.create(
            account=account, description="回复", owner_side="ours", due_on=due_on,
            status=status, closed_on=closed_on,
        )  # fmt: skip
    on = date(2026, 6, 30)
    compliance = metric_value("calendar_compliance", account, on)
    assert (compliance.value, compliance.as_of) == (pytest.approx(200 / 3), on)
    assert compliance.source == "2 of 3 calendar entries due from 2026-01-01 to 2026-06-30 done."
    assert metric_value("executive_meetings", account, on).value == Decimal(2)
    assert metric_value("action_closure", account, on).value == pytest.approx(100 / 3)
    assert metric_value("calendar_compliance", account, date(2026, 1, 31)).value is None


def test_it_reads_the_value_ladder_tiers(owner: object, account: object) -> None:
    codes = ["product", "service", "solution", "process_cost", "financial", "brand_market",
             "relationship_capability", "strategic"]  # fmt: skip
    value_ladder_submit(
        actor=owner,
        account=account,
        data=ValueInput(
            period="2026",
            assessed_on=date(2026, 4, 1),
            current=dict(zip(codes, [4, 3, 3, 2, 2, 1, 1, 0], strict=True)),
            target=dict.fromkeys(codes, 5),
        ),
    )
    on = date(2026, 4, 1)
    # tier score = mean of its dimensions / 5 · 100
    assert metric_value("value_product_tier", account, on).value == pytest.approx(70.0)
    assert metric_value("value_process_tier", account, on).value == pytest.approx(700 / 15)
    assert metric_value("value_strategic_tier", account, on).value == pytest.approx(40 / 3)
    assert metric_value("value_product_tier", account, date(2026, 3, 31)).value is None


def test_it_reads_the_strength_ratio_of_the_scorecard(owner: object, account: object) -> None:
    rival = CompetitorFactory(name="华为")
    scorecard_submit(
        actor=owner,
        account=account,
        data=ScorecardInput(
            period="2026",
            assessed_on=date(2026, 3, 1),
            attractiveness_answers=attractiveness_answers(owner, EXAMPLE_ATTRACTIVENESS),
            strength_answers=strength_answers(owner, EXAMPLE_US, {rival: EXAMPLE_COMPETITOR}),
            figures=ScorecardFigures(Decimal("1000000"), Decimal("3000000"), Decimal("9000000")),
        ),
    )
    ratio = metric_value("strength_ratio", account, date(2026, 3, 1))
    # the spec's example: us 7.2, the best competitor 6.8
    assert ratio.value == pytest.approx(7.2 / 6.8)
    assert ratio.as_of == date(2026, 3, 1)


def test_it_reads_coverage_today_and_from_the_kpi_check_in_the_past(
    owner: object, account: object
) -> None:
    _records(account, owner)  # 2 target cells, 1 covered
    check = kpi_check_record(
        actor=owner, account=account, period=f"{TODAY.year}", on=TODAY - timedelta(days=10)
    )
    today = metric_value("coverage_rate", account, TODAY)
    past = metric_value("coverage_rate", account, TODAY - timedelta(days=5))
    assert (today.value, today.as_of, today.source) == (50.0, TODAY, "1 of 2 target cells covered")
    assert (past.value, past.as_of) == (50.0, TODAY - timedelta(days=10))
    assert metric_value("coverage_rate", account, TODAY - timedelta(days=11)).value is None
    score = metric_value("kpi_score", account, TODAY)
    assert score.value == check.exact_total
    assert metric_value("kpi_score", account, TODAY - timedelta(days=11)).value is None


def test_it_counts_the_usable_cards_of_the_key_persons(owner: object, account: object) -> None:
    first = ContactFactory(account=account, is_key_person=True, decision_focus=["price"])
    ContactFactory(account=account, is_key_person=True)
    ContactFactory(account=account, is_key_person=False)
    KeyPersonCard.objects.create(
        contact=first, account=account, job_kpis="降本", current_priorities="数字化",
        problems_owned="停电", success_criteria="可靠", primary_need="esteem",
        attitude_to_change="early_adopter", our_touchpoints="月度拜访",
    )  # fmt: skip
    cards = metric_value("cards_complete", account, TODAY)
    # 7 of 10 required fields filled (no style, no plan): usable at 70 %; the other has no card
    assert (cards.value, cards.source) == (50.0, "1 of 2 key persons have a usable card.")
    assert metric_value("cards_complete", account, TODAY - timedelta(days=1)).value is None


@given(
    st.lists(
        st.sampled_from(["2025", "2025-H2", "2025-Q4", "2026", "2026-Q1", "2026-Q2", "2026-H2"]),
        min_size=1,
    ),
    st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 6, 1)),
)
def test_it_never_picks_a_period_that_had_not_begun(periods: list[str], on: date) -> None:
    chosen = period_as_of(periods, on)
    begun = [period for period in periods if period_window(period)[0] <= on]
    assert (chosen is None) == (not begun)
    if chosen is not None:
        assert period_window(chosen)[0] <= on
        assert chosen == max(begun)

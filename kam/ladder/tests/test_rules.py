"""The ladder rule, the level index and the evidence cap (T7.3), on the one engine."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.assessments import engine
from kam.assessments.defaults import KEY_PERSON_LADDER
from kam.ladder.rules import (
    apply_evidence_cap,
    evidence_counts,
    evidence_window_months,
    support_for_level,
)

CODES = [item["code"] for item in KEY_PERSON_LADDER["criteria"]]
SPEC = engine.TemplateSpec(
    criteria=tuple(engine.CriterionSpec(code, 1.0, 0.0, 2.0) for code in CODES),
    aggregation=engine.LADDER,
    parameters=KEY_PERSON_LADDER["parameters"],
)
ASSESSED_ON = date(2026, 6, 30)


def _score(values: list[int | None]) -> engine.Result:
    answers = [engine.Answer(code, value) for code, value in zip(CODES, values, strict=True)]
    return engine.score(SPEC, answers)


def test_it_orders_the_default_rungs_from_brand_recognition_to_competitive_stance() -> None:
    assert CODES == [
        "brand_recognition",
        "access_participation",
        "info_sharing",
        "business_guidance",
        "key_event_support",
        "competitive_stance",
    ]
    assert KEY_PERSON_LADDER["criteria"][3]["label_zh"] == "业务指导"
    assert set(KEY_PERSON_LADDER["criteria"][0]["anchors"]) == {"0", "1", "2"}


@pytest.mark.parametrize(
    ("values", "level"),
    [
        ([2, 2, 1, 0, 0, 0], 3),
        ([1, 1, 1, 1, 1, 1], 6),
        ([0, 2, 2, 2, 2, 2], 0),  # rung 1 missing: level 0 whatever is above
        ([2, 2, 0, 2, 2, 2], 2),  # a gap stops the ladder
        ([2, 1, 2, 1, 0, 1], 4),
        ([0, 0, 0, 0, 0, 0], 0),
    ],
)
def test_it_reaches_the_largest_level_whose_rungs_all_score_at_least_one(
    values: list[int], level: int
) -> None:
    # given the scores of the six rungs, when scored on the engine
    result = _score(values)
    # then the level is the count of consecutive rungs from the bottom with score ≥ 1
    assert result.figures["level"] == level


def test_it_stops_the_ladder_at_an_unanswered_rung() -> None:
    assert _score([2, 2, None, 2, 2, 2]).figures["level"] == 2


@pytest.mark.parametrize(
    ("values", "index"),
    [
        ([2, 2, 1, 0, 0, 0], 21.43),  # (2·1 + 2·2 + 1·3) / (2·21) · 100 = 9/42
        ([2, 2, 2, 2, 2, 2], 100.0),
        ([0, 0, 0, 0, 0, 0], 0.0),
        ([1, 1, 1, 1, 1, 1], 50.0),
        ([0, 0, 0, 0, 0, 2], 28.57),  # 12/42
        ([2, 0, 0, 0, 0, 0], 4.76),  # 2/42
    ],
)
def test_it_computes_the_position_weighted_level_index(values: list[int], index: float) -> None:
    result = _score(values)
    assert round(result.total, 2) == index
    assert result.figures["level_index"] == result.total


def test_it_keeps_the_old_ladder_total_without_the_level_index_parameter() -> None:
    spec = engine.TemplateSpec(
        criteria=SPEC.criteria, aggregation=engine.LADDER, parameters={"rung_threshold": 50}
    )
    answers = [engine.Answer(code, 2) for code in CODES[:3]]
    result = engine.score(spec, answers)
    assert result.total == 50.0
    assert "level_index" not in result.figures


SCORES = st.lists(st.integers(min_value=0, max_value=2), min_size=6, max_size=6)


@given(SCORES)
def test_it_keeps_the_level_index_between_0_and_100(values: list[int]) -> None:
    assert 0 <= _score(values).total <= 100


@given(SCORES, st.integers(min_value=0, max_value=5))
def test_it_never_lowers_the_index_or_level_when_a_score_rises(
    values: list[int], position: int
) -> None:
    raised = list(values)
    raised[position] = min(2, raised[position] + 1)
    before, after = _score(values), _score(raised)
    assert after.total >= before.total
    assert after.figures["level"] >= before.figures["level"]


OPTIONAL_SCORES = st.lists(
    st.one_of(st.none(), st.integers(min_value=0, max_value=2)), min_size=6, max_size=6
)


@given(OPTIONAL_SCORES)
def test_it_never_reaches_beyond_the_answered_consecutive_rungs(values: list[int | None]) -> None:
    answered = 0
    for value in values:
        if value is None or value < 1:
            break
        answered += 1
    assert _score(values).figures["level"] == answered


def test_it_keeps_a_two_with_evidence_eleven_months_old() -> None:
    scores = {"info_sharing": 2}
    dates = {"info_sharing": [ASSESSED_ON - timedelta(days=335)]}
    assert apply_evidence_cap(scores, dates, ASSESSED_ON, 12) == ({"info_sharing": 2}, [])


def test_it_caps_a_two_with_evidence_thirteen_months_old_at_one() -> None:
    scores = {"info_sharing": 2, "brand_recognition": 2}
    dates = {
        "info_sharing": [ASSESSED_ON - timedelta(days=396)],
        "brand_recognition": [ASSESSED_ON],
    }
    capped, rungs = apply_evidence_cap(scores, dates, ASSESSED_ON, 12)
    assert capped == {"info_sharing": 1, "brand_recognition": 2}
    assert rungs == ["info_sharing"]


def test_it_caps_a_two_without_evidence_and_leaves_ones_and_zeros_alone() -> None:
    scores = {"a": 2, "b": 1, "c": 0}
    assert apply_evidence_cap(scores, {}, ASSESSED_ON, 12) == ({"a": 1, "b": 1, "c": 0}, ["a"])


def test_it_counts_no_evidence_dated_after_the_assessment() -> None:
    later = ASSESSED_ON + timedelta(days=1)
    assert apply_evidence_cap({"a": 2}, {"a": [later]}, ASSESSED_ON, 12) == ({"a": 1}, ["a"])
    assert evidence_counts(ASSESSED_ON, ASSESSED_ON, 12) is True


@pytest.mark.parametrize(
    ("occurred_on", "assessed_on", "counts"),
    [
        # the case: 2024 is a leap year, so 2023-03-01 is 366 days before 2024-03-01
        (date(2023, 2, 28), date(2024, 3, 1), False),  # just outside the 12 months
        (date(2023, 3, 1), date(2024, 3, 1), True),  # on the window's first day
        (date(2023, 3, 2), date(2024, 3, 1), True),  # just inside
        (date(2024, 3, 2), date(2024, 3, 1), False),  # after the assessment
        # a shorter month: 12 months before 2024-02-29 is 2023-02-28
        (date(2023, 2, 27), date(2024, 2, 29), False),
        (date(2023, 2, 28), date(2024, 2, 29), True),
        (date(2023, 3, 1), date(2024, 2, 29), True),
    ],
)
def test_it_counts_the_window_in_calendar_months(
    occurred_on: date, assessed_on: date, counts: bool
) -> None:
    assert evidence_counts(occurred_on, assessed_on, 12) is counts
    expected = ({"a": 2}, []) if counts else ({"a": 1}, ["a"])
    assert apply_evidence_cap({"a": 2}, {"a": [occurred_on]}, assessed_on, 12) == expected


@pytest.mark.parametrize(
    ("parameters", "months"),
    [
        ({"evidence_window_months": 6}, 6),
        ({"evidence_window_days": 365}, 12),  # a version seeded before the months parameter
        ({"evidence_window_days": 182}, 6),
        ({"evidence_window_days": 730, "evidence_window_months": 18}, 18),
        ({}, 12),
    ],
)
def test_it_reads_the_window_in_months_from_old_and_new_versions(
    parameters: dict, months: int
) -> None:
    assert evidence_window_months(parameters) == months


@given(
    st.dictionaries(st.sampled_from(CODES), st.integers(min_value=0, max_value=2)),
    st.lists(st.integers(min_value=-30, max_value=800)),
)
def test_it_only_ever_lowers_a_two_to_one(scores: dict[str, int], ages: list[int]) -> None:
    dates = {code: [ASSESSED_ON - timedelta(days=age) for age in ages] for code in scores}
    capped, rungs = apply_evidence_cap(scores, dates, ASSESSED_ON, 12)
    for code, value in scores.items():
        assert capped[code] == (1 if code in rungs else value)
        assert code not in rungs or value == 2


@pytest.mark.parametrize(("level", "support"), [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (6, 2)])
def test_it_derives_support_from_the_level(level: int, support: int) -> None:
    mapping = KEY_PERSON_LADDER["parameters"]["support_by_level"]
    assert support_for_level(level, mapping) == support

"""The KPI formulas (T10.3) by exact value from hand-worked examples, and their properties."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.assessments import engine
from kam.assessments.defaults import BROAD_KPI
from kam.kpis import rules
from kam.kpis.selectors import period_window, quarter_of


def _spec() -> engine.TemplateSpec:
    return engine.TemplateSpec(
        criteria=tuple(
            engine.CriterionSpec(code=item["code"], weight=1.0, scale_min=0, scale_max=1000)
            for item in BROAD_KPI["criteria"]
        ),
        aggregation=engine.SPECIAL,
        special_formula="kpi_score",
        bands=tuple(engine.Band(band["lower_bound"], band["code"]) for band in BROAD_KPI["bands"]),
        parameters=BROAD_KPI["parameters"],
    )


def test_it_works_out_achievement_with_the_inverted_lower_is_better_kpi() -> None:
    assert rules.kpi_achievement(60, 80, lower_is_better=False) == pytest.approx(75.0)
    # response time 36 h against ≤ 24 h: 24 / 36 = 66.67 %
    assert rules.kpi_achievement(36, 24, lower_is_better=True) == pytest.approx(66.6667, abs=1e-4)
    # 12 h against ≤ 24 h: 200 % (the engine caps it at 120 %)
    assert rules.kpi_achievement(12, 24, lower_is_better=True) == pytest.approx(200.0)
    assert rules.kpi_achievement(0, 24, lower_is_better=True) == rules.ACHIEVEMENT_CEILING
    assert rules.kpi_achievement(None, 24, lower_is_better=False) is None
    assert rules.kpi_achievement(5, None, lower_is_better=False) is None


def test_it_scores_kpis_with_the_cap_at_1_2() -> None:
    # coverage 75 %, response 66.67 %, frequency 100/85 = 117.65 %, supporters 150 % → 120 %
    answers = [
        engine.Answer("coverage_rate", 75.0),
        engine.Answer("response_time", 200 / 3),
        engine.Answer("contact_frequency", 100 / 85 * 100),
        engine.Answer("supporter_share", 150.0),
    ]
    result = engine.score(_spec(), answers)
    expected = (75 + 200 / 3 + 100 / 85 * 100 + 120) / 4
    assert result.total == pytest.approx(expected)
    assert round(result.total, 2) == 94.83
    assert result.band == "amber"
    capped = {row.code: row.normalised for row in result.criteria}
    assert capped["supporter_share"] == 120.0
    assert engine.score(_spec(), [engine.Answer("coverage_rate", 100.0)]).band == "green"
    assert engine.score(_spec(), [engine.Answer("coverage_rate", 79.99)]).band == "red"
    assert engine.score(_spec(), [engine.Answer("coverage_rate", 80.0)]).band == "amber"


def test_it_works_out_shares_satisfaction_and_median_response() -> None:
    assert rules.share_percent(3, 4) == 75.0
    assert rules.share_percent(0, 0) is None
    assert rules.satisfaction_percent([5, 4, 3]) == 75.0
    assert rules.satisfaction_percent([]) is None
    day = datetime.date(2026, 10, 1)
    spans = [
        (day, day),
        (day, day + datetime.timedelta(days=2)),
        (day, day + datetime.timedelta(days=1)),
    ]
    assert rules.median_response_hours(spans) == 24


def test_it_reads_period_windows() -> None:
    assert period_window("2026") == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert period_window("2026-H2") == (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))
    assert period_window("2026-Q1") == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert period_window("2026-Q4") == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert quarter_of(datetime.date(2026, 12, 7)) == "2026-Q4"
    # the last periods that have dates end on the calendar's last day (no day after it)
    assert period_window("9999-Q4") == (datetime.date(9999, 10, 1), datetime.date(9999, 12, 31))
    assert period_window("9999-H2") == (datetime.date(9999, 7, 1), datetime.date(9999, 12, 31))


achievements = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(st.lists(achievements, min_size=1, max_size=7))
def test_the_kpi_score_stays_between_0_and_the_cap(values: list[float]) -> None:
    codes = [item["code"] for item in BROAD_KPI["criteria"]]
    answers = [engine.Answer(code, value) for code, value in zip(codes, values, strict=False)]
    total = engine.score(_spec(), answers).total
    assert total is not None
    assert 0 <= total <= 120 + 1e-9


@given(achievements, achievements, st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_the_kpi_score_never_falls_when_an_achievement_rises(
    first: float, second: float, rise: float
) -> None:
    low = engine.score(_spec(), [engine.Answer("coverage_rate", first),
                                 engine.Answer("response_time", second)]).total  # fmt: skip
    high = engine.score(_spec(), [engine.Answer("coverage_rate", min(first + rise, 1000)),
                                  engine.Answer("response_time", second)]).total  # fmt: skip
    assert high >= low - 1e-9


@given(
    st.floats(min_value=0.01, max_value=10_000, allow_nan=False),
    st.floats(min_value=0.01, max_value=10_000, allow_nan=False),
    st.floats(min_value=0, max_value=10_000, allow_nan=False),
)
def test_a_lower_is_better_kpi_gains_when_its_actual_falls(
    actual: float, target: float, cut: float
) -> None:
    before = rules.kpi_achievement(actual, target, lower_is_better=True)
    after = rules.kpi_achievement(max(actual - cut, 0), target, lower_is_better=True)
    higher = rules.kpi_achievement(actual, target, lower_is_better=False)
    more = rules.kpi_achievement(actual + cut, target, lower_is_better=False)
    assert after >= before
    assert more >= higher
    assert 0 <= before <= rules.ACHIEVEMENT_CEILING

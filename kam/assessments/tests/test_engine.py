"""The scoring engine: worked examples computed by hand from the spec, and properties."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kam.assessments import engine
from kam.assessments.defaults import ATTRACTIVENESS, ORG_SCORE_SHEET, RELATIONSHIP_TEST, STRENGTH


def spec_of(definition: dict) -> engine.TemplateSpec:
    low, high = definition["scale"]
    return engine.TemplateSpec(
        criteria=tuple(
            engine.CriterionSpec(item["code"], float(item["weight"]), low, high, item["group"])
            for item in definition["criteria"]
        ),
        aggregation=definition["aggregation"],
        special_formula=definition.get("special_formula", ""),
        group_weights={k: float(v) for k, v in definition.get("group_weights", {}).items()},
        bands=tuple(engine.Band(b["lower_bound"], b["code"]) for b in definition.get("bands", [])),
        gates=tuple(
            engine.Gate(g["band_code"], g["minimums"]) for g in definition.get("gates", [])
        ),
    )


def answers(values: dict[str, float | None], assessor: str = "a") -> list[engine.Answer]:
    return [engine.Answer(code, value, assessor) for code, value in values.items()]


ORG_ITEMS = [item["code"] for item in ORG_SCORE_SHEET["criteria"]]


def org_answers(*scores: float | None) -> list[engine.Answer]:
    return answers(dict(zip(ORG_ITEMS, scores, strict=True)))


def test_it_lowers_the_org_band_when_matching_misses_its_gate() -> None:
    # given 沟通 4,3,5 · 匹配 2,2,3 · 联合 4,4,4 · 认同 5,4,4 (0–5)
    result = engine.score(spec_of(ORG_SCORE_SHEET), org_answers(4, 3, 5, 2, 2, 3, 4, 4, 4, 5, 4, 4))
    # then dimensions are mean/5·100 and the total their mean
    assert result.groups == pytest.approx(
        {"communication": 80.0, "matching": 140 / 3, "joint": 80.0, "identification": 260 / 3}
    )
    assert result.total == pytest.approx(220 / 3)  # 73.33
    # and 战略合作 needs 匹配 ≥ 50: 46.67 lowers it to 普通合作
    assert result.band_before_gates == "interdependent"
    assert result.band == "cooperative"
    assert result.gates_applied == (
        engine.GateEffect("interdependent", "cooperative", "matching", 50.0, 140 / 3),
    )
    assert sum(row.contribution for row in result.criteria) == pytest.approx(result.total)


def test_it_walks_down_two_gates_from_partner_level() -> None:
    result = engine.score(spec_of(ORG_SCORE_SHEET), org_answers(5, 5, 5, 5, 5, 5, 3, 3, 3, 5, 5, 5))
    assert result.total == pytest.approx(90.0)
    assert result.band_before_gates == "integrated"
    assert result.band == "interdependent"  # 联合 60 < 70; 匹配 100 passes the next gate
    assert [effect.group for effect in result.gates_applied] == ["joint"]


def test_it_marks_an_assessment_incomplete_and_never_counts_blanks_as_zero() -> None:
    # given the 认同 items unanswered: 9 of 12 items, 75 % of the weight < 80 %
    result = engine.score(
        spec_of(ORG_SCORE_SHEET), org_answers(4, 3, 5, 2, 2, 3, 4, 4, 4, None, None, None)
    )
    assert result.completeness == pytest.approx(0.75)
    assert result.is_complete is False
    assert result.flags == ("incomplete",)
    # the total is the mean of the three answered dimensions, not dragged down by zeros
    assert result.total == pytest.approx((80 + 140 / 3 + 80) / 3)
    assert "identification" not in result.groups


def test_it_scores_attractiveness_as_in_the_spec() -> None:
    values = {
        "wallet_size": 8, "profitability": 6, "credit_health": 7, "growth_potential": 9,
        "share_headroom": 5, "needs_fit": 8, "strategic_fit": 10, "reference_value": 4,
    }  # fmt: skip
    result = engine.score(spec_of(ATTRACTIVENESS), answers(values))
    # Σ wᵢ(sᵢ − 1)/9·100 / Σ wᵢ = 623/9
    assert result.total == pytest.approx(623 / 9)
    assert result.band == "high"
    assert result.groups["strategic"] == pytest.approx((15 * 100 + 15 * 3 / 9 * 100) / 30)


def test_it_scores_relative_strength_against_the_best_competitor() -> None:
    codes = [item["code"] for item in STRENGTH["criteria"]]
    given_answers = [
        *[engine.Answer(c, v, "a") for c, v in zip(codes, [8, 6, 7, 7, 8], strict=True)],
        *[engine.Answer(c, v, "a", "A") for c, v in zip(codes, [7, 8, 6, 6, 7], strict=True)],
        *[engine.Answer(c, v, "a", "B") for c, v in zip(codes, [6, 5, 6, 5, 6], strict=True)],
    ]
    result = engine.score(spec_of(STRENGTH), given_answers)
    assert result.figures["score_us"] == pytest.approx(7.2)
    assert result.figures["score_by_competitor"] == pytest.approx({"A": 6.8, "B": 5.6})
    assert result.figures["best_competitor"] == "A"
    assert result.figures["strength_ratio"] == pytest.approx(7.2 / 6.8)
    assert result.total == pytest.approx(50 + 50 * math.log(7.2 / 6.8, 3))  # 52.60
    assert result.band == "ahead"


@pytest.mark.parametrize(
    ("ratio", "expected"), [(1 / 3, 0.0), (1.0, 50.0), (3.0, 100.0), (9.0, 100.0), (0.1, 0.0)]
)
def test_it_maps_the_strength_ratio_on_a_log3_scale(ratio: float, expected: float) -> None:
    assert engine.strength_score_from_ratio(ratio) == pytest.approx(expected)


def test_it_leaves_strength_unscored_without_competitor_scores() -> None:
    codes = [item["code"] for item in STRENGTH["criteria"]]
    result = engine.score(spec_of(STRENGTH), answers(dict.fromkeys(codes, 7)))
    assert result.total is None
    assert result.is_complete is False


def test_it_bands_the_relationship_test_into_a_stage() -> None:
    codes = [item["code"] for item in RELATIONSHIP_TEST["criteria"]]
    result = engine.score(
        spec_of(RELATIONSHIP_TEST), answers(dict(zip(codes, [4, 4, 3, 3, 4, 3, 4, 5], strict=True)))
    )
    assert result.total == pytest.approx(68.75)  # mean 3.75 on 1–5
    assert result.band == "interdependent"


def test_it_averages_several_assessors_and_keeps_their_spread() -> None:
    spec = spec_of(RELATIONSHIP_TEST)
    result = engine.score(
        spec, [engine.Answer("trust", 3, "first"), engine.Answer("trust", 5, "second")]
    )
    trust = result.criteria[0]
    assert trust.raw_mean == 4
    assert trust.normalised == pytest.approx(75.0)
    assert trust.spread == pytest.approx(25.0)
    assert trust.answers == 2


def test_it_scores_a_ladder_by_consecutive_rungs() -> None:
    spec = engine.TemplateSpec(
        criteria=tuple(engine.CriterionSpec(f"r{n}", 1, 0, 4) for n in range(6)),
        aggregation=engine.LADDER,
        parameters={"rung_threshold": 75},
    )
    result = engine.score(spec, answers({"r0": 4, "r1": 3, "r2": 2, "r3": 4}))
    assert result.figures == {"level": 2, "rungs": 6}
    assert result.total == pytest.approx(200 / 6)


def test_it_picks_the_band_with_the_highest_lower_bound_not_above_the_score() -> None:
    bands = (engine.Band(0, "a"), engine.Band(40, "b"), engine.Band(60, "c"))
    assert [engine.band_for(s, bands) for s in (0, 39.99, 40, 59.9, 60, 100)] == [
        "a", "a", "b", "b", "c", "c",
    ]  # fmt: skip
    assert engine.band_for(None, bands) == ""


# --- properties -------------------------------------------------------------------------------

weights = st.lists(st.floats(min_value=0.1, max_value=100), min_size=1, max_size=10)


@st.composite
def weighted_case(draw: st.DrawFn) -> tuple[engine.TemplateSpec, list[engine.Answer]]:
    criterion_weights = draw(weights)
    spec = engine.TemplateSpec(
        criteria=tuple(
            engine.CriterionSpec(f"c{i}", w, 0, 5) for i, w in enumerate(criterion_weights)
        )
    )
    values = draw(
        st.lists(
            st.one_of(st.none(), st.integers(0, 5)),
            min_size=len(criterion_weights),
            max_size=len(criterion_weights),
        )
    )
    return spec, [engine.Answer(f"c{i}", v) for i, v in enumerate(values)]


@given(weighted_case())
def test_totals_stay_between_0_and_100(case: tuple) -> None:
    spec, given_answers = case
    result = engine.score(spec, given_answers)
    if result.total is not None:
        assert -1e-9 <= result.total <= 100 + 1e-9
        assert sum(row.contribution for row in result.criteria) == pytest.approx(result.total)
    assert 0 <= result.completeness <= 1 + 1e-9


@given(weighted_case(), st.data())
def test_totals_rise_when_any_score_rises(case: tuple, data: st.DataObject) -> None:
    spec, given_answers = case
    answered = [i for i, a in enumerate(given_answers) if a.value is not None and a.value < 5]
    assume(answered)
    index = data.draw(st.sampled_from(answered))
    raised = list(given_answers)
    raised[index] = engine.Answer(raised[index].criterion_code, raised[index].value + 1)
    before = engine.score(spec, given_answers).total
    after = engine.score(spec, raised).total
    assert after >= before - 1e-9
    assert after > before or spec.criteria[index].weight == 0


@given(weighted_case(), st.floats(min_value=0.01, max_value=1000))
def test_totals_do_not_change_when_all_weights_scale(case: tuple, factor: float) -> None:
    spec, given_answers = case
    scaled = engine.TemplateSpec(
        criteria=tuple(
            engine.CriterionSpec(c.code, c.weight * factor, c.scale_min, c.scale_max)
            for c in spec.criteria
        )
    )
    first = engine.score(spec, given_answers)
    second = engine.score(scaled, given_answers)
    if first.total is None:
        assert second.total is None
    else:
        assert second.total == pytest.approx(first.total)
    assert second.completeness == pytest.approx(first.completeness)


@given(
    st.lists(st.integers(0, 5), min_size=12, max_size=12),
    st.floats(min_value=0.1, max_value=10),
)
def test_group_weighted_totals_are_weight_invariant_and_bounded(
    scores: list[int], factor: float
) -> None:
    spec = spec_of(ORG_SCORE_SHEET)
    scaled = engine.TemplateSpec(
        criteria=spec.criteria,
        group_weights={k: v * factor for k, v in spec.group_weights.items()},
        bands=spec.bands,
        gates=spec.gates,
    )
    first = engine.score(spec, org_answers(*scores))
    assert 0 <= first.total <= 100
    assert engine.score(scaled, org_answers(*scores)).total == pytest.approx(first.total)


def test_gates_are_cumulative_like_ladder_rungs() -> None:
    # given 联合 and 认同 high enough for 伙伴合作 but 匹配 below 战略合作's gate
    result = engine.score(spec_of(ORG_SCORE_SHEET), org_answers(5, 5, 5, 2, 1, 3, 5, 5, 5, 5, 5, 5))
    assert result.total == pytest.approx(85.0)
    assert result.band_before_gates == "integrated"
    # then it walks down past 战略合作 too, each step explained
    assert result.band == "cooperative"
    assert [(e.from_band, e.to_band, e.group) for e in result.gates_applied] == [
        ("integrated", "interdependent", "matching"),
        ("interdependent", "cooperative", "matching"),
    ]

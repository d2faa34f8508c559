"""Red flags, account figures and row status (T8.3): each rule, a positive and a negative case."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.powermap.rules import (
    Flag,
    Person,
    complacent_economic_buyer,
    enemy_key_person,
    figures,
    level_mismatch,
    new_player,
    no_coach,
    red_flags,
    row_status,
    single_threaded,
    strong_opponent,
    uncovered_base,
)

TODAY = date(2026, 11, 26)


def _person(name: str = "王", **values: object) -> Person:
    return Person(id=hash(name) % 10_000, name=name, **values)


def test_it_flags_each_buying_role_that_nobody_covers() -> None:
    # given a decider we met once, a technical buyer we never met and no user buyer
    people = [
        _person("张", decision_roles=("decider",), coverage="brief"),
        _person("李", buying_influence="technical_buyer", coverage="no_contact"),
    ]
    # then the technical and user roles are uncovered, the decider is not
    assert uncovered_base(people) == [
        Flag("uncovered_base", "technical"),
        Flag("uncovered_base", "user"),
    ]


def test_it_does_not_flag_a_base_covered_by_roles_or_buying_influences() -> None:
    people = [
        _person("张", buying_influence="economic_buyer", coverage="in_depth"),
        _person("李", decision_roles=("gatekeeper",), coverage="multiple"),
        _person("赵", decision_roles=("user", "influencer"), coverage="brief"),
    ]
    assert uncovered_base(people) == []


def test_it_flags_a_map_without_a_coach() -> None:
    people = [_person("张", support=1, level=3), _person("李", support=None, level=None)]
    assert no_coach(people) == [Flag("no_coach")]


@pytest.mark.parametrize("values", [{"support": 2}, {"support": 0, "level": 4}])
def test_it_finds_a_coach_by_support_or_by_ladder_level(values: dict) -> None:
    assert no_coach([_person("张", **values)]) == []


def test_it_flags_a_strong_opponent() -> None:
    people = [_person("张", influence=7, support=-1), _person("李", influence=9, support=0)]
    assert strong_opponent(people) == [Flag("strong_opponent", people=("张",))]


def test_it_does_not_flag_a_weak_opponent_or_an_unrated_person() -> None:
    people = [_person("张", influence=6, support=-2), _person("李", influence=9, support=None)]
    assert strong_opponent(people) == []


def test_it_flags_an_enemy_among_key_persons_only() -> None:
    people = [
        _person("张", is_key_person=True, support=-2),
        _person("李", is_key_person=False, support=-2),
        _person("赵", is_key_person=True, support=-1),
    ]
    assert enemy_key_person(people) == [Flag("enemy_key_person", people=("张",))]
    assert enemy_key_person(people[1:]) == []


def test_it_flags_a_complacent_economic_buyer() -> None:
    people = [
        _person("张", buying_influence="economic_buyer", response_mode="overconfident"),
        _person("李", buying_influence="user_buyer", response_mode="even_keel"),
    ]
    assert complacent_economic_buyer(people) == [Flag("complacent_economic_buyer", people=("张",))]
    growth = [_person("张", buying_influence="economic_buyer", response_mode="growth")]
    assert complacent_economic_buyer(growth) == []


def test_it_flags_fewer_than_three_deep_threads() -> None:
    people = [
        _person("张", coverage="in_depth"),
        _person("李", coverage="multiple"),
        _person("赵", coverage="brief"),
    ]
    assert single_threaded(people) == [Flag("single_threaded", qualifier="2")]
    assert single_threaded([*people, _person("钱", coverage="multiple")]) == []


def test_it_flags_a_key_person_who_is_new_in_the_last_90_days() -> None:
    people = [
        _person("张", is_key_person=True, key_person_since=date(2026, 8, 28)),  # 90 days ago
        _person("李", is_key_person=True, key_person_since=date(2026, 8, 27)),  # 91 days ago
        _person("赵", is_key_person=False, key_person_since=date(2026, 11, 1)),
    ]
    assert new_player(people, TODAY) == [Flag("new_player", people=("张",))]
    assert new_player(people[1:], TODAY) == []


def test_it_flags_an_owner_two_levels_below_the_contact() -> None:
    people = [
        _person("张", seniority="executive", owner_name="小刘", owner_seniority="operational"),
        _person("李", seniority="executive", owner_name="老王", owner_seniority="middle"),
        _person("赵", seniority="executive"),
    ]
    assert level_mismatch(people) == [Flag("level_mismatch", people=("张 ↔ 小刘",))]
    assert level_mismatch(people[1:]) == []


def test_it_collects_every_flag_in_the_spec_order() -> None:
    people = [
        _person(
            "张",
            is_key_person=True,
            influence=8,
            support=-2,
            buying_influence="economic_buyer",
            response_mode="even_keel",
            coverage="brief",
            key_person_since=TODAY,
            seniority="executive",
            owner_name="小刘",
            owner_seniority="operational",
        )
    ]
    codes = [flag.code for flag in red_flags(people, TODAY)]
    assert codes == [
        "uncovered_base",
        "uncovered_base",
        "no_coach",
        "strong_opponent",
        "enemy_key_person",
        "complacent_economic_buyer",
        "single_threaded",
        "new_player",
        "level_mismatch",
    ]


def test_it_computes_the_account_figures_by_exact_value() -> None:
    # given three key persons and one other contact
    people = [
        _person(
            "张",
            is_key_person=True,
            influence=8,
            support=2,
            level=4,
            level_index=60,
            target_level=5,
        ),  # fmt: skip
        _person(
            "李",
            is_key_person=True,
            influence=4,
            support=-1,
            level=2,
            level_index=30,
            target_level=2,
        ),  # fmt: skip
        _person("赵", is_key_person=True, influence=None, support=1, level=None),
        _person("钱", is_key_person=False, influence=10, support=-2, level=6, level_index=100),
    ]
    result = figures(people)
    assert result.key_persons == 3
    # (8·60 + 4·30) / (8 + 4) = 600 / 12
    assert result.key_person_index == pytest.approx(50.0)
    # 张 is at level ≥ 3; 李 and 赵 are not
    assert result.key_coverage == pytest.approx(1 / 3)
    # (8·2 + 4·(−1)) / 12 = 1.0 (赵 has no influence, 钱 is not a key person)
    assert result.support_balance == pytest.approx(1.0)
    # 李 reached the target, 张 did not; 赵 has none
    assert result.goal_attainment == pytest.approx(0.5)


def test_it_leaves_the_figures_empty_without_key_persons() -> None:
    result = figures([_person("钱", influence=10, support=1)])
    assert result.key_persons == 0
    assert result.key_person_index is None
    assert result.key_coverage is None
    assert result.support_balance is None
    assert result.goal_attainment is None


@pytest.mark.parametrize(
    ("level", "target", "overdue", "status"),
    [
        (4, None, False, "no_target"),
        (4, 4, True, "on_track"),
        (3, 4, False, "at_risk"),
        (3, 4, True, "off_track"),
        (None, 2, False, "off_track"),
        (None, 1, False, "at_risk"),
    ],
)
def test_it_derives_the_row_status(
    level: int | None, target: int | None, overdue: bool, status: str
) -> None:
    assert row_status(level=level, target=target, has_overdue_action=overdue) == status


key_people = st.builds(
    Person,
    id=st.integers(0, 10_000),
    name=st.just("p"),
    is_key_person=st.just(True),
    influence=st.integers(0, 10) | st.none(),
    support=st.integers(-2, 2) | st.none(),
    level=st.integers(0, 6) | st.none(),
    level_index=st.floats(0, 100) | st.none(),
    target_level=st.integers(0, 6) | st.none(),
)


@given(st.lists(key_people, max_size=20))
def test_it_keeps_the_figures_within_their_ranges(people: list[Person]) -> None:
    result = figures(people)
    if result.key_person_index is not None:
        assert -1e-9 <= result.key_person_index <= 100 + 1e-9
    if result.support_balance is not None:
        assert -2 - 1e-9 <= result.support_balance <= 2 + 1e-9
    for share in (result.key_coverage, result.goal_attainment):
        if share is not None:
            assert 0 <= share <= 1

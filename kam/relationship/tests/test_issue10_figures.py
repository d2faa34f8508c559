"""Issue 10 items 2–4: T4 without trading, the key-person index carried forward, and the T2
disintegrating flag on the four T2 dimensions; each at, just below and just above its boundary."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.assessments import formulas
from kam.health.services import WalletInput, wallet_estimate_save
from kam.ladder.choices import DefaultRung
from kam.ladder.services import LadderInput, ladder_assess
from kam.people.services import contact_map_update
from kam.powermap.selectors import key_person_index_by_period, power_map
from kam.relationship.selectors import has_trading_relationship, relationship_overview
from kam.relationship.tests.test_relationship import ORG_CODES, TEST_CODES, score
from tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db

# --- item 2: T4 level without a trading relationship ------------------------------------------


def _wallet(owner: object, account: object, our_revenue: str, period: str = "2025") -> None:
    wallet_estimate_save(
        actor=owner,
        account=account,
        data=WalletInput(
            period=period,
            category_code="transformers",
            category_label="变压器",
            customer_total_spend=Decimal("1000000"),
            our_revenue=Decimal(our_revenue),
            currency="CNY",
        ),
    )


@pytest.mark.parametrize(
    ("current_revenue", "wallet_revenue", "has_trading", "level", "step"),
    [
        ("0", None, False, "exploratory", "exploratory"),  # no revenue at all
        ("0", "0", False, "exploratory", "exploratory"),  # a wallet record without our revenue
        ("0", "0.01", True, "integrated", "integrated"),  # revenue recorded for a past period
        ("0.01", None, True, "integrated", "integrated"),  # current revenue just above 0
    ],
)
def test_it_puts_an_account_without_trading_on_the_first_step_in_t4_and_t2(
    owner: object,
    current_revenue: str,
    wallet_revenue: str | None,
    has_trading: bool,
    level: str,
    step: str,
) -> None:
    # given an account scored 4 on every item of the sheet (伙伴合作 on the sheet alone)
    prospect = AccountFactory(owner=owner, current_revenue=Decimal(current_revenue))
    if wallet_revenue is not None:
        _wallet(owner, prospect, wallet_revenue)
    score(owner, prospect, "org_score_sheet", ORG_CODES, [4] * 12, "2026")
    # then the score sheet's level and the coordinate's step use one definition of trading
    assert has_trading_relationship(prospect) is has_trading
    current = relationship_overview(account=prospect).current
    assert (current.period, current.org_level, current.step) == ("2026", level, step)


def test_it_shows_the_exploratory_level_on_the_page_and_in_the_heat_table(
    client_for: object, owner: object
) -> None:
    prospect = AccountFactory(owner=owner, current_revenue=0, name="星河新能源")
    score(owner, prospect, "org_score_sheet", ORG_CODES, [4] * 12, "2026")
    page = client_for(owner).get(reverse("relationship:account", args=[prospect.uuid]))
    html = page.content.decode()
    assert (
        '<span class="badge level-exploratory" data-testid="org-level">Exploratory</span>' in html
    )
    assert 'data-testid="org-level-no-trading"' in html
    assert "whose items alone would give Integrated" in html
    heat = client_for(owner).get(reverse("relationship:portfolio") + "?period=2026")
    assert [row["level"] for row in heat.context["rows"]] == ["exploratory"]
    assert '<span class="badge level-exploratory">Exploratory</span>' in heat.content.decode()


# --- item 3: the key-person index carried forward ------------------------------------------------


def _ladder(period: str, scores: dict[str, int]) -> LadderInput:
    return LadderInput(
        period=period,
        assessed_on=date(min(int(period), 2026), 1, 10),  # never in the future
        scores=scores,
        evidence={},
        target_level=None,
        competitor_level=None,
    )


def _key_person(owner: object, account: object, influence: int, period: str) -> object:
    person = contact_map_update(
        actor=owner, contact=ContactFactory(account=account), data={"influence": influence}
    )
    person.is_key_person = True  # the key-person rule is not what this test is about
    person.save(update_fields=["is_key_person"])
    # rungs 1–2 partial, nothing higher: level_index = (1·50 + 2·50) / 21 = 7.14
    scores = dict.fromkeys(DefaultRung.values, 0) | {
        "brand_recognition": 1,
        "access_participation": 1,
    }
    ladder_assess(
        actor=owner,
        contact=person,
        data=_ladder(period, scores),
    )
    return person


@pytest.mark.parametrize(
    ("ladder_period", "expected"),
    [
        ("2025", 7.14),  # before the period: carried forward
        ("2026", 7.14),  # in the period itself
        ("2027", None),  # after the period: not yet known in 2026
    ],
)
def test_it_carries_the_key_person_index_forward_like_the_power_map(
    owner: object, account: object, ladder_period: str, expected: float | None
) -> None:
    # given a key person assessed on the ladder in one year only, and a score sheet in 2026
    _key_person(owner, account, 8, ladder_period)
    score(owner, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")
    # then the 2026 coordinate uses the latest snapshot on or before 2026
    points = {point.period: point for point in relationship_overview(account=account).points}
    index = key_person_index_by_period(account=account, periods=["2026"])
    assert index.get("2026") == (pytest.approx(expected) if expected is not None else None)
    assert ("key_person" in points["2026"].missing) is (expected is None)
    dimension = points["2026"].relationship_dimensions["key_person"]
    assert dimension == (pytest.approx(expected) if expected is not None else None)
    # and the power map shows the same index as current
    assert power_map(account=account).figures.key_person_index == pytest.approx(7.14)


def test_it_carries_each_person_forward_separately(owner: object, account: object) -> None:
    # given one key person assessed in 2025 (influence 8) and another in 2026 (influence 2)
    first = _key_person(owner, account, 8, "2025")
    _key_person(owner, account, 2, "2026")
    # and the first one re-assessed in 2027 at a higher level
    ladder_assess(
        actor=owner,
        contact=first,
        data=_ladder("2027", dict.fromkeys(DefaultRung.values, 1)),  # (1+…+6)·50/21 = 50
    )
    index = key_person_index_by_period(account=account, periods=["2024", "2026"])
    # 2024: nobody yet · 2025: first only · 2026: both at their latest · 2027: first moved up
    # (each person's ladder index as the ladder stores and shows it: 150/21 → 7.14)
    assert index == {
        "2025": pytest.approx(7.14),
        "2026": pytest.approx(7.14),
        "2027": pytest.approx((8 * 50 + 2 * 7.14) / 10),
    }
    assert power_map(account=account).figures.key_person_index == pytest.approx(index["2027"])


# --- item 4: disintegrating on the four T2 dimensions ---------------------------------------


def _dimensions(**values: float | None) -> dict[str, float | None]:
    return {"org": 60.0, "key_person": 60.0, "broad": None, "value": 60.0} | values


@pytest.mark.parametrize(
    ("position_now", "value_now", "expected"),
    [
        (45.0, 60.0, True),  # P fell exactly 15
        (45.01, 60.0, False),  # P fell 14.99
        (44.99, 60.0, True),  # P fell 15.01
        (60.0, 35.0, True),  # value fell exactly 25
        (60.0, 35.01, False),  # value fell 24.99
        (60.0, 34.99, True),  # value fell 25.01
    ],
)
def test_it_flags_disintegration_at_the_thresholds(
    position_now: float, value_now: float, expected: bool
) -> None:
    assert (
        formulas.is_disintegrating(position_now, 60.0, _dimensions(value=value_now), _dimensions())
        is expected
    )


@pytest.mark.parametrize("dimension", ["org", "key_person", "broad", "value"])
def test_it_watches_every_t2_dimension(dimension: str) -> None:
    before = dict.fromkeys(["org", "key_person", "broad", "value"], 80.0)
    assert formulas.is_disintegrating(70.0, 70.0, before | {dimension: 55.0}, before) is True
    assert formulas.is_disintegrating(70.0, 70.0, before | {dimension: 55.01}, before) is False


@pytest.mark.parametrize(
    ("values_2026", "expected"),
    [
        ([3] * 8, True),  # relationship test 75 → 50: the value dimension fell exactly 25
        ([3] * 7 + ["3.01"], False),  # 75 → 50.03: fell 24.97
        ([3] * 7 + ["2.99"], True),  # 75 → 49.97: fell 25.03
    ],
)
def test_it_flags_a_fall_of_the_value_dimension(
    owner: object, account: object, values_2026: list, expected: bool
) -> None:
    # given the same score sheet in both years and the relationship test (the health index)
    for period in ("2025", "2026"):
        score(owner, account, "org_score_sheet", ORG_CODES, [3] * 12, period)
    score(owner, account, "relationship_test", TEST_CODES, [4] * 8, "2025")
    score(owner, account, "relationship_test", TEST_CODES, values_2026, "2026")
    overview = relationship_overview(account=account)
    # then P fell less than 15 (0.3 of the value's fall, halved), only the value fell ≥ 25
    assert overview.previous.position - overview.current.position < 15
    assert overview.is_disintegrating is expected


def test_it_ignores_a_fall_of_a_t4_sub_dimension_alone(owner: object, account: object) -> None:
    # given 认同 falling from 100 to 20 while 沟通 rises from 40 to 80 (沟通 2→4, 认同 5→1)
    score(owner, account, "org_score_sheet", ORG_CODES, [2] * 3 + [3] * 6 + [5] * 3, "2025")
    score(owner, account, "org_score_sheet", ORG_CODES, [4] * 3 + [3] * 6 + [1] * 3, "2026")
    overview = relationship_overview(account=account)
    # then P stays at 60, the sheet's total falls 10: no T2 dimension fell ≥ 25
    assert (overview.previous.position, overview.current.position) == (
        pytest.approx(60),
        pytest.approx(60),
    )
    assert overview.previous.relationship_dimensions["org"] == pytest.approx(65)
    assert overview.current.relationship_dimensions["org"] == pytest.approx(55)
    assert overview.is_disintegrating is False

"""Issue 10 item 1: the category is decided on the exact scores; two places are for display only.

Attractiveness = (Σ wᵢ·sᵢ − 100) / 9 with the default weights (Σ w = 100), so the sums 639.97,
640.00 and 640.03 give 59.9967, 60 and 60.0033. Strength: every competitor score 9 and ours
weighted 8.9995, 9 or 9.0005 give the ratios 0.99994, 1 and 1.00006 (49.9975, 50, 50.0025).
"""

from decimal import Decimal

import pytest

from kam.scorecard.models import ScorecardPosition
from kam.scorecard.selectors import period_scores, portfolio_matrix, portfolio_settings_current
from kam.scorecard.services import portfolio_settings_update
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

# wallet_size (15), profitability (12), then six criteria weighing 73 in all, at 6.40
BELOW_60 = ("6.39", "6.41", *["6.40"] * 6)  # Σ w·s = 639.97 → 59.99667 (shows 60.00)
AT_60 = ("6.40",) * 8  # 640.00 → 60 exactly
ABOVE_60 = ("6.41", "6.39", *["6.40"] * 6)  # 640.03 → 60.00333
# product_tech (25), price_value (20), then 20, 20, 15; the competitor scores 9 everywhere
RATIO_BELOW_1 = ("8.99", "9.01", "9", "9", "9")  # 8.9995 / 9 = 0.99994 → strength 49.9975
RATIO_AT_1 = ("9",) * 5
RATIO_ABOVE_1 = ("9.01", "8.99", "9", "9", "9")  # 9.0005 / 9 → strength 50.0025


def _decimals(values: tuple[str, ...]) -> list[Decimal]:
    return [Decimal(value) for value in values]


def _submit(score: object, owner: object, account: object, attractiveness: tuple, us: tuple) -> str:
    outcome = score(
        owner,
        account,
        attractiveness=_decimals(attractiveness),
        us=_decimals(us),
        competitor=[Decimal(9)] * 5,
    )
    return outcome.category


@pytest.mark.parametrize(
    ("attractiveness", "us", "shown", "category"),
    [
        (BELOW_60, RATIO_BELOW_1, ("60.00", "50.00"), "streamline"),
        (BELOW_60, RATIO_AT_1, ("60.00", "50.00"), "status"),
        (AT_60, RATIO_BELOW_1, ("60.00", "50.00"), "star"),
        (AT_60, RATIO_AT_1, ("60.00", "50.00"), "strategic"),
        (ABOVE_60, RATIO_ABOVE_1, ("60.00", "50.00"), "strategic"),
        (ABOVE_60, RATIO_BELOW_1, ("60.00", "50.00"), "star"),
        (BELOW_60, RATIO_ABOVE_1, ("60.00", "50.00"), "status"),
    ],
)
def test_it_classifies_on_the_exact_scores_at_the_boundaries(
    owner: object,
    account: object,
    score: object,
    attractiveness: tuple,
    us: tuple,
    shown: tuple,
    category: str,
) -> None:
    # when the owner submits scores that round to the thresholds
    outcome_category = _submit(score, owner, account, attractiveness, us)
    # then the service, the account, the account's history and the matrix agree on the category
    account.refresh_from_db()
    assert (outcome_category, account.category) == (category, category)
    settings = portfolio_settings_current()
    history = period_scores(
        account=account, settings=settings, snapshots=list(account.assessments.all())
    )
    assert [(item.period, item.category) for item in history] == [("2026", category)]
    shown_totals = (
        str(history[0].attractiveness.total),
        str(history[0].strength.total),
    )
    assert shown_totals == shown
    matrix = portfolio_matrix(user=owner, settings=settings)
    assert [point.category for point in matrix.points] == [category]


def test_it_keeps_the_exact_scores_in_the_portfolio_read_model(
    owner: object, account: object, score: object
) -> None:
    _submit(score, owner, account, BELOW_60, RATIO_BELOW_1)
    position = ScorecardPosition.objects.get(account=account)
    assert position.attractiveness == pytest.approx(539.97 / 9, abs=1e-9)
    assert position.strength == pytest.approx(50 + 50 * __import__("math").log(8.9995 / 9, 3))
    assert position.strength < 50 < 60.0 > position.attractiveness


def test_it_shows_the_exact_category_in_the_api_with_rounded_scores(
    client_for: object, owner: object, account: object, score: object
) -> None:
    _submit(score, owner, account, BELOW_60, RATIO_BELOW_1)
    history = client_for(owner).get(f"/api/v1/accounts/{account.uuid}/scorecard").json()
    assert [(i["category"], i["attractiveness"], i["strength"]) for i in history["items"]] == [
        ("streamline", "60.00", "50.00")
    ]
    matrix = client_for(owner).get("/api/v1/portfolio/matrix").json()
    assert [(i["category"], i["attractiveness"], i["strength"]) for i in matrix["items"]] == [
        ("streamline", 60.0, 50.0)
    ]


def test_it_takes_the_portfolio_medians_of_the_exact_scores(
    owner: object, director: object, account: object, score: object
) -> None:
    # given three accounts: 59.99667, 60 and 60.00333 attractive, all with a ratio of 1
    portfolio_settings_update(actor=director, data={"threshold_mode": "portfolio_median"})
    others = [AccountFactory(name=name, owner=owner) for name in ("南方航空", "西部矿业")]
    for item, values in zip([account, *others], [BELOW_60, AT_60, ABOVE_60], strict=True):
        _submit(score, owner, item, values, RATIO_AT_1)
    # then the median is exactly 60: the account just below it is not attractive
    matrix = portfolio_matrix(user=director, settings=portfolio_settings_current())
    assert matrix.thresholds.attractiveness == pytest.approx(60.0, abs=1e-9)
    categories = {point.name: point.category for point in matrix.points}
    assert categories == {
        "华东电力集团": "status",
        "南方航空": "strategic",
        "西部矿业": "strategic",
    }
    account.refresh_from_db()
    assert account.category == "status"

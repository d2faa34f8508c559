"""The portfolio page: bubble matrix, category summary, key-account rule, heat table, .xlsx."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.accounts.models import Account
from kam.assessments.formulas import CategoryThresholds
from kam.scorecard.charts import key_account_gauge_option, matrix_option
from kam.scorecard.selectors import (
    MatrixPoint,
    PortfolioMatrix,
    category_policies,
    portfolio_settings_current,
)
from kam.scorecard.services import portfolio_settings_update
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

PORTFOLIO = reverse("scorecard:portfolio")


def _option(response: object, name: str) -> dict:
    html = response.content.decode()
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def _series(option: dict, name: str) -> dict:
    return next(series for series in option["series"] if series["name"] == name)


@pytest.fixture
def portfolio(owner: object, account: object, score: object) -> dict[str, object]:
    """Two periods of the fixture account and one more account scored in 2026 only."""
    score(owner, account, period="2025", attractiveness=(5,) * 8, revenue="800000")
    first = score(owner, account, period="2026", revenue="1000000", potential="4000000")
    other = AccountFactory(name="南方航空", owner=owner)
    second = score(
        owner, other, attractiveness=(3,) * 8, us=(8,) * 5, competitor=(5,) * 5, revenue="3000000"
    )
    return {"first": first, "second": second, "other": other}


def test_it_shows_an_empty_portfolio_with_what_to_do(client_for: object, owner: object) -> None:
    page = client_for(owner).get(PORTFOLIO).content.decode()
    assert "No account you can see has a scorecard yet." in page
    assert reverse("accounts:list") in page


def test_it_draws_the_matrix_of_the_latest_period(
    client_for: object, owner: object, account: object, portfolio: dict
) -> None:
    response = client_for(owner).get(PORTFOLIO)
    assert response.status_code == 200
    option = _option(response, "matrix-option")
    strategic = _series(option, "Strategic")
    # issue 10 item 16: one of the NAMED_BUBBLES largest, so its name is shown
    assert strategic["data"] == [
        {
            "name": "华东电力集团",
            "value": [52.6, 69.22, 1000000.0],
            "symbolSize": 32.3,
            "label": {"show": True},
        }
    ]
    status = _series(option, "Status")
    assert status["data"][0]["name"] == "南方航空"
    assert status["data"][0]["symbolSize"] == 56.0  # the biggest revenue gets the biggest bubble
    thresholds = _series(option, "Thresholds")
    assert thresholds["markLine"]["data"] == [{"xAxis": 50.0}, {"yAxis": 60.0}]
    trail = _series(option, "Position in 2025")
    assert trail["data"] == [{"coords": [[52.6, 44.44], [52.6, 69.22]]}]
    assert option["xAxis"]["inverse"] is False


def test_it_sizes_bubbles_by_potential_and_flips_the_axis_on_request(
    client_for: object, owner: object, portfolio: dict
) -> None:
    response = client_for(owner).get(PORTFOLIO + "?size=potential&strength_axis=left")
    option = _option(response, "matrix-option")
    assert _series(option, "Strategic")["data"][0]["symbolSize"] == 56.0
    assert option["xAxis"]["inverse"] is True


def test_it_shows_an_earlier_period_without_a_trail(
    client_for: object, owner: object, portfolio: dict
) -> None:
    option = _option(client_for(owner).get(PORTFOLIO + "?period=2025"), "matrix-option")
    assert [s["name"] for s in option["series"]][-1] == "Streamline"
    assert _series(option, "Status")["data"][0]["value"][:2] == [52.6, 44.44]


def test_it_summarises_categories_and_the_key_account_rule(
    client_for: object, owner: object, portfolio: dict
) -> None:
    page = re.sub(r"\s+", " ", client_for(owner).get(PORTFOLIO).content.decode())
    assert (
        '<td><span class="badge category-strategic">Strategic</span></td><td class="number">1</td>'
        '<td class="number">1,000,000</td><td class="number">25.0 %</td>'
    ) in page
    assert '<td class="number">3,000,000</td><td class="number">75.0 %</td>' in page
    assert "1 key account (strategic or star) in the whole portfolio." in page
    assert "Below the target band, which starts at 15." in page
    gauge = _option(client_for(owner).get(PORTFOLIO), "gauge-option")
    assert gauge["series"][0]["data"][0]["value"] == 1


def test_it_lists_the_heat_table_with_links_to_the_evidence(
    client_for: object, owner: object, portfolio: dict
) -> None:
    page = re.sub(r"\s+", " ", client_for(owner).get(PORTFOLIO).content.decode())
    link = reverse("scorecard:snapshot", args=[portfolio["first"].attractiveness.uuid])
    assert f'<a href="{link}">华东电力集团</a>' in page
    # wallet size 8 → normalised 77.8 → fourth colour; reference value 4 → 33.3 → second
    # (heat-band-N: the Nth of HEAT_COLOURS, kam/static/css/scales.css)
    assert '<td class="heat heat-band-3" title="78 / 100">8</td>' in page
    assert '<td class="heat heat-band-1" title="33 / 100">4</td>' in page
    assert "2 accounts scored in this period" in page


def test_it_answers_htmx_with_the_heat_table_only(
    client_for: object, owner: object, portfolio: dict
) -> None:
    response = client_for(owner).get(PORTFOLIO + "?page=1", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "heat-table" in html and "<html" not in html and "matrix-option" not in html


def test_it_shows_a_manager_only_their_accounts(
    client_for: object, outsider: object, portfolio: dict
) -> None:
    page = client_for(outsider).get(PORTFOLIO).content.decode()
    assert "No account you can see has a scorecard yet." in page
    assert "华东电力集团" not in page


def test_it_exports_the_heat_table_as_xlsx(
    client_for: object, owner: object, portfolio: dict
) -> None:
    response = client_for(owner).get(PORTFOLIO + "?period=2026&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="scorecard-2026.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Account", "Category", "Attractiveness (0–100)", "Relative strength (0–100)",
        "Strength ratio", "Currency", "Current revenue", "3-year potential revenue",
        "Category spend (wallet size)", "Profitability net of cost-to-serve",
        "Financial health & payment behaviour", "Customer's own growth",
        "Winnable headroom (1 − SOW)", "Fit of our offer to their needs",
        "Alignment with our strategy, openness to partnership",
        "Industry influence, reference & brand value",
    )  # fmt: skip
    assert rows[1] == (
        "华东电力集团", "Strategic", 69.22, 52.6, 1.059, "CNY", 1000000, 4000000,
        8, 6, 7, 9, 5, 8, 10, 4,
    )  # fmt: skip
    assert rows[2][:2] == ("南方航空", "Status")
    assert len(rows) == 3
    assert sheet["I2"].fill.start_color.rgb.endswith("A6F4C5")


def test_it_keeps_the_portfolio_of_the_median_mode(
    client_for: object, owner: object, director: object, portfolio: dict
) -> None:
    portfolio_settings_update(actor=director, data={"threshold_mode": "portfolio_median"})
    option = _option(client_for(owner).get(PORTFOLIO), "matrix-option")
    # medians of two accounts: attractiveness (69.22 + 22.22) / 2, strength (52.6 + 71.4) / 2
    assert _series(option, "Thresholds")["markLine"]["data"] == [{"xAxis": 62.0}, {"yAxis": 45.72}]
    assert Account.objects.get(name="南方航空").category == "status"


def _matrix_of(count: int) -> object:
    points = [
        MatrixPoint(
            index, None, f"A{index}", "CNY", None, 70.0, 60.0, None,
            Decimal(index + 1), Decimal(2 * index + 1), "strategic", (40.0, 50.0),
        )
        for index in range(count)
    ]  # fmt: skip
    return PortfolioMatrix(
        "2026", "2025", ["2026", "2025"], CategoryThresholds(), portfolio_settings_current(), points
    )


def test_it_starts_with_the_trails_hidden_in_a_large_portfolio() -> None:
    small = matrix_option(_matrix_of(300), category_policies())
    large = matrix_option(_matrix_of(301), category_policies())
    assert "selected" not in small["legend"]
    assert large["legend"]["selected"] == {"Position in 2025": False}
    assert len(_series(large, "Position in 2025")["data"]) == 301


def test_it_keeps_the_gauge_ticks_whole_numbers() -> None:
    settings = portfolio_settings_current()
    assert key_account_gauge_option(30, settings)["series"][0]["max"] == 60
    assert key_account_gauge_option(754, settings)["series"][0]["max"] == 760
    gauge = key_account_gauge_option(30, settings)["series"][0]
    assert gauge["axisLine"]["lineStyle"]["color"] == [
        [0.25, "#98a2b3"], [35 / 60, "#12b76a"], [50 / 60, "#f79009"], [1, "#b42318"],
    ]  # fmt: skip

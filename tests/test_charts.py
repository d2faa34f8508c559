"""Issue 10 item 16: readable charts. Labels are laid out without collisions, the portfolio matrix
names its largest bubbles and draws its trails as arrows, influence × support has integer support
ticks with the divider at 0, and every chart has an empty state that says what to enter."""

import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kam.assessments.formulas import CategoryThresholds
from kam.cards.charts import style_matrix_option
from kam.core.templatetags.chart_documents import is_figure
from kam.engagement.calendar.charts import year_map_option
from kam.engagement.figures.charts import mechanism_compliance_option
from kam.engagement.matching.charts import matching_funnel_option, matching_value_option
from kam.health import charts as health_charts
from kam.health.selectors import Parameters, PeriodHealth, PortfolioPoint
from kam.ladder.charts import history_option, ladder_option
from kam.lib.charts import CORNER_HOST, HIDE_OVERLAP, SPREAD_OVERLAP, empty_chart, is_empty_chart
from kam.powermap.charts import (
    coverage_gauge_option,
    influence_support_option,
    power_map_option,
)
from kam.scorecard.charts import (
    LARGEST_BUBBLE,
    NAMED_BUBBLES,
    matrix_option,
    radar_option,
    strength_option,
)
from kam.scorecard.selectors import (
    MatrixPoint,
    PortfolioMatrix,
    category_policies,
    portfolio_settings_current,
)

# --- the portfolio matrix ---------------------------------------------------------------------


def _matrix(count: int, *, previous: bool = True) -> PortfolioMatrix:
    """`count` accounts; account i has revenue i + 1, so the last ones are the largest."""
    points = [
        MatrixPoint(
            index, None, f"客户{index:03d}", "CNY", None, 70.0, 60.0, None,
            Decimal(index + 1), None, "strategic", (40.0, 50.0) if previous else None,
        )
        for index in range(count)
    ]  # fmt: skip
    return PortfolioMatrix(
        "2026",
        "2025" if previous else "",
        ["2026", "2025"],
        CategoryThresholds(),
        portfolio_settings_current(),
        points,
    )


def _bubbles(option: dict) -> list[dict]:
    return [item for s in option["series"] if s.get("dimensions") for item in s["data"]]


def _named(option: dict) -> list[str]:
    return [item["name"] for item in _bubbles(option) if item.get("label", {}).get("show")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "named"),
    [(NAMED_BUBBLES - 1, NAMED_BUBBLES - 1), (NAMED_BUBBLES, NAMED_BUBBLES),
     (NAMED_BUBBLES + 1, NAMED_BUBBLES)],
)  # fmt: skip
def test_the_matrix_names_its_largest_bubbles_only(count: int, named: int) -> None:
    option = matrix_option(_matrix(count), category_policies())
    assert len(_named(option)) == named
    # the smallest bubble (revenue 1) is the one left unnamed above N
    assert ("客户000" in _named(option)) is (count <= NAMED_BUBBLES)
    for series in (s for s in option["series"] if s.get("dimensions")):
        assert series["label"]["show"] is False  # the others…
        assert series["emphasis"]["label"] == {"show": True}  # …name themselves on hover
        assert series["labelLayout"] == HIDE_OVERLAP
        assert series["label"]["formatter"] == "{b}"  # the name as data: ECharts escapes it


@pytest.mark.django_db
def test_the_matrix_draws_trails_as_arrows_and_names_the_quadrants_in_the_corners() -> None:
    option = matrix_option(_matrix(3), category_policies())
    trail = next(s for s in option["series"] if s["type"] == "lines")
    assert trail["symbol"] == ["none", "arrow"]
    assert trail["data"][0] == {"coords": [[40.0, 50.0], [60.0, 70.0]]}
    thresholds = option["series"][0]
    assert thresholds["markLine"]["label"] == {"show": False}
    assert thresholds["markArea"]["label"] == {"show": False}
    corners = option["series"][1]
    assert corners["labelLayout"] == HIDE_OVERLAP and corners["silent"] is True
    # a quadrant name's host is larger than the largest bubble: the name wins a collision
    assert CORNER_HOST[0] * CORNER_HOST[1] > LARGEST_BUBBLE**2
    assert [
        (item["name"], item["value"], item["label"]["position"]) for item in corners["data"]
    ] == [
        ("Star", [0, 100], "insideTopLeft"),
        ("Strategic", [100, 100], "insideTopRight"),
        ("Streamline", [0, 0], "insideBottomLeft"),
        ("Status", [100, 0], "insideBottomRight"),
    ]
    flipped = matrix_option(_matrix(3), category_policies(), is_strength_high_left=True)
    assert [(item["name"], item["value"]) for item in flipped["series"][1]["data"]][:2] == [
        ("Star", [0, 100]),  # low strength is on the right now: data x 0 at the top-right corner
        ("Strategic", [100, 100]),
    ]
    assert flipped["series"][1]["data"][0]["label"]["position"] == "insideTopRight"


@pytest.mark.django_db
def test_the_matrix_without_accounts_says_what_to_enter() -> None:
    with translation.override("zh-hans"):
        option = matrix_option(_matrix(0), category_policies())
    assert option == {"empty": "还没有记分卡：为客户打分（或放宽筛选条件）后这里显示矩阵。"}


# --- influence × support ----------------------------------------------------------------------


def _person(name: str, support: int | None, influence: int | None) -> SimpleNamespace:
    contact = SimpleNamespace(
        name=name, support=support, influence=influence, is_key_person=False, pk=id(name)
    )
    return SimpleNamespace(contact=contact)


def test_influence_support_has_integer_support_ticks_and_the_divider_at_zero() -> None:
    people = [_person("<b>王</b>", -2, 9), _person("李", 2, 0), _person("赵", 0, 10)]
    option = influence_support_option(people, url_for=lambda row: "/p/")
    axis = option["xAxis"]
    assert (axis["min"], axis["max"], axis["interval"]) == (-2, 2, 1)
    points, corner = option["series"]
    assert points["markLine"]["data"] == [{"xAxis": 0}, {"yAxis": 5}]
    assert points["markArea"]["data"] == [[{"coord": [-2, 5]}, {"coord": [0, 10]}]]
    # every point is named, collisions hidden; jitter never pushes a point off the axes
    assert points["label"]["formatter"] == "{b}" and points["labelLayout"] == HIDE_OVERLAP
    assert [item["name"] for item in points["data"]] == ["<b>王</b>", "李", "赵"]
    for item in points["data"]:
        assert -2 <= item["value"][0] <= 2 and 0 <= item["value"][1] <= 10
    # a name at the right edge (support +2) is written to the left of its point
    assert [item.get("label") for item in points["data"]] == [None, {"position": "left"}, None]
    assert [item["name"] for item in corner["data"]] == ["Target list"]


def test_influence_support_without_ratings_says_what_to_enter() -> None:
    option = influence_support_option([_person("王", None, 5)], url_for=lambda row: "/p/")
    assert option == {
        "empty": "Nobody is rated yet: set the influence and the support of the customer's "
        "people and they appear here."
    }


# --- health -----------------------------------------------------------------------------------


def _attribute(code: str, importance: float, performance: float) -> dict:
    label = {"zh-hans": code, "en": code}
    gap = importance - performance
    return {"code": code, "label": label, "importance": importance,
            "performance": performance, "gap": gap, "quadrant": "keep_up"}  # fmt: skip


def test_ipa_names_every_attribute_and_the_quadrants_without_collisions() -> None:
    option = health_charts.ipa_option(
        [_attribute("交付", 4.5, 4.4), _attribute("价格", 4.5, 4.4)], 3
    )
    points, corner = option["series"]
    assert points["label"]["formatter"] == "{b}" and points["labelLayout"] == HIDE_OVERLAP
    assert points["markArea"]["label"] == {"show": False}
    assert [item["label"]["position"] for item in corner["data"]] == [
        "insideTopRight", "insideBottomRight", "insideBottomLeft", "insideTopLeft",
    ]  # fmt: skip


def test_the_diagnosis_spreads_the_period_labels_then_hides_what_still_collides() -> None:
    own = [PeriodHealth("2025", satisfaction_index=70, share_of_wallet_percent=40),
           PeriodHealth("2026", satisfaction_index=71, share_of_wallet_percent=41)]  # fmt: skip
    parameters = Parameters(70, 50, 50, (0.3, 0.3, 0.4))
    option = health_charts.diagnosis_option([], "me", own, parameters)
    periods = option["series"][1]
    assert [item["name"] for item in periods["data"]] == ["2025", "2026"]
    assert (
        periods["labelLayout"] == SPREAD_OVERLAP == {"hideOverlap": True, "moveOverlap": "shiftY"}
    )
    assert option["legend"]["data"] == ["Other accounts", "This account"]
    others = [PortfolioPoint("x", "其他", 60, 30)]
    assert not is_empty_chart(health_charts.diagnosis_option(others, "me", [], parameters))
    assert is_empty_chart(health_charts.diagnosis_option([], "me", [], parameters))


# --- every chart has an empty state -----------------------------------------------------------


@pytest.mark.django_db
def test_every_chart_builder_says_what_to_enter_when_it_has_nothing_to_draw() -> None:
    parameters = Parameters(70, 50, 50, (0.3, 0.3, 0.4))
    year = SimpleNamespace(planned_total=0, done_total=0)
    template = SimpleNamespace()
    options = {
        "matrix": matrix_option(_matrix(0), category_policies()),
        "radar": radar_option([], []),
        "strength": strength_option([], []),
        "power map": power_map_option([], [], shown=[], url_for=str, badge_for=str),
        "influence × support": influence_support_option([], url_for=str),
        "coverage": coverage_gauge_option(None),
        "ipa": health_charts.ipa_option([], 3),
        "gap": health_charts.gap_option([]),
        "wallet": health_charts.wallet_option([]),
        "trend": health_charts.trend_option([PeriodHealth("2026")]),
        "diagnosis": health_charts.diagnosis_option([], "me", [], parameters),
        "ladder": ladder_option(None, 5),
        "ladder history": history_option([], 5),
        "styles": style_matrix_option([], template),  # type: ignore[arg-type]
        "year map": year_map_option(year),  # type: ignore[arg-type]
        "mechanisms": mechanism_compliance_option([], SimpleNamespace()),  # type: ignore[arg-type]
        "funnel": matching_funnel_option({"identified": 0}),
        "value": matching_value_option([]),
    }
    for name, option in options.items():
        assert set(option) == {"empty"}, name
        assert len(option["empty"]) > 20, name  # a sentence, not a bare "no data"
    from kam.relationship.selectors import coordinate_option
    from kam.relationship.selectors import radar_option as relationship_radar

    assert is_empty_chart(coordinate_option(template, [], {}))  # type: ignore[arg-type]
    assert is_empty_chart(relationship_radar(template, None, None, {}))  # type: ignore[arg-type]


def test_the_chart_include_shows_the_sentence_instead_of_the_chart_escaped() -> None:
    html = render_to_string(
        "partials/chart.html", {"option": empty_chart("<b>先打分</b>"), "id": "x-option"}
    )
    assert (
        '<p class="empty chart-empty" data-testid="chart-empty" data-chart-empty="x-option">'
        in html
    )
    assert "&lt;b&gt;先打分&lt;/b&gt;" in html
    assert "<script" not in html and "data-chart=" not in html
    missing = render_to_string("partials/chart.html", {"option": None, "id": "y", "empty": "空"})
    assert ">空</p>" in missing


def test_the_chart_include_embeds_an_option_as_json() -> None:
    option = {"series": [{"type": "scatter", "data": [{"name": "</script><b>x</b>"}]}]}
    with translation.override("zh-hans"):
        html = render_to_string(
            "partials/chart.html",
            {"option": option, "id": "m-option", "css": "matrix", "testid": "m", "label": "矩阵"},
        )
    assert (
        '<div class="chart matrix" data-chart="m-option" data-testid="m" role="img" '
        'aria-label="矩阵。表格共 1 行。"></div>'
    ) in html
    assert '<th scope="row">&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;</th>' in html  # its table, escaped
    embedded = html.split('type="application/json">')[1].split("</script>")[0]
    assert "</script><b>" not in embedded and json.loads(embedded) == option


@pytest.mark.parametrize(
    ("cell", "figure"),
    [("1,234", True), ("-0.8", True), ("68.9 %", True), ("—", True), (63.09, True), (0, True)]
    + [("战略客户", False), ("Northwind", False), ("2025 的位置", False), ("", False)],
)
def test_a_chart_tables_figures_are_told_from_its_names(cell: object, figure: bool) -> None:
    assert is_figure(cell) is figure

"""Score the value ladder in 中文 and in English and see the level, the tier scores and the
radar; screenshots at 1280 and 390 px per language."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CURRENT = {"product": 4, "service": 3, "solution": 3, "process_cost": 2, "financial": 2,
           "brand_market": 1, "relationship_capability": 1, "strategic": 0}  # fmt: skip

# The radar's texts (axis names, legend) whose box leaves the chart's box: drawn as SVG, so that
# the browser measures every text ECharts shows.
RADAR_TEXTS = """(selector) => {
  const chart = document.querySelector(selector);
  const frame = chart.getBoundingClientRect();
  const texts = [...chart.querySelectorAll("svg text")].filter((text) => text.textContent.trim());
  return {
    names: texts.map((text) => text.textContent),
    outside: texts.filter((text) => {
      const box = text.getBoundingClientRect();
      return box.left < frame.left || box.right > frame.right;
    }).map((text) => text.textContent),
  };
}"""

# What a person reads on the way, per language of the switcher.
LABELS = {
    "zh-hans": {
        "empty": "尚无价值阶梯",
        "tab": "需求分析与价值提升",
        "product_current": "产品价值 · 当前",
        "level": "产品价值",
        "radar": [
            "产品价值",
            "服务价值",
            "方案价值",
            "流程/运营价值",
            "财务价值",
            "品牌/市场价值",
            "关系与能力价值",
            "战略价值",
            "当前 2026",
            "目标",
        ],
    },
    "en": {
        "empty": "No value ladder yet",
        "tab": "Needs & value",
        "product_current": "Product value (quality, performance) · current",
        "level": "Product value",
        "radar": [
            "Product value",
            "Service value",
            "Solution value",
            "Process &",
            "operations value",
            "Financial value",
            "Brand & market",
            "value",
            "Relationship &",
            "capability value",
            "Strategic value",
            "Current 2026",
            "Target",
        ],
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_scores_the_value_ladder_and_shows_the_radar(
    live_server: object, page: object, language: str
) -> None:
    labels = LABELS[language]
    manager = UserFactory(username="li", display_name="李经理", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(name="华东电力集团", industry="energy", region="east_china",
                          owner=manager, current_revenue=86_000_000),
    )  # fmt: skip
    sign_in(page, live_server.url, "li")
    page.click(f"[data-testid=language-{language}]")
    expect(page.locator(f"[data-testid=language-{language}]")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.goto(f"{live_server.url}/accounts/{account.uuid}/value/")
    expect(page.locator("[data-testid=value-empty]")).to_contain_text(labels["empty"])
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text(labels["tab"])
    for code, value in CURRENT.items():
        page.select_option(f"#id_current__{code}", str(value))
        page.select_option(f"#id_target__{code}", str(min(5, value + 1)))
    # The selects name their row for assistive technology.
    expect(page.get_by_label(labels["product_current"], exact=True)).to_have_value("4")
    page.click("[data-testid=value-form] button[type=submit]")
    expect(page.locator("[data-testid=value-level]")).to_have_text(labels["level"])
    expect(page.locator("[data-testid=value-tiers]")).to_contain_text("70.0")
    expect(page.locator("[data-testid=value-radar] canvas")).to_be_visible()
    expect(page.locator("[data-testid=value-ladder-chart] canvas")).to_be_visible()
    expect(page.locator("[data-testid=value-gap-total]")).to_have_text("8")
    # every axis name stays inside the radar's box, on a wide screen and on a phone
    page.wait_for_function("window.kamCharts && window.echarts")
    page.evaluate('window.kamCharts.render(document, "svg")')
    for width in (1280, 390, 1280):  # and back: the wide layout returns
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(600)  # the resize re-lays the radar out after its animation
        texts = page.evaluate(RADAR_TEXTS, "[data-testid=value-radar]")
        assert sorted(texts["names"]) == sorted(labels["radar"]), width
        assert texts["outside"] == [], width
    shoot_both_widths(page, f"value-{language.split('-')[0]}")

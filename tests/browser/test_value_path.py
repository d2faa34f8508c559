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

# What a person reads on the way, per language of the switcher.
LABELS = {
    "zh-hans": {
        "empty": "尚无价值阶梯",
        "tab": "需求分析与价值提升",
        "product_current": "产品价值 · 当前",
        "level": "产品价值",
    },
    "en": {
        "empty": "No value ladder yet",
        "tab": "Needs & value plan",
        "product_current": "Product value (quality, performance) · current",
        "level": "Product value",
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
    shoot_both_widths(page, f"value-{language.split('-')[0]}")

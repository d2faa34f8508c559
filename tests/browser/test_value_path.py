"""Score the value ladder in Chinese and see the level, the tier scores and the radar."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from tests.browser.conftest import SHOTS, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CURRENT = {"product": 4, "service": 3, "solution": 3, "process_cost": 2, "financial": 2,
           "brand_market": 1, "relationship_capability": 1, "strategic": 0}  # fmt: skip


def test_it_scores_the_value_ladder_in_chinese_and_shows_the_radar(
    live_server: object, page: object
) -> None:
    manager = UserFactory(username="li", display_name="李经理", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(name="华东电力集团", industry="energy", region="east_china",
                          owner=manager, current_revenue=86_000_000),
    )  # fmt: skip
    sign_in(page, live_server.url, "li")
    page.click("[data-testid=language-zh-hans]")
    page.goto(f"{live_server.url}/accounts/{account.uuid}/value/")
    expect(page.locator("[data-testid=value-empty]")).to_contain_text("尚无价值阶梯")
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text("需求分析与价值提升")
    for code, value in CURRENT.items():
        page.select_option(f"#id_current__{code}", str(value))
        page.select_option(f"#id_target__{code}", str(min(5, value + 1)))
    # The selects name their row for assistive technology.
    expect(page.get_by_label("产品价值 · 当前")).to_have_value("4")
    page.click("[data-testid=value-form] button[type=submit]")
    expect(page.locator("[data-testid=value-level]")).to_have_text("产品价值")
    expect(page.locator("[data-testid=value-tiers]")).to_contain_text("70.0")
    expect(page.locator("[data-testid=value-radar] canvas")).to_be_visible()
    expect(page.locator("[data-testid=value-ladder-chart] canvas")).to_be_visible()
    expect(page.locator("[data-testid=value-gap-total]")).to_have_text("8")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "value-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "value-390.png"), full_page=True)

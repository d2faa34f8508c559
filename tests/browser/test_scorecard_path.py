"""Score an account on the scorecard in the browser and see it move quadrant in the matrix."""

import json

import pytest
from playwright.sync_api import expect

from kam.accounts.models import Account
from kam.accounts.services import AccountInput, account_create, competitor_create
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ATTRACTIVENESS = ["wallet_size", "profitability", "credit_health", "growth_potential",
                  "share_headroom", "needs_fit", "strategic_fit", "reference_value"]  # fmt: skip
STRENGTH = ["product_tech", "price_value", "service_delivery", "relationship_trust",
            "brand_reputation"]  # fmt: skip


def score(page: object, period: str, attractiveness: int, us: int, competitor: int) -> None:
    page.click("text=Score this account")
    page.fill("#id_period", period)
    page.fill("#id_current_revenue", "86000000")
    page.fill("#id_potential_revenue_3y", "150000000")
    for code in ATTRACTIVENESS:
        page.fill(f"#id_a_{code}", str(attractiveness))
    page.select_option("#id_competitor_1", label="施耐德电气")
    for code in STRENGTH:
        page.fill(f"#id_s_us_{code}", str(us))
        page.fill(f"#id_s_1_{code}", str(competitor))
    page.click("button[type=submit].primary")


def test_it_scores_an_account_and_moves_it_in_the_matrix(
    live_server: object, page: object, shoot: object
) -> None:
    director = UserFactory(username="zhao", display_name="赵总监", role="director")
    competitor_create(actor=director, name="施耐德电气")
    account = account_create(
        actor=director,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china",
            owner=director, current_revenue=86_000_000,
        ),
    )  # fmt: skip
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "zhao")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_have_text("My day")

    # 2025: unattractive and weaker than the competitor → streamline
    page.goto(f"{live_server.url}/accounts/{account.uuid}/scorecard/")
    score(page, "2025", attractiveness=3, us=4, competitor=8)
    expect(page.locator("[data-testid=attractiveness]")).to_have_text("22.2")
    assert Account.objects.get().category == "streamline"

    # 2026: attractive (8 → 77.8) and ahead of the competitor (9 vs 6) → strategic
    score(page, "2026", attractiveness=8, us=9, competitor=6)
    expect(page.locator("[data-testid=attractiveness]")).to_have_text("77.8")
    expect(page.locator("[data-testid=strength]")).to_have_text("68.5")  # 50 + 50·log₃(1.5)
    assert Account.objects.get().category == "strategic"
    shoot("15-account-scorecard-en")

    page.click("nav.mainnav >> text=Portfolio")
    expect(page.locator(".chart.matrix canvas").first).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Strategic")
    option = json.loads(page.locator("#matrix-option").text_content())
    assert "华东电力集团" in json.dumps(option, ensure_ascii=False)
    shoot("16-portfolio-matrix-en")
    page.click("[data-testid=language-zh-hans]")
    expect(page.locator("table").first).to_contain_text("战略客户")
    shoot("17-portfolio-matrix-zh")
    page.goto(f"{live_server.url}/accounts/{account.uuid}/scorecard/")
    expect(page.locator("[data-testid=attractiveness]")).to_have_text("77.8")
    shoot("18-account-scorecard-zh")

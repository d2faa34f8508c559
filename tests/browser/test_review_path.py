"""In 中文 and in English: from the plan, open its reviews, record a quarterly review with a
corrective action, read the review page (scores, rating, both comparisons, the action) and
check that nothing scrolls sideways at 390 px; screenshots at 1280 and 390 px per language."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.health.services import WalletInput, wallet_estimate_save
from kam.plans.services import plan_create
from kam.plans.tests.conftest import add_objective
from kam.reviews.tests.conftest import org_sheet
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LABELS = {
    "zh-hans": {"reviews": "回顾", "new": "新建回顾", "action": "纠偏措施 1",
                "owner": "措施 1 负责人", "due": "措施 1 完成期限", "save": "记录回顾",
                "rating": "待改进"},
    "en": {"reviews": "Reviews", "new": "New review", "action": "Corrective action 1",
           "owner": "Owner of action 1", "due": "Due date of action 1",
           "save": "Record the review", "rating": "Needs improvement"},
}  # fmt: skip


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_records_a_review_and_reads_it_on_a_small_screen(
    live_server: object, page: object, language: str
) -> None:
    labels = LABELS[language]
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(name="华东电力集团", industry="energy", region="east_china",
                          owner=manager),
    )  # fmt: skip
    plan = plan_create(actor=manager, account=account, year=2026, baseline_on=date(2026, 1, 1))
    add_objective(manager, plan)
    add_objective(
        manager, plan, metric_code="org_total", target=Decimal("70"), weight=Decimal("40"),
        comparison_basis="self_past", frequency="yearly",
    )  # fmt: skip
    org_sheet(manager, account, 3, date(2026, 2, 1))
    wallet_estimate_save(
        actor=manager, account=account,
        data=WalletInput(period="2026", category_code="power", category_label="电力设备",
                         customer_total_spend=Decimal("1000000"), our_revenue=Decimal("200000"),
                         currency="CNY"),
    )  # fmt: skip
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    page.click(f"[data-testid=language-{language}]")
    expect(page.locator(f"[data-testid=language-{language}]")).to_have_attribute(
        "aria-pressed", "true"
    )
    # from the plan to its reviews, then a new review on the default date
    page.goto(f"{base}/accounts/{account.uuid}/plans/{plan.uuid}/")
    page.click("[data-testid=plan-reviews-link]")
    expect(page.locator("[data-testid=reviews-empty]")).to_be_visible()
    page.click("[data-testid=review-new]")
    page.get_by_label(labels["action"]).fill("拜访采购总监")
    page.get_by_label(labels["owner"]).select_option(label="李明")
    page.get_by_label(labels["due"]).fill("2026-12-31")
    page.get_by_role("button", name=labels["save"]).click()
    # the review page: 68.57, 待改进 / Needs improvement, both comparisons, the action
    expect(page.locator("[data-testid=review-score]")).to_have_text("68.57")
    expect(page.locator("[data-testid=review-rating]")).to_have_text(labels["rating"])
    expect(page.locator("[data-testid=review-vs-past]")).to_be_visible()
    expect(page.locator("[data-testid=review-vs-competitor]")).to_be_visible()
    expect(page.locator("[data-testid=review-action]")).to_contain_text("拜访采购总监")
    shoot_both_widths(page, f"review-{language.split('-')[0]}")
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (page.url, f"{base}/accounts/{account.uuid}/plans/{plan.uuid}/plan-reviews/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url

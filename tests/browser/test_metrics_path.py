"""In 中文: open the account's metrics from the overview, see the score sheet's level and total
with the snapshot they came from, enter a gross margin (first refused next to the field), and
read the catalogue; screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.metrics.models import ManualMetricEntry
from kam.relationship.tests.test_relationship import ORG_CODES, score
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_shows_the_metrics_and_records_a_manual_value(live_server: object, page: object) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager,
            current_revenue=86_000_000,
        ),
    )  # fmt: skip
    score(manager, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")  # assessed 2026-01-15
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    page.click("[data-testid=language-zh-hans]")

    page.goto(f"{base}/accounts/{account.uuid}/")
    page.click("[data-testid=account-metrics]")
    page.fill("#id_on", "2026-02-01")
    page.locator("form.filters button[type=submit]").click()
    row = page.locator("[data-testid=metric-org_total]")
    expect(row).to_contain_text("60")
    expect(row).to_contain_text("2026-01-15")
    expect(page.locator("[data-testid=metric-org_level]")).to_contain_text("4 战略合作")
    shoot_both_widths(page, "metrics-account")

    # a gross margin above 100 % is refused next to its field, nothing written
    page.select_option("#id_metric_code", "gross_margin")
    page.fill("#id_measured_on", "2026-01-31")
    page.fill("#id_value", "150")
    page.get_by_role("button", name="记录数值").click()
    expect(page.locator("[data-testid=manual-metric-form]")).to_contain_text(
        "请输入不大于 100 的值。"
    )
    assert not ManualMetricEntry.objects.exists()
    page.fill("#id_value", "23.5")
    page.get_by_role("button", name="记录数值").click()
    expect(page.locator("[data-testid=metric-gross_margin]")).to_contain_text("23.5")
    expect(page.locator("[data-testid=manual-entries]")).to_contain_text("毛利率")
    shoot_both_widths(page, "metrics-manual")

    page.goto(f"{base}/settings/metrics/")
    expect(page.locator("[data-testid=catalogue-gross_margin]")).to_contain_text("手工")
    shoot_both_widths(page, "metrics-catalogue")

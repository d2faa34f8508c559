"""In 中文: open a quarterly PDCA cycle from the 普遍关系 tab, start doing it, run the check,
move to 处理, see the close refused next to the fields, close it into the next cycle; the wheel
at each step; screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.broad.models import CoverageTarget
from kam.pdca.models import PdcaCycle
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import ContactFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_runs_a_pdca_cycle_round_the_wheel(live_server: object, page: object) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager
        ),
    )
    account.category = "strategic"
    account.save(update_fields=["category"])
    CoverageTarget.objects.create(account=account, function="procurement", level="middle")
    ContactFactory(
        account=account, function="procurement", seniority="middle", coverage="multiple", support=2
    )
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    page.click("[data-testid=language-zh-hans]")

    page.goto(f"{base}/accounts/{account.uuid}/")
    page.get_by_role("navigation", name="客户栏目").get_by_role("link", name="普遍关系").click()
    page.get_by_role("link", name="PDCA", exact=True).click()
    expect(page.locator("[data-testid=pdca-empty]")).to_contain_text("还没有PDCA循环")
    shoot_both_widths(page, "pdca-empty")

    # a quarter written as a month is refused next to the field, the plan kept
    page.click("[data-testid=pdca-new]")
    page.select_option("#id_cadence", "quarterly")
    page.fill("#id_period", "2026-11")
    page.check("#id_focus_kpis_0")
    page.fill("#id_planned_actions", "拜访采购部中层")
    page.click("[data-testid=pdca-new-form] button[type=submit]")
    expect(page.locator("#id_period_error")).to_contain_text("季度请写成 2026-Q4")
    expect(page.locator("#id_planned_actions")).to_have_value("拜访采购部中层")
    page.fill("#id_period", "2026-Q4")
    page.click("[data-testid=pdca-new-form] button[type=submit]")
    expect(page.locator("[data-testid=pdca-phase]")).to_have_text("计划")
    shoot_both_widths(page, "pdca-plan")

    page.click("[data-testid=pdca-start-do]")
    expect(page.locator("[data-testid=pdca-phase]")).to_have_text("执行")
    page.fill("#id_check_notes", "覆盖率达标")
    page.click("[data-testid=pdca-run-check]")
    expect(page.locator("[data-testid=pdca-check-table]")).to_be_visible()
    page.click("[data-testid=pdca-start-act]")
    expect(page.locator("[data-testid=pdca-phase]")).to_have_text("处理")

    # closing without the act is refused next to the fields; nothing lost
    page.fill("#id_carry_over", "拜访质量部")
    page.click("[data-testid=pdca-close]")
    expect(page.locator("#id_corrective_actions_error")).to_contain_text("关闭循环前请填写纠正措施")
    expect(page.locator("#id_carry_over")).to_have_value("拜访质量部")
    shoot_both_widths(page, "pdca-close-refused")
    page.fill("#id_corrective_actions", "约见财务部副总")
    page.fill("#id_standardise", "技术交流会后回访")
    page.click("[data-testid=pdca-close]")
    expect(page.locator("[data-testid=pdca-phase]")).to_have_text("计划")
    expect(page.locator("#id_planned_actions")).to_have_value("拜访质量部")
    assert list(PdcaCycle.objects.order_by("starts_on").values_list("period", "phase")) == [
        ("2026-Q4", "closed"),
        ("2027-Q1", "plan"),
    ]
    page.get_by_role("link", name="返回PDCA循环").click()
    expect(page.locator("[data-testid=pdca-row]")).to_have_count(2)
    expect(page.locator("[data-testid=pdca-wheel-chart] canvas")).to_have_count(1)
    shoot_both_widths(page, "pdca-account")

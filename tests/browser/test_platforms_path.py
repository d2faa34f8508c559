"""In 中文: plan a quarterly technical seminar on the account's platform plan, add it to the
calendar (加入日历), and see the calendar counts; screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.engagement.models import CalendarEntry
from kam.platforms.models import PlatformItem
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_plans_a_platform_and_adds_it_to_the_calendar(live_server: object, page: object) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager
        ),
    )
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    page.click("[data-testid=language-zh-hans]")

    # from the account's 普遍关系 tab and its sub-tabs to the empty plan
    page.goto(f"{base}/accounts/{account.uuid}/")
    page.get_by_role("navigation", name="客户栏目").get_by_role("link", name="普遍关系").click()
    page.get_by_role("link", name="拓展平台").click()
    expect(page.locator("[data-testid=platform-empty]")).to_contain_text("尚未规划拓展平台")
    shoot_both_widths(page, "platforms-empty")

    # add a quarterly technical seminar; a negative budget is refused next to the field
    page.click("[data-testid=add-platform]")
    page.select_option("#id_platform_type", "technical_seminar")
    page.fill("#id_title", "变电运维技术研讨会")
    page.select_option("#id_audience_level", "operational")
    page.select_option("#id_frequency", "quarterly")
    page.fill("#id_budget", "-1")
    page.click("[data-testid=platform-form] button[type=submit]")
    expect(page.locator("#id_budget_error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("变电运维技术研讨会")
    shoot_both_widths(page, "platforms-error")
    page.fill("#id_budget", "80000")
    page.click("[data-testid=platform-form] button[type=submit]")
    expect(page.locator("[data-testid=platform-row]")).to_have_count(1)

    # 加入日历: four month-only entries, the button goes away
    page.click("[data-testid=add-to-calendar]")
    expect(page.locator("[data-testid=platform-calendar]")).to_contain_text("已举办 0 / 计划 4")
    expect(page.locator("[data-testid=add-to-calendar]")).to_have_count(0)
    item = PlatformItem.objects.get()
    assert CalendarEntry.objects.filter(platform_link__item=item).count() == 4
    shoot_both_widths(page, "platforms-account")

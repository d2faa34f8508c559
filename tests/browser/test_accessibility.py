"""Errors, htmx swaps and colours as a keyboard or screen-reader user meets them (issue 17
items 15 and 16), in 中文."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import AccountFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser_locale("zh-CN"),
]

# WCAG 2.1 contrast of an element's text against the first opaque background behind it.
CONTRAST = """(element) => {
  const parse = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const channel = (value) => {
    const share = value / 255;
    return share <= 0.03928 ? share / 12.92 : ((share + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  let background = [255, 255, 255];
  for (let node = element; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour.length < 4 || colour[3] > 0) { background = colour; break; }
  }
  const [light, dark] = [luminance(parse(getComputedStyle(element).color)), luminance(background)]
    .sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}"""


def _contrast(page: object, selector: str) -> float:
    return round(page.locator(selector).first.evaluate(CONTRAST), 2)


def test_a_failed_submit_puts_the_focus_on_the_first_invalid_field_and_says_why(
    live_server: object, page: object
) -> None:
    UserFactory(username="li.ming", display_name="李明", role="account_manager")
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/new/")
    page.fill("#id_current_revenue", "-1")
    page.click("button[type=submit].primary")

    expect(page.locator("#id_name")).to_be_focused()
    expect(page.locator("#id_name")).to_have_attribute("aria-describedby", "id_name_error")
    expect(page.locator("#id_name_error")).to_be_visible()
    expect(page.locator("[data-testid=live-status]")).to_have_text(
        "表单有错误，光标已移到第一个需要修改的字段。"
    )


def test_paging_and_filtering_move_the_focus_and_say_what_changed(
    live_server: object, page: object
) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    for number in range(30):
        AccountFactory(owner=manager, name=f"华东客户{number:02d}")
    AccountFactory(owner=manager, name="华南机场集团")
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/")
    status = page.locator("[data-testid=live-status]")
    expect(status).to_have_text("")

    page.click("#account-table a[rel=next]")
    expect(status).to_have_text("31 个客户 · 第 2 页，共 2 页")
    expect(page.locator("[data-testid=result-count]")).to_be_focused()

    page.fill("#id_q", "华南")
    expect(status).to_have_text("1 个客户")
    expect(page.locator("#id_q")).to_be_focused()  # typing keeps its place


def test_the_badges_reserved_tabs_and_other_month_days_are_readable(
    live_server: object, page: object
) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    for category in ("star", "status", "streamline"):
        AccountFactory(owner=manager, name=f"客户 {category}", category=category)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/")
    ratios = {
        category: _contrast(page, f".badge.category-{category}")
        for category in ("star", "status", "streamline")
    }
    page.click("text=客户 star")
    # The header's relationship stage loads itself (hx-trigger=load): no focus move, no message.
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=live-status]")).to_have_text("")
    assert page.evaluate("document.activeElement === document.body")
    # No tool tab is reserved today: give one the class, as a coming tool would have.
    page.locator("nav.tabs a").last.evaluate("(tab) => { tab.className = 'tab-reserved'; }")
    ratios["tab-reserved"] = _contrast(page, "nav.tabs .tab-reserved")
    page.goto(f"{live_server.url}/calendar/mine/?year=2026&month=3")
    ratios["outside-day"] = _contrast(page, ".calendar-day.outside .day-number")

    assert {name: ratio >= 4.5 for name, ratio in ratios.items()} == dict.fromkeys(ratios, True), (
        ratios
    )

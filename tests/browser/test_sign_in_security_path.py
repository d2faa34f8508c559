"""Sign-in security as people click it, in 中文: five wrong passwords lock the sign-in, an
administrator unlocks it, the person signs in and makes a read-only API token, then revokes it."""

import pytest

from kam.users.models import ApiToken
from tests.browser.conftest import shoot_both_widths
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_locale("zh-CN"),
    pytest.mark.django_db(transaction=True),
]


def _try(page: object, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].primary")


def test_it_locks_unlocks_and_makes_a_read_token(
    page: object, browser: object, live_server: object
) -> None:
    base = live_server.url
    UserFactory(username="li.ming", display_name="李明")
    UserFactory(username="admin", display_name="系统管理员", role="administrator")

    for _attempt in range(5):
        _try(page, base, "li.ming", "wrong")
    _try(page, base, "li.ming", "pass-1234")
    message = page.locator("[data-testid=lockout-message]")
    assert "输错密码的次数过多，登录已暂停" in message.inner_text()
    shoot_both_widths(page, "sign-in-locked")

    # the administrator (another browser) unlocks the pair
    admin_context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    admin = admin_context.new_page()
    _try(admin, base, "admin", "pass-1234")
    admin.click("[data-testid=user-menu]")
    admin.click("text=登录锁定")
    table = admin.locator("[data-testid=lockout-table]")
    assert "李明" in table.inner_text()
    shoot_both_widths(admin, "sign-in-lockouts")
    admin.click("button[aria-label='解锁 李明']")
    assert "li.ming 现在可以重新登录了。" in admin.locator(".messages").inner_text()
    assert "登录已解锁" in admin.locator("[data-testid=sign-in-events]").inner_text()
    admin_context.close()

    _try(page, base, "li.ming", "pass-1234")
    page.click("[data-testid=user-menu]")
    page.click("text=API 令牌")
    page.fill("#id_name", "月度报表")
    page.select_option("#id_scope", "read")
    page.select_option("#id_expires_in_days", "30")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")
    assert page.locator("[data-testid=new-token]").inner_text().startswith("kam_")
    row = page.locator("[data-testid=token-table] tr", has_text="月度报表")
    assert "只读" in row.inner_text()
    shoot_both_widths(page, "api-tokens")
    row.locator("button", has_text="撤销").click()
    assert "已撤销" in page.locator("[data-testid=token-table]").inner_text()
    assert ApiToken.objects.get().revoked_at is not None

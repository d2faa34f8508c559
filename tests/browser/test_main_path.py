"""The foundation's main path as a person clicks it, in English and 中文."""

import pytest
from playwright.sync_api import expect

from kam.accounts.models import Account
from kam.people.models import Contact
from tests.browser.conftest import sign_in
from tests.factories import AccountFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_signs_in_switches_language_and_creates_an_account_and_a_contact(
    live_server: object, page: object, shoot: object
) -> None:
    UserFactory(username="li.ming", display_name="李明", role="account_manager")
    base = live_server.url

    # sign in (English browser)
    sign_in(page, base)
    expect(page.locator("h1")).to_have_text("My day")  # the landing page after sign-in
    expect(page.locator("[data-testid=no-accounts]")).to_contain_text("You own no account")
    shoot("00-my-day-en")
    page.goto(f"{base}/accounts/")
    expect(page.locator("h1")).to_have_text("Key accounts")
    expect(page.locator(".empty")).to_contain_text("No key accounts yet.")
    shoot("01-empty-account-list-en")

    # switch to 中文 and back
    page.click("[data-testid=language-zh-hans]")
    expect(page.locator("h1")).to_have_text("大客户")
    shoot("02-empty-account-list-zh")
    page.click("[data-testid=language-en]")
    expect(page.locator("h1")).to_have_text("Key accounts")

    # create an account; a failed submit keeps the input and shows the error next to the field
    page.click("[data-testid=new-account]")
    page.fill("#id_alternate_name", "East China Power Group")
    page.select_option("#id_industry", "energy")
    page.select_option("#id_region", "east_china")
    page.fill("#id_current_revenue", "-1")
    page.click("button[type=submit].primary")
    expect(page.locator("#id_name_error")).to_be_visible()
    expect(page.locator("#id_current_revenue_error")).to_be_visible()
    expect(page.locator("#id_alternate_name")).to_have_value("East China Power Group")
    shoot("03-account-form-errors-en")
    page.fill("#id_name", "华东电力集团")
    page.fill("#id_current_revenue", "86000000")
    page.click("button[type=submit].primary")
    expect(page.locator(".account-header h1")).to_contain_text("华东电力集团")
    shoot("04-account-360-en")

    # add a contact from the account's Contacts tab
    page.click("nav.tabs >> text=Contacts")
    expect(page.locator(".empty")).to_contain_text("No contacts yet.")
    page.click("[data-testid=new-contact]")
    page.fill("#id_name", "张伟")
    page.fill("#id_title", "首席信息官")
    page.select_option("#id_seniority", "executive")
    page.select_option("#id_function", "it")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_contain_text("张伟")
    shoot("05-contact-detail-en")

    # both appear in the lists
    page.click("nav.mainnav >> text=Accounts")
    expect(page.locator("table.table")).to_contain_text("华东电力集团")
    expect(page.locator("[data-testid=result-count]")).to_have_text("1 account")
    page.click("nav.mainnav >> text=Contacts")
    expect(page.locator("table.table")).to_contain_text("张伟")
    expect(page.locator("table.table")).to_contain_text("首席信息官")
    shoot("06-contact-list-en")

    # the same lists in 中文, with the change history of the account
    page.click("[data-testid=language-zh-hans]")
    expect(page.locator("h1")).to_have_text("联系人")
    shoot("07-contact-list-zh")
    page.click("nav.mainnav >> text=客户")
    page.click("table.table >> text=华东电力集团")
    page.click("nav.tabs >> text=变更历史")
    expect(page.locator("table.audit")).to_contain_text("张伟")
    shoot("08-account-history-zh")

    assert Account.objects.get().name == "华东电力集团"
    assert Contact.objects.get().account.name == "华东电力集团"


def test_it_filters_the_account_list_with_htmx(
    live_server: object, page: object, shoot: object
) -> None:
    manager = UserFactory(username="li.ming", role="account_manager")
    AccountFactory(name="Alpha Energy", industry="energy", owner=manager)
    AccountFactory(name="Gamma Bank", industry="finance", owner=manager)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/")  # sign-in lands on My day
    expect(page.locator("[data-testid=result-count]")).to_have_text("2 accounts")
    page.select_option("#id_industry", "finance")
    expect(page.locator("[data-testid=result-count]")).to_have_text("1 account")
    expect(page.locator("table.table")).not_to_contain_text("Alpha Energy")
    assert "industry=finance" in page.url
    shoot("09-account-list-filtered-en")

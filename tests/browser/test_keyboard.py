"""The main path with the keyboard alone (issue 17, WCAG 2.1 AA 2.1.1 and 2.4.3): sign in, create
an account (one failed submit first), log an activity with two customer participants and record
its meeting, then move the meeting's action on the board — Tab (and Shift+Tab), Enter and Space
only, typing the texts; a select list takes the arrow keys (or its option's first letters).
Where the focus lands after the error and after the board's htmx swap is checked."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from kam.accounts.models import Account
from kam.engagement.choices import ActionStatus
from kam.engagement.models import ActionItem, Activity
from kam.ladder.models import LadderEvidence
from tests.factories import ContactFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOST_TABS = 120  # more Tab presses than any page here needs to reach a control
FOCUSED = "(selector) => document.activeElement && document.activeElement.matches(selector)"


def tab_to(page: object, selector: str, *, backwards: bool = False) -> int:
    """Press Tab (or Shift+Tab) until the element matching `selector` has the focus; how many
    presses it took. Fails when the element cannot be reached by the keyboard."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, MOST_TABS + 1):
        page.keyboard.press(key)
        if page.evaluate(FOCUSED, selector):
            return presses
    pytest.fail(f"{selector} is not reachable with {key}")


def follow(page: object, key: str = "Enter") -> None:
    """Press a key that loads another page (a link, a submit), and wait for that page."""
    with page.expect_navigation():
        page.keyboard.press(key)
    # Parts that load themselves (the header's stage) finish before the test reads or writes
    # the database beside the live server (its in-memory SQLite locks tables across threads).
    page.wait_for_load_state("networkidle")


def type_date(page: object, day: date) -> None:
    """Type a date into the focused <input type=date>, segment by segment (a full month or day
    moves on by itself). Chromium orders the segments by its own locale (here mm/dd/yyyy), not
    by the page's language."""
    page.keyboard.type(f"{day:%m%d%Y}")
    assert page.evaluate("document.activeElement.value") == day.isoformat()


@pytest.mark.parametrize(
    "language",
    [
        pytest.param("en", marks=pytest.mark.browser_locale("en-US")),
        pytest.param("zh-hans", marks=pytest.mark.browser_locale("zh-CN")),
    ],
)
def test_a_keyboard_user_creates_an_account_records_a_meeting_and_moves_its_action(
    live_server: object, page: object, language: str
) -> None:
    UserFactory(username="li.ming", display_name="Li Ming", role="account_manager")
    today = timezone.localdate()
    base = live_server.url
    status = page.locator("[data-testid=live-status]")

    # sign in: the skip link comes first, then the two fields; Enter submits
    page.goto(f"{base}/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("li.ming")
    page.keyboard.press("Tab")
    page.keyboard.type("pass-1234")
    follow(page)
    expect(page.locator("h1")).to_be_visible()

    # to the new-account form through the links
    tab_to(page, "a[href='/accounts/']")
    follow(page)
    tab_to(page, "a[href='/accounts/new/']")
    follow(page)

    # a submit with nothing filled in: the focus goes to the first invalid field, which says why
    tab_to(page, "form button[type=submit].primary")
    follow(page)
    expect(page.locator("#id_name")).to_be_focused()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(status).not_to_have_text("")
    page.keyboard.type("Keyboard Grid Co")
    for required_list in ("#id_industry", "#id_region"):
        tab_to(page, required_list)
        page.keyboard.press("ArrowDown")  # the first choice after the blank
    tab_to(page, "#id_name", backwards=True)
    follow(page)  # Enter in a text field submits its form
    expect(page.locator("h1")).to_contain_text("Keyboard Grid Co")
    account = Account.objects.get(name="Keyboard Grid Co")
    first = ContactFactory(account=account, name="Wang Wei", title="CIO")
    second = ContactFactory(account=account, name="Zhang Min", title="CFO")

    # log the activity: mechanism (first option after the blank), title, date, two participants
    page.goto(f"{base}/accounts/{account.uuid}/activities/", wait_until="networkidle")
    tab_to(page, "[data-testid=log-activity] summary")
    page.keyboard.press("Enter")  # opens the form
    tab_to(page, "#id_mechanism")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_mechanism").input_value() != ""
    tab_to(page, "#id_title")
    page.keyboard.type("Grid automation workshop")
    tab_to(page, "#id_occurred_on")
    type_date(page, today - timedelta(days=1))
    tab_to(page, "#id_customer_participants-ts-control")
    for person in (first, second):
        page.keyboard.type(person.name.split()[0])
        expect(
            page.locator("#id_customer_participants-ts-dropdown .option.active")
        ).to_have_attribute("data-value", str(person.uuid))
        page.keyboard.press("Enter")  # picks the person the search found
    expect(page.locator("#id_customer_participants option:checked")).to_have_count(2)

    # the rungs of each person are one tab stop: Space ticks, Tab goes on to the next person
    groups = page.locator("[data-testid=rung-group]")
    expect(groups).to_have_count(2)
    tab_to(page, "[data-testid=rung-group] input[type=checkbox]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED, "[data-testid=rung-group]:nth-of-type(2) input[type=checkbox]")
    page.keyboard.press("Tab")
    assert not page.evaluate(FOCUSED, "[data-testid=rung-group] input[type=checkbox]")
    tab_to(page, "[data-testid=log-activity] button[type=submit].primary")
    follow(page)
    expect(page.locator("[data-testid=activity-evidence]")).to_contain_text("Wang Wei")
    activity = Activity.objects.get()
    assert {person.name for person in activity.customer_participants.all()} == {
        "Wang Wei",
        "Zhang Min",
    }
    assert LadderEvidence.objects.get().contact == first

    # record its meeting with one action of ours
    tab_to(page, "[data-testid=record-meeting]")
    follow(page)
    tab_to(page, "#id_listen")
    page.keyboard.type("Outage minutes are this year's worry")
    tab_to(page, "#id_action_1_description")
    page.keyboard.type("Send the pilot proposal")
    tab_to(page, "#id_action_1_owner")
    page.keyboard.type("Li")  # the select jumps to the first option that starts so
    assert page.locator("#id_action_1_owner").input_value().startswith("user:")
    tab_to(page, "#id_action_1_due_on")
    type_date(page, today + timedelta(days=14))
    tab_to(page, "[data-testid=meeting-form] button[type=submit].primary")
    follow(page)
    expect(page.locator("[data-testid=meeting-record]")).to_contain_text("Send the pilot proposal")
    action = ActionItem.objects.get()

    # move the action on the board: choosing in the list posts nothing, the Move button does
    page.goto(f"{base}/accounts/{account.uuid}/actions/", wait_until="networkidle")
    tab_to(page, f"#status-{action.uuid}")
    page.keyboard.press("ArrowDown")  # browsing the list
    page.wait_for_timeout(300)  # time enough for a request, had the list sent one
    expect(page.locator(f"#action-{action.uuid}")).to_have_attribute("data-status", "open")
    action.refresh_from_db()
    assert action.status == "open"
    page.keyboard.press("Tab")  # the card's Move button
    page.keyboard.press("Enter")
    expect(page.locator(f"#column-in_progress #action-{action.uuid}")).to_have_count(1)
    # after the swap the focus is back on the moved card's status list, and the board says it
    expect(page.locator(f"#status-{action.uuid}")).to_be_focused()
    with translation.override(language):
        moved = _("Moved to {status}.").format(status=ActionStatus.IN_PROGRESS.label)
    expect(page.locator("[data-testid=board-summary]")).to_contain_text(moved)
    action.refresh_from_db()
    assert action.status == "in_progress"

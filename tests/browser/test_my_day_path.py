"""我的工作台 in 中文 at 390 px: land on it after sign-in, record this week's planned meeting from
it (the form opens filled from the entry), and see the entry done (issue 10, items 11 and 15)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.models import Activity, CalendarEntry, Mechanism
from tests.factories import ContactFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_lands_on_my_day_and_records_the_planned_meeting_from_it_at_390_px(
    live_server: object, page: object, shoot: object
) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china",
            owner=manager, current_revenue=86_000_000,
        ),
    )  # fmt: skip
    boss = ContactFactory(account=account, name="刘总", title="总经理", seniority="executive")
    today = timezone.localdate()
    entry = calendar_entry_create(
        actor=manager,
        account=account,
        entry=CalendarEntryInput(
            mechanism=Mechanism.objects.get(code="tech_exchange_service"),
            title="储能技术交流会",
            planned_on=today,
            customer_participants=[boss],
            purpose="介绍储能方案",
        ),
    )
    action_item_create(
        actor=manager,
        account=account,
        action=ActionItemInput(
            description="提交试点方案",
            owner_side="ours",
            owner_user=manager,
            due_on=today - timedelta(days=1),
        ),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/login/")
    page.click("[data-testid=language-zh-hans]")
    page.fill("#id_username", "li.ming")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")

    # lands on 我的工作台: stacked sections, nothing scrolls sideways
    expect(page.locator("h1")).to_have_text("我的工作台")
    expect(page.locator("[data-testid=my-day-actions]")).to_contain_text("提交试点方案")
    sections = page.locator("[data-testid=my-day] > section")
    lefts = {round(sections.nth(index).bounding_box()["x"]) for index in range(sections.count())}
    assert len(lefts) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot("40-my-day-zh-390")

    # record the planned meeting from it: the form is filled from the entry
    page.locator("[data-testid=my-day-week] a.button").first.click()
    expect(page.locator("h2").first).to_have_text("记录本次会议/活动")
    expect(page.locator("#id_title")).to_have_value("储能技术交流会")
    expect(page.locator("#id_notes")).to_have_value("目的：介绍储能方案")
    selected = page.locator("select[name=customer_participants] option:checked")
    expect(selected).to_have_attribute("value", str(boss.uuid))
    shoot("41-record-entry-zh-390")
    page.click("button[type=submit].primary")
    expect(page.locator(".messages")).to_contain_text("活动已记录")
    entry.refresh_from_db()
    assert entry.status == "done"
    assert Activity.objects.get().calendar_entry_id == entry.pk
    assert CalendarEntry.objects.get().status == "done"

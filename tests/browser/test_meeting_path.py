"""Log an activity, record the meeting with two action items (ours and the customer's), and see
both on the action board, the overdue one highlighted, in English and 中文."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.engagement.models import ActionItem, Activity
from kam.ladder.models import LadderEvidence
from tests.factories import ContactFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_records_a_meeting_and_follows_its_actions_on_the_board(
    live_server: object, page: object, shoot: object
) -> None:
    manager = UserFactory(
        username="li.ming", display_name="李明", role="account_manager", seniority="middle"
    )
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china",
            owner=manager, current_revenue=86_000_000,
        ),
    )  # fmt: skip
    boss = ContactFactory(account=account, name="刘总", title="总经理", seniority="executive")
    today = timezone.localdate()
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "li.ming")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_have_text("My day")

    # log the activity: a technical exchange with the general manager, who shared information
    page.goto(f"{base}/accounts/{account.uuid}/activities/")
    page.click("[data-testid=log-activity] summary")
    page.select_option("#id_mechanism", "tech_exchange_service")
    page.fill("#id_title", "配网自动化技术交流")
    page.fill("#id_occurred_on", (today - timedelta(days=1)).isoformat())
    # the participant picker is a searchable multi-select: type part of the name, pick it
    page.locator("#id_customer_participants-ts-control").fill("刘")
    page.locator(f".ts-dropdown [data-value='{boss.uuid}']").click()
    page.fill("#id_outcomes", "同意在两个变电站试点")
    page.check(f"input[name='rungs_{boss.uuid}'][value=info_sharing]")
    page.click("[data-testid=log-activity] button[type=submit].primary")
    expect(page.locator("h2")).to_contain_text("配网自动化技术交流")
    expect(page.locator("[data-testid=activity-evidence]")).to_contain_text("刘总")
    assert LadderEvidence.objects.get().rung_code == "info_sharing"

    # record the meeting: one issue, one action of ours, one of the customer's (already late)
    page.click("[data-testid=record-meeting]")
    page.fill("#id_listen", "今年供电可靠率考核压力很大")
    page.fill("#id_issue_1_text", "停电时间考核")
    page.select_option("#id_issue_1_domain", "production")
    page.select_option("#id_issue_1_need_type", "explicit")
    page.select_option("#id_issue_1_priority", "high")
    page.fill("#id_action_1_description", "提交试点方案")
    page.select_option("#id_action_1_owner", f"user:{manager.uuid}")
    page.fill("#id_action_1_due_on", (today + timedelta(days=14)).isoformat())
    page.fill("#id_action_2_description", "提供近三年停电数据")
    page.select_option("#id_action_2_owner", f"contact:{boss.uuid}")
    page.fill("#id_action_2_due_on", (today - timedelta(days=1)).isoformat())
    page.fill("#id_execution_plan", "两周内完成方案评审")
    page.fill("#id_next_planned_on", (today + timedelta(days=30)).isoformat())
    page.fill("#id_next_title", "试点方案评审会")
    page.click("[data-testid=meeting-form] button[type=submit].primary")
    expect(page.locator("[data-testid=meeting-record]")).to_contain_text("停电时间考核")
    expect(page.locator("[data-testid=meeting-actions] tr.overdue")).to_have_count(1)
    assert ActionItem.objects.count() == 2
    assert Activity.objects.get().meeting.next_entry.title == "试点方案评审会"
    shoot("24-meeting-record-en")

    # the action board shows both, the customer's late action highlighted
    page.goto(f"{base}/accounts/{account.uuid}/actions/")
    board = page.locator("[data-testid=action-board]")
    expect(board.locator("[data-testid=action-card]")).to_have_count(2)
    expect(board.locator("[data-overdue='1']")).to_contain_text("提供近三年停电数据")
    expect(board.locator("[data-column=open]")).to_contain_text("提交试点方案")
    shoot("25-action-board-en")

    # moving our action to "in progress" inline (htmx) keeps it on the board
    ours = ActionItem.objects.get(owner_side="ours")
    page.select_option(f"#status-{ours.uuid}", "in_progress")
    # choosing in the list posts nothing (arrow keys browse it): the Move button does
    expect(page.locator(f"#action-{ours.uuid}")).to_have_attribute("data-status", "open")
    page.locator(f"#action-{ours.uuid} [data-testid=action-move]").click()
    expect(page.locator(f"#action-{ours.uuid}")).to_have_attribute("data-status", "in_progress")
    # it moved to its column and the counts follow, without a reload (out-of-band swaps)
    expect(page.locator(f"#column-in_progress #action-{ours.uuid}")).to_have_count(1)
    expect(page.locator("#count-in_progress")).to_have_text("1")
    expect(page.locator("#count-open")).to_have_text("1")
    expect(page.locator(f"#status-{ours.uuid}")).to_be_focused()
    ours.refresh_from_db()
    assert ours.status == "in_progress"

    # and the same board in 中文
    page.click("[data-testid=language-zh-hans]")
    expect(page.locator("[data-testid=action-card]")).to_have_count(2)
    expect(page.locator("[data-overdue='1']")).to_contain_text("提供近三年停电数据")
    shoot("26-action-board-zh")

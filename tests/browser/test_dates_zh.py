"""In 中文, forms with a pre-filled date save without the date being touched (issue 10 item 8);
a correction keeps the evidence (item 9); participant pickers are searchable (item 21)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.assessments.models import Assessment
from kam.assessments.services import AnswerInput
from kam.engagement.models import CalendarEntry
from kam.engagement.tests.calendar_factories import entry_for
from kam.scorecard.services import ScorecardFigures, ScorecardInput, scorecard_submit
from tests.factories import CompetitorFactory, ContactFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATTRACTIVENESS = {
    "wallet_size": 8, "profitability": 6, "credit_health": 7, "growth_potential": 9,
    "share_headroom": 5, "needs_fit": 8, "strategic_fit": 10, "reference_value": 4,
}  # fmt: skip
STRENGTH = ["product_tech", "price_value", "service_delivery", "relationship_trust",
            "brand_reputation"]  # fmt: skip


def _seed_scorecard(manager: object, account: object) -> None:
    rival = CompetitorFactory(name="施耐德电气")
    answers = [
        AnswerInput(code, Decimal(value), assessor=manager, evidence=f"依据 {code}")
        for code, value in ATTRACTIVENESS.items()
    ]
    strength = [AnswerInput(code, Decimal(7), assessor=manager) for code in STRENGTH]
    strength += [
        AnswerInput(code, Decimal(6), assessor=manager, competitor=rival) for code in STRENGTH
    ]
    scorecard_submit(
        actor=manager,
        account=account,
        data=ScorecardInput(
            period="2025",
            assessed_on=date(2025, 3, 1),
            attractiveness_answers=answers,
            strength_answers=strength,
            figures=ScorecardFigures(Decimal("86000000"), Decimal("150000000")),
        ),
    )


def test_it_saves_prefilled_dates_untouched_in_chinese(
    live_server: object, page: object, shoot: object
) -> None:
    manager = UserFactory(
        username="li.ming", display_name="李明", role="account_manager", language="zh-hans"
    )
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager,
            current_revenue=86_000_000,
        ),
    )  # fmt: skip
    boss = ContactFactory(account=account, name="刘总", title="总经理")
    _seed_scorecard(manager, account)
    entry = entry_for(manager, account, title="季度规划会", planned_on=date(2027, 3, 9))
    today = timezone.localdate()
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "li.ming")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    # the scorecard form, pre-filled from the last one: submitted without touching anything
    page.goto(f"{base}/accounts/{account.uuid}/scorecard/new/")
    expect(page.locator("#id_assessed_on")).to_have_value(today.isoformat())
    shoot("dates-zh-01-scorecard-form")
    page.click("button[type=submit].primary")
    expect(page).to_have_url(f"{base}/accounts/{account.uuid}/scorecard/")
    scorecards = Assessment.objects.filter(tool_code="scorecard_attractiveness", assessed_on=today)
    assert scorecards.count() == 1

    # a new score sheet: one item answered, the date untouched
    page.goto(f"{base}/accounts/{account.uuid}/assessments/org_score_sheet/new/")
    expect(page.locator("#id_assessed_on")).to_have_value(today.isoformat())
    expect(page.locator("#id_value__c_info__0")).to_have_value("")
    page.select_option("#id_value__c_info__0", "4")
    page.fill("#id_evidence__c_info", "每月共享运行数据")
    page.fill("#id_note", "首次评估")
    page.click("button[type=submit].primary")
    expect(page.locator("[data-testid=total]")).to_be_visible()
    sheet = Assessment.objects.get(tool_code="org_score_sheet")
    assert sheet.assessed_on == today

    # its correction (更正): everything carried over, saved untouched
    page.click("text=更正（生成新快照）")
    expect(page.locator("#id_assessed_on")).to_have_value(today.isoformat())
    expect(page.locator("#id_evidence__c_info")).to_have_value("每月共享运行数据")
    expect(page.locator("#id_value__c_info__0")).to_have_value("4")
    shoot("dates-zh-02-score-sheet-correction")
    page.click("button[type=submit].primary")
    expect(page.locator("[data-testid=total]")).to_be_visible()
    corrected = Assessment.objects.get(tool_code="org_score_sheet", is_current=True)
    assert corrected.supersedes_id == sheet.pk
    assert corrected.note == "首次评估"
    assert [r.evidence for r in corrected.responses.all()] == ["每月共享运行数据"]

    # a calendar entry: its date untouched, a participant picked by typing part of the name
    page.goto(f"{base}/calendar/entries/{entry.uuid}/")
    expect(page.locator("#id_planned_on")).to_have_value("2027-03-09")
    page.locator("#id_customer_participants-ts-control").fill("刘")
    page.locator(f".ts-dropdown [data-value='{boss.pk}']").click()
    page.fill("#id_start_time", "09:30")
    page.fill("#id_end_time", "11:00")
    page.fill("#id_location", "上海总部 3 楼")
    shoot("dates-zh-03-calendar-entry")
    page.click("[data-testid=entry-form] button[type=submit].primary")
    expect(page.locator(".message").first).to_be_visible()
    entry = CalendarEntry.objects.get(pk=entry.pk)
    assert entry.planned_on == date(2027, 3, 9)
    assert list(entry.customer_participants.all()) == [boss]
    assert entry.location == "上海总部 3 楼"

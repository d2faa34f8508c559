"""In 中文 and in English: add an implicit, deep need from a meeting record's 区分 (distinguish)
section, address it as a strategic-matching item, and see the iceberg's counts change;
screenshots at 1280 and 390 px per language."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.engagement.meetings.services import MeetingRecordInput, meeting_record_save
from kam.engagement.models import MatchingItem
from kam.engagement.tests.meeting_factories import logged_activity
from kam.needs.models import Need
from kam.needs.services import NeedInput, need_create
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import ContactFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Lines of the surface layer's name that leave its peak (a trapezoid cut by clip-path from
# inset % at the top to the full width at the bottom).
SURFACE_NAME_CUT = """() => {
  const layer = document.querySelector("[data-testid=iceberg-surface]");
  const box = layer.getBoundingClientRect();
  const inset = parseFloat(getComputedStyle(layer).clipPath.match(/polygon\\(([\\d.]+)%/)[1]) / 100;
  const range = document.createRange();
  range.selectNodeContents(layer.querySelector(".layer-name"));
  return [...range.getClientRects()].filter((line) => {
    const margin = box.width * inset * (1 - (line.top - box.top) / box.height);
    return line.left < box.left + margin || line.right > box.right - margin;
  }).length;
}"""
# Card captions (a list's column names at a phone's width) taller than their cell: they would run
# into the next line of the card.
CAPTIONS_OVERFLOWING = """(selector) => [...document.querySelectorAll(selector + " td[data-label]")]
  .filter((cell) => parseFloat(getComputedStyle(cell, "::before").height) > cell.clientHeight)
  .map((cell) => cell.dataset.label)"""

# What a person reads on the way, per language of the switcher.
LABELS = {
    "zh-hans": {
        "no_open": "其中 0 个未处理",
        "one_open": "其中 1 个未处理",
        "addressed": "已制定匹配方案",
    },
    "en": {
        "no_open": "0 open",
        "one_open": "1 open",
        "addressed": "Addressed",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_adds_a_deep_need_from_a_meeting_and_addresses_it(
    live_server: object, page: object, language: str
) -> None:
    labels = LABELS[language]
    shot = language.split("-")[0]
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager,
            current_revenue=86_000_000,
        ),
    )  # fmt: skip
    boss = ContactFactory(account=account, name="刘总", title="信息中心主任")
    activity = logged_activity(
        manager, account, title="数字化规划交流", customer_participants=[boss]
    )
    meeting = meeting_record_save(
        actor=manager,
        activity=activity,
        record=MeetingRecordInput(
            listen="刘总多次提到去年系统切换出过问题",
            issues=[
                ("担心新系统上线失败影响个人考核", "it_digital", "implicit", "high"),
                ("要求备件价格下调", "finance", "explicit", "medium"),
            ],
        ),
    )
    need_create(actor=manager, account=account, need=NeedInput(title="缩短交付周期"))
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    page.click(f"[data-testid=language-{language}]")
    expect(page.locator(f"[data-testid=language-{language}]")).to_have_attribute(
        "aria-pressed", "true"
    )

    # the account's needs: nothing below the waterline yet
    page.goto(f"{base}/accounts/{account.uuid}/needs/")
    expect(page.locator("[data-testid=iceberg-deep-count]")).to_have_text("0")
    expect(page.locator("[data-testid=iceberg-surface-count]")).to_have_text("1")

    # from the meeting record's 区分 section, record the implicit issue as a deep, personal need
    page.goto(f"{base}/meetings/{meeting.uuid}/")
    page.locator("[data-testid=issue-to-need]").first.click()
    expect(page.locator("#id_title")).to_have_value("担心新系统上线失败影响个人考核")
    expect(page.locator("#id_visibility")).to_have_value("implicit")
    page.select_option("#id_iceberg_layer", "deep")
    page.select_option("#id_level", "personal")
    page.select_option("#id_contact", str(boss.uuid))
    shoot_both_widths(page, f"needs-from-meeting-{shot}")
    page.click("[data-testid=meeting-need-form] button[type=submit]")
    expect(page.locator("[data-testid=meeting-needs]")).to_contain_text(
        "担心新系统上线失败影响个人考核"
    )
    need = Need.objects.get(iceberg_layer="deep")
    assert (need.source_meeting, need.contact, need.visibility) == (meeting, boss, "implicit")

    # the iceberg counts it, open; the discovery ratio moves to one in two
    page.goto(f"{base}/accounts/{account.uuid}/needs/")
    expect(page.locator("[data-testid=iceberg-deep-count]")).to_have_text("1")
    expect(page.locator("[data-testid=iceberg-deep-open]")).to_have_text(labels["one_open"])
    expect(page.locator("[data-testid=discovery-ratio]")).to_have_text("50%")

    # click the deep layer, then address the need with a matching item
    page.click("[data-testid=iceberg-deep]")
    expect(page.locator("[data-testid=need-row]")).to_have_count(1)
    page.click("[data-testid=address-need]")
    expect(page.locator("[data-testid=iceberg-deep-open]")).to_have_text(labels["no_open"])
    expect(page.locator("[data-testid=need-row]")).to_contain_text(labels["addressed"])
    item = MatchingItem.objects.get()
    assert (item.problem, item.customer_owner, item.meeting) == (
        "担心新系统上线失败影响个人考核",
        boss,
        meeting,
    )
    page.goto(f"{base}/accounts/{account.uuid}/needs/")
    for width in (1280, 390):  # the layer names and the needs' captions stay readable
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(SURFACE_NAME_CUT) == 0, width
        assert page.evaluate(CAPTIONS_OVERFLOWING, "[data-testid=need-table]") == [], width
    shoot_both_widths(page, f"needs-account-{shot}")
    page.goto(f"{base}/needs/{need.uuid}/")
    shoot_both_widths(page, f"needs-edit-{shot}")
    page.goto(f"{base}/meetings/{meeting.uuid}/")
    # at a phone's width each classified issue is a card headed by the issue, not a thin column
    page.set_viewport_size({"width": 390, "height": 900})
    issue = page.locator("[data-testid=meeting-issues] td.cell-title").first
    assert issue.bounding_box()["width"] > 280
    assert page.evaluate(CAPTIONS_OVERFLOWING, "[data-testid=meeting-issues]") == []
    shoot_both_widths(page, f"needs-meeting-{shot}")
    page.goto(f"{base}/contacts/{boss.uuid}/card/")
    expect(page.locator("[data-testid=card-needs]")).to_contain_text(
        "担心新系统上线失败影响个人考核"
    )
    shoot_both_widths(page, f"needs-card-{shot}")

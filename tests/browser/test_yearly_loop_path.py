"""Issue 13, closing the yearly loop, in 中文 and in English: a key account manager opens the
2026 plan of an account whose records show gaps, turns two gaps into objectives, a director
approves the plan, the responsibility letter is generated and signed by both, an activity is
logged, a quarterly review is recorded, the management cycle wheel moves on, and the plan is
exported as a PDF whose first page is drawn to a PNG. Screenshots at 1280 and 390 px."""

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.cycle.services import cycle_settings_update
from kam.health.services import WalletInput, wallet_estimate_save
from kam.letters.models import ResponsibilityLetter
from kam.plans.models import AccountPlan
from kam.plans.tests.conftest import score_org_sheet
from tests.browser.conftest import SHOTS, shoot_both_widths, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ACCOUNT = "华东电力集团"

LABELS = {
    "zh-hans": {
        "gap_org": "组织关系层级维度低于目标：匹配 — 2026 得分 20.0（满分 100），低于目标 60。",
        "gap_sow": "钱包份额提升空间：钱包份额 20.0% — 2026：低于目标份额 50.0%。",
        "sections": "客户栏目", "plan_tab": "年度规划", "year": "年份", "open": "新建规划书",
        "target": "目标", "weight": "权重", "owner": "负责人", "save": "保存目标",
        "draft": "草稿", "approved": "已批准", "generate": "生成",
        "letter_draft": "草稿", "owner_signed": "责任人已签署", "signed": "已签署",
        "sign_owner": "作为责任人签署", "sign_approver": "作为审批人签署",
        "action": "纠偏措施 1", "action_owner": "措施 1 负责人", "due": "措施 1 完成期限",
        "record": "记录回顾", "rating": "待改进",
        "assess": "分析评估", "phase_plan": "规划", "targets": "目标分解", "execute": "执行",
        "done": "已完成", "in_progress": "进行中", "not_started": "未开始",
    },
    "en": {
        "gap_org": "Organisation relationship dimension below target: Matching — 20.0 of 100 in "
                   "2026, below the target of 60.",
        "gap_sow": "Share-of-wallet headroom: Share of wallet 20.0% — 2026: below the target "
                   "share of 50.0%.",
        "sections": "Account sections", "plan_tab": "Plan", "year": "Year", "open": "Open the plan",
        "target": "Target", "weight": "Weight", "owner": "Owner", "save": "Save the objective",
        "draft": "Draft", "approved": "Approved", "generate": "Generate",
        "letter_draft": "Draft", "owner_signed": "Signed by the owner", "signed": "Signed",
        "sign_owner": "Sign as the owner", "sign_approver": "Sign as the approver",
        "action": "Corrective action 1", "action_owner": "Owner of action 1",
        "due": "Due date of action 1", "record": "Record the review",
        "rating": "Needs improvement",
        "assess": "Assess", "phase_plan": "Plan", "targets": "Set targets", "execute": "Execute",
        "done": "Done", "in_progress": "In progress", "not_started": "Not started",
    },
}  # fmt: skip


def _choose_language(page: object, language: str) -> None:
    page.click(f"[data-testid=language-{language}]")  # type: ignore[attr-defined]
    expect(page.locator(f"[data-testid=language-{language}]")).to_have_attribute(  # type: ignore[attr-defined]
        "aria-pressed", "true"
    )


def _field(page: object, label: str) -> object:
    """The form control labelled exactly `label` (a required field's label ends in " *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))  # type: ignore[attr-defined]


def _current_phase(page: object, url: str) -> str:
    page.goto(url)  # type: ignore[attr-defined]
    return page.locator("[data-testid=cycle-current]").inner_text().strip()  # type: ignore[attr-defined]


def _seed() -> tuple[object, object, object]:
    """li.ming's account whose records show two gaps: the T4 dimension 匹配 scored 1 of 5 (20 of
    100, under the target of 60) and a 20 % share of wallet under the target share. The Assess
    phase needs only the score sheet (an administrator's setting), so the wheel starts at Plan."""
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    director = UserFactory(username="zhang.wei", display_name="张伟", role="director")
    account = account_create(
        actor=manager,
        data=AccountInput(name=ACCOUNT, industry="energy", region="east_china", owner=manager),
    )
    cycle_settings_update(actor=director, assess_tools=["org_score_sheet"], assess_lead_months=3)
    score_org_sheet(
        manager, account,
        {"communication": 4, "matching": 1, "joint": 4, "identification": 4}, "2026",
    )  # fmt: skip
    wallet_estimate_save(
        actor=manager, account=account,
        data=WalletInput(period="2026", category_code="power", category_label="电力设备",
                         customer_total_spend=Decimal("1000000"), our_revenue=Decimal("200000"),
                         currency="CNY"),
    )  # fmt: skip
    return manager, director, account


def _shoot(page: object, name: str) -> None:
    """Screenshots at both widths; at 390 px nothing scrolls sideways."""
    shoot_both_widths(page, name)
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 900})  # type: ignore[attr-defined]


def _phase(page: object, code: str) -> object:
    return page.locator(f"[data-testid=cycle-phases] li[data-phase={code}]")  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_closes_the_yearly_loop(
    live_server: object, page: object, browser: object, language: str
) -> None:
    labels = LABELS[language]
    short = language.split("-")[0]
    manager, _director, account = _seed()
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    _choose_language(page, language)

    # 1. the account's Plan tab: open the 2026 plan; section 4 lists the gaps
    page.goto(f"{base}/accounts/{account.uuid}/")
    page.get_by_role("navigation", name=labels["sections"]).get_by_role(
        "link", name=labels["plan_tab"], exact=True
    ).click()
    expect(page.locator("[data-testid=plans-empty]")).to_be_visible()
    _field(page, labels["year"]).fill("2026")
    page.get_by_role("button", name=labels["open"]).click()
    expect(page.locator("[data-testid=plan-status]")).to_have_text(labels["draft"])
    plan = AccountPlan.objects.get(account=account, year=2026)
    plan_url = f"{base}/accounts/{account.uuid}/plans/{plan.uuid}/"
    cycle_url = f"{base}/accounts/{account.uuid}/cycle/?year=2026"
    assert page.url.split("#")[0] == plan_url
    gaps = page.locator("[data-testid=plan-gap]")
    # the two gaps of the records, then the power map's red flags (nobody mapped yet)
    expect(gaps).to_have_count(7)
    expect(gaps.nth(0)).to_contain_text(labels["gap_org"])
    expect(gaps.nth(1)).to_contain_text(labels["gap_sow"])
    expect(page.locator("[data-testid=plan-objectives-empty]")).to_be_visible()
    _shoot(page, f"yearly-loop-{short}-plan-gaps")
    assert _current_phase(page, cycle_url) == labels["phase_plan"]

    # 2. two gaps become objectives, owned by li.ming; the weights add up to 100
    page.goto(plan_url)
    page.locator("[data-testid=gap-make-objective][href*='org_dimension']").click()
    expect(_field(page, labels["owner"])).to_have_value(str(manager.pk))
    _field(page, labels["target"]).fill("70")
    _field(page, labels["weight"]).fill("40")
    page.get_by_role("button", name=labels["save"]).click()
    expect(page.locator("[data-testid=plan-objective]")).to_have_count(1)
    page.locator("[data-testid=gap-make-objective][href*='sow_headroom']").click()
    expect(_field(page, labels["target"])).to_have_value("50.0")
    _field(page, labels["weight"]).fill("60")
    page.get_by_role("button", name=labels["save"]).click()
    expect(page.locator("[data-testid=plan-objective]")).to_have_count(2)

    # 3. the director approves the plan, in a browser of their own
    director_context = browser.new_context(  # type: ignore[attr-defined]
        locale="zh-CN" if short == "zh" else "en-US", viewport={"width": 1280, "height": 900}
    )
    boss = director_context.new_page()
    boss.set_default_timeout(15_000)
    try:
        sign_in(boss, base, "zhang.wei")
        _choose_language(boss, language)
        boss.goto(plan_url)
        boss.click("[data-testid=plan-approve]")
        expect(boss.locator("[data-testid=plan-status]")).to_have_text(labels["approved"])
        expect(boss.locator("[data-testid=plan-approve]")).to_have_count(0)
        assert _current_phase(page, cycle_url) == labels["targets"]

        # 4. the responsibility letter: generated for li.ming, signed by him, then the director
        page.goto(plan_url)
        page.click("[data-testid=plan-letters]")
        expect(page.locator("[data-testid=letters-empty]")).to_be_visible()
        _field(page, labels["owner"]).select_option(label="李明")
        page.get_by_role("button", name=labels["generate"], exact=True).click()
        expect(page.locator("[data-testid=letter-status]")).to_have_text(labels["letter_draft"])
        expect(page.locator("[data-testid=letter-problems]")).to_have_count(0)
        letter_url = page.url
        expect(page.locator("[data-testid=letter-sign]")).to_have_text(labels["sign_owner"])
        page.click("[data-testid=letter-sign]")
        expect(page.locator("[data-testid=letter-status]")).to_have_text(labels["owner_signed"])
        expect(page.locator("[data-testid=letter-sign]")).to_have_count(0)
        before = _current_phase(page, cycle_url)
        boss.goto(letter_url)
        expect(boss.locator("[data-testid=letter-sign]")).to_have_text(labels["sign_approver"])
        boss.click("[data-testid=letter-sign]")
        expect(boss.locator("[data-testid=letter-status]")).to_have_text(labels["signed"])
        expect(boss.locator("[data-testid=letter-sign]")).to_have_count(0)
        _shoot(boss, f"yearly-loop-{short}-letter-signed")
    finally:
        director_context.close()
    assert ResponsibilityLetter.objects.get().status == "signed"
    after = _current_phase(page, cycle_url)
    assert (before, after) == (labels["targets"], labels["execute"])

    # 5. an activity: a senior visit logged on the account's activities page
    page.goto(f"{base}/accounts/{account.uuid}/activities/")
    page.click("[data-testid=log-activity] summary")
    page.select_option("#id_mechanism", "tech_exchange_service")
    page.fill("#id_title", "配网自动化技术交流")
    page.fill("#id_occurred_on", "2026-11-20")
    page.click("[data-testid=log-activity] button[type=submit].primary")
    expect(page.locator("h2")).to_contain_text("配网自动化技术交流")

    # 6. a quarterly review on the plan's first review date, with a corrective action
    page.goto(plan_url)
    page.click("[data-testid=plan-reviews-link]")
    expect(page.locator("[data-testid=reviews-empty]")).to_be_visible()
    page.click("[data-testid=review-new]")
    expect(page.locator("#id_kind")).to_have_value("quarterly")
    expect(page.locator("#id_review_on")).to_have_value("2026-03-31")
    _field(page, labels["action"]).fill("拜访采购总监")
    _field(page, labels["action_owner"]).select_option(label="李明")
    _field(page, labels["due"]).fill("2026-12-31")
    page.get_by_role("button", name=labels["record"]).click()
    expect(page.locator("[data-testid=review-objective]")).to_have_count(2)
    # 组织关系得分 65 of 70 (weight 40) and share of wallet 20 of 50 (weight 60): 37.14 + 24
    expect(page.locator("[data-testid=review-score]")).to_have_text("61.14")
    expect(page.locator("[data-testid=review-rating]")).to_have_text(labels["rating"])
    expect(page.locator("[data-testid=review-vs-past]")).to_be_visible()
    expect(page.locator("[data-testid=review-vs-competitor]")).to_be_visible()
    expect(page.locator("[data-testid=review-action]")).to_contain_text("拜访采购总监")
    _shoot(page, f"yearly-loop-{short}-review")

    # 7. the wheel: assessed, planned and targets set; executing, reviewing and improving
    page.goto(plan_url)
    page.click("[data-testid=plan-cycle]")
    expect(page).to_have_url(cycle_url)
    expect(page.locator("[data-testid=cycle-current]")).to_have_text(labels["execute"])
    expected = {"assess": "done", "plan": "done", "targets": "done", "execute": "in_progress",
                "review": "in_progress", "improve": "in_progress"}  # fmt: skip
    for code, status in expected.items():
        expect(_phase(page, code)).to_have_class(re.compile(rf"\bstatus-{status}\b"))
        expect(_phase(page, code).locator(".cycle-status")).to_have_text(labels[status])
    expect(_phase(page, "execute")).to_have_attribute("aria-current", "step")
    expect(page.locator("[data-testid=cycle-wheel-chart] canvas")).to_have_count(1)
    _shoot(page, f"yearly-loop-{short}-wheel")

    # 8. the plan as a PDF: downloaded, its first page drawn to a PNG and read as text
    page.goto(plan_url)
    with page.expect_download() as download_info:
        page.click("[data-testid=export-pdf]")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / f"yearly-loop-plan-{short}.pdf"
    download_info.value.save_as(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    prefix = SHOTS / f"yearly-loop-plan-{short}-page1"
    subprocess.run(  # noqa: S603
        ["/usr/bin/pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
         str(pdf), str(prefix)],
        check=True, timeout=60,
    )  # fmt: skip
    png = Path(f"{prefix}.png")
    assert png.exists()
    assert png.stat().st_size > 10_000
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    assert ACCOUNT in text

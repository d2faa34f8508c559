"""Score the organisation relationship sheet in the browser; see the level, coordinate, ladder."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.assessments.models import Assessment
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# 沟通 4,3,5 · 匹配 2,2,3 · 联合 4,4,4 · 认同 5,4,4 → 73.3, gated down to 普通合作
SCORES = {"c_exec_freq": 4, "c_channels": 3, "c_info": 5, "m_strategy": 2, "m_solution": 2,
          "m_org": 3, "j_plan": 4, "j_project": 4, "j_innovation": 4, "i_brand": 5,
          "i_status": 4, "i_public": 4}  # fmt: skip


def test_it_scores_the_org_sheet_and_explains_the_gate(
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
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "li.ming")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")

    expect(page.locator("h1")).to_have_text("My day")  # signed in
    page.goto(f"{live_server.url}/accounts/{account.uuid}/relationship/")
    expect(page.locator(".empty")).to_contain_text("No relationship assessment yet.")
    page.click("[data-testid=score-org-sheet]")
    for code, value in SCORES.items():
        page.select_option(f"#id_value__{code}__0", str(value))
    page.fill("#id_evidence__m_strategy", "我方路线图尚未覆盖其新能源战略")
    page.fill("#id_period", "2026")
    page.fill("#id_assessed_on", "2026-03-01")
    shoot("10-org-score-sheet-form-en")
    page.click("button[type=submit].primary")

    expect(page.locator("[data-testid=total]")).to_contain_text("73.3")
    expect(page.locator("[data-testid=band]")).to_contain_text("Cooperative")
    expect(page.locator(".callout.warning")).to_contain_text(
        "Interdependent requires Matching ≥ 50, but it is 46.7: lowered to Cooperative."
    )
    shoot("11-org-score-sheet-explained-en")

    page.click("nav.tabs >> text=Relationship assessment")
    expect(page.locator("[data-testid=org-level]")).to_have_text("Cooperative")
    expect(page.locator("[data-testid=coordinate-chart] canvas")).to_have_count(1)
    shoot("12-relationship-coordinate-en")
    page.click("[data-testid=language-zh-hans]")
    expect(page.locator("[data-testid=org-level]")).to_have_text("普通合作")
    shoot("13-relationship-coordinate-zh")
    page.goto(f"{live_server.url}/assessments/{Assessment.objects.get().uuid}/")
    expect(page.locator("[data-testid=band]")).to_contain_text("普通合作")
    shoot("14-org-score-sheet-explained-zh")
    assert Assessment.objects.get().band == "cooperative"

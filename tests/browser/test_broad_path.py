"""In 中文: fill a row of the responsibility matrix (first refused: no R, shown next to the
row), mark a coverage cell as a target, raise a contact's coverage and see the coverage rate
and the T2 broad dimension change; screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.broad.models import RaciAssignment
from kam.broad.services import raci_row_create
from kam.relationship.tests.test_relationship import ORG_CODES, score
from tests.browser.conftest import shoot_both_widths, sign_in
from tests.factories import ContactFactory, TeamMembershipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_fills_a_matrix_row_and_sees_coverage_change(live_server: object, page: object) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    solution = UserFactory(username="zhao.lei", display_name="赵磊", role="team_member")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager,
            current_revenue=86_000_000,
        ),
    )  # fmt: skip
    TeamMembershipFactory(account=account, user=solution, team_role="solution")
    buyer = ContactFactory(
        account=account, name="王芳", title="采购经理", function="procurement",
        seniority="middle", coverage="brief",
    )  # fmt: skip
    score(manager, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")
    row = raci_row_create(actor=manager, account=account, function="procurement", level="middle")
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "li.ming")
    page.click("[data-testid=language-zh-hans]")

    # the matrix: the row has nobody, so it is marked uncovered
    page.goto(f"{base}/accounts/{account.uuid}/broad/")
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text("普遍关系")
    expect(page.locator("[data-testid=raci-row]")).to_contain_text("无人执行")
    # fill it with A and C: refused next to the row, nothing written
    page.get_by_label("采购 · 中层 · 李明").select_option("A")
    page.get_by_label("采购 · 中层 · 赵磊").select_option("C")
    page.get_by_role("button", name="保存行：采购 · 中层").click()
    expect(page.locator("[data-testid=raci-row-errors]")).to_have_text(
        "请为这一行指定至少一名负责执行人（R）。"
    )
    assert RaciAssignment.objects.count() == 0
    shoot_both_widths(page, "broad-matrix-refused")
    # then with R for the solution colleague: saved
    page.get_by_label("采购 · 中层 · 赵磊").select_option("R")
    page.get_by_role("button", name="保存行：采购 · 中层").click()
    expect(page.locator(f"#row-{row.uuid}")).to_contain_text("通过")
    assert sorted(RaciAssignment.objects.values_list("role", flat=True)) == ["A", "R"]
    shoot_both_widths(page, "broad-matrix")

    # coverage: mark 采购 · 中层 as a target; the cell is thin (known, not covered), rate 0 %
    page.click("nav.subtabs >> text=覆盖热力图")
    cell = page.locator("[data-testid=coverage-cell-procurement-middle]")
    cell.get_by_role("button", name="设为目标：采购 · 中层").click()
    expect(page.locator("[data-testid=coverage-rate]")).to_contain_text("0.0%")
    expect(cell).to_have_attribute("data-colour", "thin")

    # raise 王芳's coverage to 多次接触 from the people of the cell
    cell.locator("a.cell-link").click()
    page.locator("[data-testid=coverage-people] a", has_text="王芳").click()
    page.goto(f"{base}/contacts/{buyer.uuid}/map/")
    page.select_option("#id_coverage", "multiple")
    page.locator("form button[type=submit].primary").first.click()
    page.goto(f"{base}/accounts/{account.uuid}/broad/coverage/")
    expect(page.locator("[data-testid=coverage-rate]")).to_contain_text("100.0%")
    expect(cell).to_have_attribute("data-colour", "covered")
    shoot_both_widths(page, "broad-coverage")

    # and the T2 coordinate names the coverage as the source of its broad dimension
    page.goto(f"{base}/accounts/{account.uuid}/relationship/")
    expect(page.locator("[data-testid=broad-derived]")).to_contain_text(
        "普遍关系 100.0：由覆盖率得出，1 个目标格中已覆盖 1 个。"
    )

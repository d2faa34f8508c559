"""In 中文 and in English: fill a row of the responsibility matrix (first refused: no R, shown
next to the row), mark a coverage cell as a target, raise a contact's coverage and see the
coverage rate and the T2 broad dimension change; screenshots at 1280 and 390 px per language."""

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

# What a person reads on the way, per language of the switcher.
LABELS = {
    "zh-hans": {
        "tab": "普遍关系",
        "team": "李明、赵磊",
        "idle": "在团队中但未负责任何行：李明、赵磊",
        "uncovered": "无人执行",
        "cell": "采购 · 中层",
        "save_row": "保存行：采购 · 中层",
        "no_r": "请为这一行指定至少一名负责执行人（R）。",
        "ok": "通过",
        "solution": "方案",
        "coverage_subtab": "覆盖热力图",
        "mark_target": "设为目标：采购 · 中层",
        "rate": "部门层级覆盖率： 100.0% 1 个目标格中有 1 个已有“多次接触”及以上的联系人",
        "derived": "普遍关系 100.0：由覆盖率得出，1 个目标格中已覆盖 1 个。",
    },
    "en": {
        "tab": "Broad ties",
        "team": "李明, 赵磊",
        "idle": "On the team but in no row: 李明, 赵磊",
        "uncovered": "uncovered",
        "cell": "Procurement · Middle management",
        "save_row": "Save row Procurement · Middle management",
        "no_r": "Name at least one person responsible (R) for this row.",
        "ok": "OK",
        "solution": "Solution",
        "coverage_subtab": "Coverage",
        "mark_target": "Mark as target: Procurement · Middle management",
        "rate": (
            'Coverage rate: 100.0% 1 of 1 target cells have a contact at the "Multiple contacts"'
            " level or deeper"
        ),
        "derived": (
            "Broad relationship 100.0: derived from coverage, 1 of 1 target cells covered."
        ),
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_fills_a_matrix_row_and_sees_coverage_change(
    live_server: object, page: object, language: str
) -> None:
    labels = LABELS[language]
    shot = language.split("-")[0]
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
    page.click(f"[data-testid=language-{language}]")
    expect(page.locator(f"[data-testid=language-{language}]")).to_have_attribute(
        "aria-pressed", "true"
    )

    # the matrix: the row has nobody, so it is marked uncovered
    page.goto(f"{base}/accounts/{account.uuid}/broad/")
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text(labels["tab"])
    expect(page.locator("[data-testid=raci-row]")).to_contain_text(labels["uncovered"])
    # names are listed with the language's separator, in the header and under the legend
    expect(page.locator(".account-header")).to_contain_text(labels["team"])
    expect(page.locator("[data-testid=raci-idle]")).to_have_text(labels["idle"])
    # the solution colleague's column names the team role in the page's language
    expect(page.locator("[data-testid=raci-table] thead")).to_contain_text(labels["solution"])
    # fill it with A and C: refused next to the row, nothing written
    page.get_by_label(f"{labels['cell']} · 李明").select_option("A")
    page.get_by_label(f"{labels['cell']} · 赵磊").select_option("C")
    page.get_by_role("button", name=labels["save_row"]).click()
    expect(page.locator("[data-testid=raci-row-errors]")).to_have_text(labels["no_r"])
    assert RaciAssignment.objects.count() == 0
    shoot_both_widths(page, f"broad-matrix-refused-{shot}")
    # then with R for the solution colleague: saved
    page.get_by_label(f"{labels['cell']} · 赵磊").select_option("R")
    page.get_by_role("button", name=labels["save_row"]).click()
    expect(page.locator(f"#row-{row.uuid}")).to_contain_text(labels["ok"])
    assert sorted(RaciAssignment.objects.values_list("role", flat=True)) == ["A", "R"]
    shoot_both_widths(page, f"broad-matrix-{shot}")

    # coverage: mark the cell as a target; it is thin (known, not covered), rate 0 %
    page.click(f"nav.subtabs >> text={labels['coverage_subtab']}")
    cell = page.locator("[data-testid=coverage-cell-procurement-middle]")
    cell.get_by_role("button", name=labels["mark_target"]).click()
    expect(page.locator("[data-testid=coverage-rate]")).to_contain_text("0.0%")
    expect(cell).to_have_attribute("data-colour", "thin")

    # raise 王芳's coverage to "multiple contacts" from the people of the cell
    cell.locator("a.cell-link").click()
    page.locator("[data-testid=coverage-people] a", has_text="王芳").click()
    page.goto(f"{base}/contacts/{buyer.uuid}/map/")
    page.select_option("#id_coverage", "multiple")
    page.locator("form button[type=submit].primary").first.click()
    page.goto(f"{base}/accounts/{account.uuid}/broad/coverage/")
    expect(page.locator("[data-testid=coverage-rate]")).to_have_text(labels["rate"])
    expect(cell).to_have_attribute("data-colour", "covered")
    shoot_both_widths(page, f"broad-coverage-{shot}")

    # and the T2 coordinate names the coverage as the source of its broad dimension
    page.goto(f"{base}/accounts/{account.uuid}/relationship/")
    expect(page.locator("[data-testid=broad-derived]")).to_contain_text(labels["derived"])
    shoot_both_widths(page, f"broad-relationship-{shot}")

"""Import in 中文, as a person clicks it: the account's contacts → 导入 → upload an .xlsx →
progress bar → preview with each error on its row and column → 导入有效行 → progress → summary.

The worker: the live server runs in this process on the test database (SQLite in memory), which
a `run_worker` subprocess cannot open; so the test runs the real worker command
(`call_command("run_worker", "--batch")`, the same code a worker process runs) in this process,
at the two moments a worker would pick the queued jobs, while the page keeps polling."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from kam.accounts.services import AccountInput, account_create
from kam.imports.tests.helpers import run_jobs, xlsx_bytes
from kam.people.models import Contact
from tests.browser.conftest import SHOTS, sign_in
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["姓名", "邮箱", "职务", "组织单元", "汇报对象", "职能", "层级", "电话"]
ROWS = [
    ["刘总", "liu@example.com", "总经理", "集团总部", "", "总经办/决策层", "高层", ""],
    ["陈静", "chen@example.com", "经理", "集团总部/采购部", "liu@example.com", "采购", "中层", ""],
    ["王磊", "wang@example.com", "工程师", "采购部", "陈静", "", "", "010-6552 8888"],
    ["赵敏", "不是邮箱", "", "采购部", "", "", "", ""],
    ["孙强", "sun@example.com", "", "不存在的部门", "", "", "老板", ""],
]  # fmt: skip


def _shoot(page: object, name: str, shoot: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"import-{name}.png"), full_page=True)
    shoot(f"60-import-{name}")


def test_it_imports_contacts_from_upload_to_summary_in_chinese(
    live_server: object, page: object, shoot: object, tmp_path: Path
) -> None:
    manager = UserFactory(username="li.ming", display_name="李明", role="account_manager")
    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager
        ),
    )
    top = OrgUnitFactory(account=account, name="集团总部", function="general_mgmt")
    OrgUnitFactory(account=account, name="采购部", parent=top, function="procurement")
    upload = tmp_path / "联系人.xlsx"
    upload.write_bytes(xlsx_bytes(HEADER, ROWS))

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, "li.ming")
    page.click("[data-testid=language-zh-hans]")
    page.goto(f"{live_server.url}/accounts/{account.uuid}/contacts/")
    page.click("[data-testid=import-contacts]")
    expect(page.locator("h2").first).to_have_text("导入联系人、组织单元或客户团队")
    expect(page.locator("label[for=id_file]")).to_contain_text("文件")
    _shoot(page, "upload-390", shoot)
    # a wrong file is refused next to the file field, and the choice of kind is kept
    wrong = tmp_path / "notes.txt"
    wrong.write_text("hello")
    page.select_option("#id_kind", "contacts")
    page.set_input_files("#id_file", str(wrong))
    page.click("[data-testid=upload]")
    expect(page.locator("#id_file_error")).to_have_text("请上传 .xlsx 或 .csv 或 .vcf 类型的文件。")
    page.set_input_files("#id_file", str(upload))
    page.click("[data-testid=upload]")

    # the check runs as a job: the page shows a progress bar until it is done
    bar = page.locator("[role=progressbar]")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("#progress-label")).to_have_text("正在检查各行")
    _shoot(page, "progress-390", shoot)
    run_jobs()
    expect(page.locator("[data-testid=errors]")).to_be_visible(timeout=10_000)
    errors = page.locator("[data-testid=errors] tbody tr")
    expect(errors).to_have_count(3)
    expect(errors.nth(0)).to_contain_text("第 5 行")
    expect(errors.nth(0)).to_contain_text("邮箱")
    expect(errors.nth(0)).to_contain_text("请输入有效的邮箱地址。")
    expect(errors.nth(1)).to_contain_text("本客户没有组织单元“不存在的部门”：请先导入它。")
    expect(errors.nth(2)).to_contain_text("“老板”不是层级的可选值：请用高层、中层、基层之一。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shoot(page, "preview-390", shoot)
    page.set_viewport_size({"width": 1280, "height": 900})
    _shoot(page, "preview-1280", shoot)
    assert Contact.objects.count() == 0  # nothing before "import valid rows"

    page.click("[data-testid=confirm]")
    expect(page.locator("#progress-label")).to_have_text("等待导入")
    run_jobs()
    expect(page.locator("#summary-title")).to_have_text("已导入", timeout=10_000)
    expect(page.locator("[data-testid=created]")).to_have_text("3")
    expect(page.locator("[data-testid=skipped]")).to_have_text("2")
    expect(page.locator("#errors-title")).to_have_text("跳过的行及原因")
    _shoot(page, "summary-1280", shoot)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shoot(page, "summary-390", shoot)
    assert sorted(Contact.objects.values_list("name", "reports_to__name")) == [
        ("刘总", None), ("王磊", "陈静"), ("陈静", "刘总")
    ]  # fmt: skip

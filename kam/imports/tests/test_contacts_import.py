"""Contacts import: upload → preview with every row's errors (zh and en) → import the valid rows
only after "import valid rows" → summary; re-importing updates, never duplicates; audited."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kam.audit.models import AuditEntry
from kam.imports.choices import ImportStatus
from kam.imports.columns import error_message
from kam.imports.models import ImportBatch
from kam.imports.selectors import batch_error_rows
from kam.imports.tests.helpers import csv_file, run_jobs, xlsx_file
from kam.people.models import Contact
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

HEADER = ["Name", "Email", "Title", "Org unit", "Reports to", "Function", "Level", "Phone"]
VALID = [
    ["王总", "wang@example.com", "总经理", "集团总部", "", "general_mgmt", "executive", ""],
    ["张伟", "zhang@example.com", "采购总监", "集团总部/采购部", "wang@example.com", "procurement",
     "Middle management", "010-6552 8888"],
    ["李娜", "li.na@example.com", "工程师", "采购部", "张伟", "", "", ""],
    ["赵六", "zhao@example.com", "", "", "", "", "基层", ""],
    ["钱七", "", "顾问", "", "", "", "", ""],
]  # fmt: skip
# 20 bad rows, two of each of 10 kinds of error (lines 7–26 of the file).
BAD = [
    ["", "e1@example.com", "", "", "", "", "", ""],
    ["", "e2@example.com", "", "", "", "", "", ""],
    ["孙一", "not-an-email", "", "", "", "", "", ""],
    ["孙二", "also@bad", "", "", "", "", "", ""],
    ["周一", "zhou1@example.com", "", "", "", "", "boss", ""],
    ["周二", "zhou2@example.com", "", "", "", "销售部", "", ""],
    ["吴一", "wu1@example.com", "", "不存在的部门", "", "", "", ""],
    ["吴二", "wu2@example.com", "", "集团总部/不存在", "", "", "", ""],
    ["郑一", "wang@example.com", "", "", "", "", "", ""],
    ["郑二", "ZHANG@example.com", "", "", "", "", "", ""],
    ["冯一", "feng1@example.com", "", "", "feng2@example.com", "", "", ""],
    ["冯二", "feng2@example.com", "", "", "feng1@example.com", "", "", ""],
    ["陈一", "chen1@example.com", "", "", "nobody@example.com", "", "", ""],
    ["陈二", "chen2@example.com", "", "", "查无此人", "", "", ""],
    ["褚一", "chu1@example.com", "", "", "", "", "", "abc"],
    ["褚二", "chu2@example.com", "", "", "", "", "", "12"],
    ["卫一", "wei1@example.com", "x" * 151, "", "", "", "", ""],
    ["卫二", "wei2@example.com", "y" * 200, "", "", "", "", ""],
    ["蒋一", "jiang1@example.com", "", "信息中心", "", "", "", ""],
    ["蒋二", "jiang2@example.com", "", "信息中心", "", "", "", ""],
]
PHONE_EN = (
    "Enter a phone number: digits with spaces, hyphens or brackets, optionally a + and the "
    "country code and an extension (for example +86 138 0013 8000 or 010-6552 8888 转 123)."
)
EXPECTED_EN = [
    (7, "Name", "Name is required."),
    (8, "Name", "Name is required."),
    (9, "Email", "Enter a valid email address."),
    (10, "Email", "Enter a valid email address."),
    (11, "Level", "“boss” is not a choice of Level: use one of Executive, Middle management, "
                  "Operational staff."),
    (12, "Function", "“销售部” is not a choice of Function: use one of General management, "
                     "Strategy & planning, R&D / engineering, Production & operations, "
                     "Procurement, Quality, Finance, IT, Marketing & sales, Human resources, "
                     "Legal & compliance, Service & maintenance, Other."),
    (13, "Org unit", "There is no org unit “不存在的部门” in this account: import it first."),
    (14, "Org unit", "There is no org unit “集团总部/不存在” in this account: import it first."),
    (15, "Email", "The same Email is already on line 2 of this file."),
    (16, "Email", "The same Email is already on line 3 of this file."),
    (17, "Reports to", "This reporting line would form a cycle: 冯一 → 冯二 → 冯一."),
    (18, "Reports to", "This reporting line would form a cycle: 冯二 → 冯一 → 冯二."),
    (19, "Reports to", "There is no contact “nobody@example.com” in this account or this file."),
    (20, "Reports to", "There is no contact “查无此人” in this account or this file."),
    (21, "Phone", PHONE_EN),
    (22, "Phone", PHONE_EN),
    (23, "Title", "Title has at most 150 characters."),
    (24, "Title", "Title has at most 150 characters."),
    (25, "Org unit", "Several org units are called “信息中心”: write the path, Parent/Unit."),
    (26, "Org unit", "Several org units are called “信息中心”: write the path, Parent/Unit."),
]  # fmt: skip
PHONE_ZH = (
    "请输入电话号码：数字，可用空格、连字符或括号分隔，可带 + 和国家代码及分机号"
    "（例如 +86 138 0013 8000 或 010-6552 8888 转 123）。"
)
EXPECTED_ZH = [
    (7, "姓名", "姓名必填。"),
    (8, "姓名", "姓名必填。"),
    (9, "邮箱", "ZH_EMAIL"),
    (10, "邮箱", "ZH_EMAIL"),
    (11, "层级", "“boss”不是层级的可选值：请用高层、中层、基层之一。"),
    (12, "职能", "ZH_FUNCTION"),
    (13, "组织单元", "本客户没有组织单元“不存在的部门”：请先导入它。"),
    (14, "组织单元", "本客户没有组织单元“集团总部/不存在”：请先导入它。"),
    (15, "邮箱", "文件第 2 行已有相同的邮箱。"),
    (16, "邮箱", "文件第 3 行已有相同的邮箱。"),
    (17, "汇报对象", "该汇报关系会形成循环：冯一 → 冯二 → 冯一。"),
    (18, "汇报对象", "该汇报关系会形成循环：冯二 → 冯一 → 冯二。"),
    (19, "汇报对象", "本客户和本文件中都没有联系人“nobody@example.com”。"),
    (20, "汇报对象", "本客户和本文件中都没有联系人“查无此人”。"),
    (21, "电话", PHONE_ZH),
    (22, "电话", PHONE_ZH),
    (23, "职务", "职务最多 150 个字符。"),
    (24, "职务", "职务最多 150 个字符。"),
    (25, "组织单元", "有多个组织单元叫“信息中心”：请写出路径，如 上级/单元。"),
    (26, "组织单元", "有多个组织单元叫“信息中心”：请写出路径，如 上级/单元。"),
]


@pytest.fixture
def org(account: object) -> None:
    top = OrgUnitFactory(account=account, name="集团总部")
    buying = OrgUnitFactory(account=account, name="采购部", parent=top)
    OrgUnitFactory(account=account, name="信息中心", parent=top)
    OrgUnitFactory(account=account, name="信息中心", parent=buying)


def _upload(client: Client, account: object, upload: object, kind: str = "contacts") -> object:
    url = reverse("imports:account", args=[account.uuid])
    return client.post(url, {"kind": kind, "file": upload})


def _preview_rows(client: Client, batch: ImportBatch) -> list[tuple[int, str, str]]:
    """(line, column, message) of every error row shown on the preview page."""
    import re

    html = client.get(reverse("imports:batch", args=[batch.uuid])).content.decode()
    body = html[html.index('data-testid="errors"') :]
    found = re.findall(
        r'<tr data-line="(\d+)">.*?data-label="[^"]*">([^<]*)</td>.*?class="field-error">([^<]*)<',
        body,
        re.S,
    )
    from html import unescape

    return [(int(line), unescape(column), unescape(message)) for line, column, message in found]


def test_it_shows_each_of_20_bad_rows_on_its_row_and_column_and_imports_only_after_confirm(
    client_for: object, owner: object, account: object, org: None
) -> None:
    # given a file with 5 valid rows and 20 bad rows of 10 kinds
    client = client_for(owner)
    response = _upload(client, account, xlsx_file(HEADER, VALID + BAD))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:batch", args=[batch.uuid])
    # when the check job has run
    run_jobs()
    batch.refresh_from_db()
    # then the preview lists every error on its line and column, in English …
    assert batch.status == ImportStatus.PREVIEW
    assert (batch.total_rows, batch.valid_rows, batch.skipped_count) == (25, 5, 20)
    assert (batch.created_count, batch.updated_count) == (5, 0)
    client.get(reverse("imports:batch", args=[batch.uuid]))
    expected_en = EXPECTED_EN
    assert [
        (row.line, row.column, row.message) for row in batch_error_rows(batch, batch.errors)
    ] == expected_en
    assert _preview_rows(client, batch) == expected_en
    # … and in 中文
    zh = Client(headers={"Accept-Language": "zh-hans"})
    zh.force_login(owner)
    with translation.override("zh-hans"):
        email_zh = str(translation.gettext("Enter a valid email address."))
        functions = "、".join(
            str(label) for label in __import__("kam.people.choices").people.choices.Function.labels
        )
    expected_zh = [
        (line, column, {"ZH_EMAIL": email_zh,
                        "ZH_FUNCTION": f"“销售部”不是职能的可选值：请用{functions}之一。"}.get(
            message, message))
        for line, column, message in EXPECTED_ZH
    ]  # fmt: skip
    assert _preview_rows(zh, batch) == expected_zh
    # and nothing is imported before "import valid rows" is chosen
    run_jobs()
    assert Contact.objects.filter(account=account).count() == 0
    # when the user imports the valid rows
    response = client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
    assert response.status_code == 302
    run_jobs()
    batch.refresh_from_db()
    # then exactly the valid rows are there, linked, and the summary says so
    assert batch.status == ImportStatus.DONE
    assert (batch.created_count, batch.updated_count, batch.skipped_count) == (5, 0, 20)
    contacts = Contact.objects.filter(account=account).select_related("org_unit", "reports_to")
    assert sorted(
        (c.name, c.email, c.org_unit.name if c.org_unit else None,
         c.reports_to.name if c.reports_to else None, c.function, c.seniority)
        for c in contacts
    ) == sorted([
        ("王总", "wang@example.com", "集团总部", None, "general_mgmt", "executive"),
        ("张伟", "zhang@example.com", "采购部", "王总", "procurement", "middle"),
        ("李娜", "li.na@example.com", "采购部", "张伟", "it", "middle"),
        ("赵六", "zhao@example.com", None, None, "other", "operational"),
        ("钱七", "", None, None, "other", "operational"),
    ])  # fmt: skip
    summary = client.get(reverse("imports:batch", args=[batch.uuid])).content.decode()
    assert 'data-testid="created">5<' in summary
    assert 'data-testid="skipped">20<' in summary
    # every created contact is audited with the importing user as actor
    entries = AuditEntry.objects.filter(content_type__model="contact")
    assert entries.count() == 5
    assert set(entries.values_list("actor", flat=True)) == {owner.pk}
    assert set(entries.values_list("account_uuid", flat=True)) == {account.uuid}


def test_it_updates_on_reimport_and_never_duplicates(
    client_for: object, owner: object, account: object, org: None
) -> None:
    client = client_for(owner)
    for _round in range(2):
        _upload(client, account, csv_file(HEADER, VALID))
        run_jobs()
        batch = ImportBatch.objects.order_by("-created_at", "-pk").first()
        client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
        run_jobs()
    batch.refresh_from_db()
    assert Contact.objects.filter(account=account).count() == 5
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 5)
    # a changed title updates the contact (audited as an update)
    changed = [row[:] for row in VALID]
    changed[1][2] = "采购副总"
    _upload(client, account, csv_file(HEADER, changed))
    run_jobs()
    batch = ImportBatch.objects.order_by("-created_at", "-pk").first()
    client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
    run_jobs()
    batch.refresh_from_db()
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 1, 4)
    assert Contact.objects.get(email="zhang@example.com").title == "采购副总"
    update = AuditEntry.objects.get(action="update", content_type__model="contact")
    assert update.changes == {"title": ["采购总监", "采购副总"]}
    assert update.actor == owner


def test_it_refuses_a_bad_file_next_to_the_file_field(
    client_for: object, owner: object, account: object, settings: object
) -> None:
    client = client_for(owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    def refusal(upload: object) -> list[str]:
        response = _upload(client, account, upload)
        assert response.status_code == 400
        return [str(error) for error in response.context["form"].errors["file"]]

    assert refusal(SimpleUploadedFile("notes.txt", b"hello")) == [
        "Upload a file of type .xlsx or .csv or .vcf."
    ]
    assert refusal(SimpleUploadedFile("empty.csv", b"")) == ["The submitted file is empty."]
    assert refusal(csv_file(HEADER, [])) == ["The file has no rows below its header row."]
    assert refusal(csv_file(["Email", "Title"], [["a@example.com", "x"]])) == [
        "The header row lacks the column(s) Name: start from the template."
    ]
    assert refusal(SimpleUploadedFile("fake.xlsx", b"not a zip")) == [
        "This is not an .xlsx workbook: save it from Excel again."
    ]
    settings.KAM_IMPORT_MAX_BYTES = 10
    assert refusal(csv_file(HEADER, VALID)) == [
        "The file is larger than 0 MB: split it into smaller files."
    ]
    assert ImportBatch.objects.count() == 0


def test_it_imports_contacts_from_a_vcard(
    client_for: object, owner: object, account: object, org: None
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    vcard = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王总\r\nEMAIL:wang@example.com\r\nTEL:010-6552 8888\r\n"
        "TITLE:总经理\r\nORG:华东电力;集团总部\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:刘工\r\nEMAIL:liu@example.com\r\nEND:VCARD\r\n"
    )
    client = client_for(owner)
    _upload(client, account, SimpleUploadedFile("cards.vcf", vcard.encode()))
    run_jobs()
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.valid_rows, batch.errors) == (ImportStatus.PREVIEW, 2, [])
    client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
    run_jobs()
    assert sorted(
        Contact.objects.values_list("name", "email", "phone", "title", "org_unit__name")
    ) == [
        ("刘工", "liu@example.com", "", "", None),
        ("王总", "wang@example.com", "010-6552 8888", "总经理", "集团总部"),
    ]


def test_the_error_file_neutralises_formula_like_cells(
    client_for: object, owner: object, account: object, org: None
) -> None:
    client = client_for(owner)
    _upload(client, account, csv_file(HEADER, [['=HYPERLINK("x")', "bad", "", "", "", "", "", ""]]))
    run_jobs()
    batch = ImportBatch.objects.get()
    response = client.get(reverse("imports:batch_errors", args=[batch.uuid]) + "?format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "Row,Problems,Name,Email,Title,Org unit,Reports to,Function,Level,Phone,Notes"
    )
    assert "'=HYPERLINK" in text
    assert "Email: Enter a valid email address." in text
    xlsx = client.get(reverse("imports:batch_errors", args=[batch.uuid]) + "?format=xlsx")
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet["C2"].value == '\'=HYPERLINK("x")'


def test_the_template_has_headers_in_the_users_language_and_drop_down_lists(
    owner: object, account: object
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    zh = Client(headers={"Accept-Language": "zh-hans"})
    zh.force_login(owner)
    response = zh.get(reverse("imports:account_template", args=[account.uuid]) + "?kind=contacts")
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "姓名 *", "邮箱", "职务", "组织单元", "汇报对象", "职能", "层级", "电话", "备注"
    ]  # fmt: skip
    formulas = sorted(v.formula1 for v in sheet.data_validations.dataValidation)
    assert len(formulas) == 2
    lists = workbook.worksheets[1]
    assert [lists.cell(row=r, column=7).value for r in (1, 2, 3)] == ["高层", "中层", "基层"]
    assert workbook.worksheets[2].cell(row=2, column=2).value == "张伟"
    with translation.override("en"):
        message = error_message("contacts", {"code": "required", "column": "name"})
    assert message == "Name is required."

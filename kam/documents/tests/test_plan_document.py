"""The annual plan as a document (T13.4): the plan's ten sections in the order of the course
form, as PDF (drawn, Chinese in an embedded Noto CJK font) and Word, in 中文 and English; an
approved version too; outsiders find nothing."""

import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import docx
import pytest
from django.test import Client
from django.urls import reverse

from kam.accounts.models import Account
from kam.plans.models import AccountPlan, PlanVersion
from kam.plans.tests.objects import plan_objects
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

SECTIONS = {
    "zh-hans": ["1 · 客户概况与类别", "2 · 上年目标与实际", "3 · 现状评估", "4 · 差距与机会",
                "5 · 目标", "6 · 策略与战术", "7 · 行动计划", "8 · 资源与预算",
                "9 · 风险", "10 · 回顾安排"],
    "en": ["1 · Account profile and category", "2 · Last year's objectives and actuals",
           "3 · Current state", "4 · Gaps and opportunities", "5 · Objectives",
           "6 · Strategies and tactics", "7 · Action plan", "8 · Resources and budget",
           "9 · Risks", "10 · Review dates"],
}  # fmt: skip
TITLES = {"zh-hans": "大客户关系提升年度规划书", "en": "Annual relationship-improvement plan"}


@pytest.fixture
def plan(owner: object, account: object) -> AccountPlan:
    keys = plan_objects(owner, account)
    return AccountPlan.objects.get(uuid=keys["plan_uuid"])


def _client(user: object, language: str) -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def _headings(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    return [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.style is not None and paragraph.style.name.startswith(("Heading", "Title"))
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_it_writes_the_plan_as_word_with_the_ten_sections_in_order(
    owner: object, plan: AccountPlan, language: str
) -> None:
    url = reverse("documents:plan_docx", args=[plan.account.uuid, plan.uuid])
    response = _client(owner, language).get(url)
    assert response.status_code == 200
    headings = _headings(response.content)
    assert headings[0] == TITLES[language]
    sections = [
        next((title for title in SECTIONS[language] if heading.startswith(title + " ")
              or heading == title), None)
        for heading in headings
    ]  # fmt: skip
    assert [title for title in sections if title] == SECTIONS[language]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "高层互访" in text and "竞品降价" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"钱包份额", "Share of wallet"} & cells
    assert not cells & {"Edit", "编辑", "Remove", "移除"}
    # section 3, which the page loads after it opens, is written into the document itself
    assert {"组织关系得分（计分单总分）", "Organisation relationship score (T4 total)"} & cells
    assert not [line for line in text.splitlines() if line.endswith(("Edit", "编辑"))]
    assert "Show the current state" not in text and "查看现状评估" not in text


def pdf_objects(content: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated (object streams hold the page and
    font dictionaries). Each stream is read by its declared /Length: its bytes may contain
    anything, "endstream" included."""
    parts = [content]
    for match in re.finditer(rb"/Length (\d+)[^>]*>>\s*stream\r?\n", content):
        start = match.end()
        try:
            parts.append(zlib.decompress(content[start : start + int(match.group(1))]))
        except zlib.error:
            continue  # an image or a font program: nothing to read in it
    return b"\n".join(parts)


def test_it_renders_the_plan_as_a_pdf_with_pages_and_an_embedded_chinese_font(
    owner: object, plan: AccountPlan
) -> None:
    url = reverse("documents:plan_pdf", args=[plan.account.uuid, plan.uuid])
    response = _client(owner, "zh-hans").get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content[:5] == b"%PDF-"
    objects = pdf_objects(response.content)
    assert len(re.findall(rb"/Type\s*/Page\b", objects)) >= 1
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+Noto-Sans-CJK-SC", objects)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_it_draws_the_first_page_of_the_plan_pdf_with_its_chinese_title(
    owner: object, plan: AccountPlan, tmp_path: Path
) -> None:
    url = reverse("documents:plan_pdf", args=[plan.account.uuid, plan.uuid])
    path = tmp_path / "plan.pdf"
    path.write_bytes(_client(owner, "zh-hans").get(url).content)
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    compact = "".join(text.stdout.split())
    assert "大客户关系提升年度规划书" in compact and "10·回顾安排" in compact
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", path,
                    tmp_path / "page"], check=True)  # fmt: skip
    assert (tmp_path / "page.png").stat().st_size > 0


def test_it_exports_an_approved_version_as_pdf_and_word(owner: object, plan: AccountPlan) -> None:
    version = PlanVersion.objects.get(plan=plan)
    args = [plan.account.uuid, plan.uuid, version.uuid]
    client = _client(owner, "en")
    page = client.get(reverse("plans:version", args=args)).content.decode()
    assert reverse("documents:plan_version_pdf", args=args) in page
    pdf = client.get(reverse("documents:plan_version_pdf", args=args))
    assert pdf.content[:5] == b"%PDF-"
    word = client.get(reverse("documents:plan_version_docx", args=args))
    headings = _headings(word.content)
    assert headings[0] == "Annual relationship-improvement plan (approved version)"
    assert "Objectives" in headings and "Review dates" in headings


def test_it_links_the_exports_from_the_plan_page(owner: object, plan: AccountPlan) -> None:
    html = (
        _client(owner, "zh-hans")
        .get(reverse("plans:plan", args=[plan.account.uuid, plan.uuid]))
        .content.decode()
    )
    pdf_url = reverse("documents:plan_pdf", args=[plan.account.uuid, plan.uuid])
    assert f'href="{pdf_url}" data-testid="export-pdf" download>导出 PDF</a>' in html


def test_it_answers_404_to_an_outsider_and_to_a_plan_of_another_account(
    outsider: object, owner: object, plan: AccountPlan
) -> None:
    before = database_fingerprint()
    version = PlanVersion.objects.get(plan=plan)
    urls = [
        reverse(f"documents:plan_{file_format}", args=[plan.account.uuid, plan.uuid])
        for file_format in ("pdf", "docx")
    ] + [
        reverse(f"documents:plan_version_{file_format}",
                args=[plan.account.uuid, plan.uuid, version.uuid])
        for file_format in ("pdf", "docx")
    ]  # fmt: skip
    client = _client(outsider, "en")
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    own = Account.objects.get(owner=outsider)
    foreign = reverse("documents:plan_pdf", args=[own.uuid, plan.uuid])
    assert client.get(foreign).status_code == 404
    assert database_fingerprint() == before

"""Every course form as PDF and Word on the demo data, in 中文: pages drawn, text and fonts in
the PDF, sections in the Word file, and the whole-account pack built by a background job.

The demo is seeded once for the module inside a transaction rolled back after its last test."""

import io
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageOps

from kam.accounts.models import Account
from kam.assessments.models import Assessment
from kam.documents.catalog import ROUTES_BY_FORM, Located, pack_contents
from kam.documents.choices import DocumentForm, PackStatus
from kam.documents.models import DocumentPack
from kam.users.models import User

pytestmark = pytest.mark.django_db

SHOTS = Path("/tmp/shots")
ACCOUNT = "华东电力集团"
ZH_TITLES = {
    DocumentForm.CARD: "客户关键拓展卡片",
    DocumentForm.SCORE_SHEET: "客户关系层级评估计分单",
    DocumentForm.SCORECARD: "大客户记分卡",
    DocumentForm.MEETING: "会议记录",
    DocumentForm.RELATIONSHIP_TEST: "大客户关系测试评估模型",
    DocumentForm.POWER_MAP: "组织权力地图",
    DocumentForm.KEY_PERSON_TABLE: "关键客户关系现状评估表",
    DocumentForm.YEAR_MAP: "关键业务行为日历（年度）",
    DocumentForm.PLAN: "大客户关系提升年度规划书",
    DocumentForm.LETTER: "大客户关系管理目标责任书",
}
# Forms whose wide table prints on landscape pages (body class print-landscape).
LANDSCAPE = {DocumentForm.KEY_PERSON_TABLE}
# The Chinese section titles each Word file must carry (the page's own headings).
ZH_SECTIONS = {
    DocumentForm.CARD: ["概况", "关系层级", "组织期望", "个人需求与态度", "社交风格",
                        "商务关系平台", "个人关系平台", "拓展策略", "法规与乡土习俗"],
    DocumentForm.SCORE_SHEET: ["门槛条件", "维度", "得分依据"],
    DocumentForm.SCORECARD: ["分类与管理策略", "与上一期相比", "价值维度（0–100）", "各期历史"],
    DocumentForm.MEETING: ["1 · 倾听", "2 · 区分", "3 · 研讨", "4 · 分享", "5 · 行动计划",
                           "6 · 执行计划"],
    DocumentForm.RELATIONSHIP_TEST: ["得分依据"],
    DocumentForm.POWER_MAP: ["风险警示", "关键人覆盖率", "影响力最大的人员"],
    DocumentForm.KEY_PERSON_TABLE: ["关键客户关系现状评估表"],
    DocumentForm.YEAR_MAP: ["年度热力图：计划与完成对比"],
    DocumentForm.PLAN: ["1 · 客户概况与类别", "2 · 上年目标与实际", "3 · 现状评估",
                        "4 · 差距与机会", "6 · 策略与战术", "7 · 行动计划",
                        "8 · 资源与预算", "9 · 风险", "10 · 回顾安排"],
    DocumentForm.LETTER: ["责任条款", "目标", "签署"],
}  # fmt: skip
# An approved version of the plan is exported from its own page; a pack holds the working plan.
PACK_FORMS = set(DocumentForm) - {DocumentForm.PLAN_VERSION}


@dataclass(frozen=True)
class Pdf:
    pages: int
    text: str
    page_texts: list[str]
    fonts: str
    images: list[Image.Image]


def read_pdf(content: bytes, directory: Path, *, resolution: int = 30) -> Pdf:
    """Pages, text and fonts by poppler; each page drawn to PNG by pdftoppm."""
    path = directory / "document.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), path, directory / "page"], check=True
    )
    images = [Image.open(png) for png in sorted(directory.glob("page-*.png"))]
    return Pdf(pages, text.stdout, text.stdout.split("\f")[:pages], fonts, images)


def has_content(image: Image.Image) -> bool:
    """Anything drawn between the running header and the page number (not a blank page)."""
    width, height = image.size
    body = image.convert("L").crop((0, int(height * 0.07), width, int(height * 0.93)))
    return ImageOps.invert(body).getbbox() is not None


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def account(demo: None, db: None) -> Account:
    return Account.objects.get(name=ACCOUNT)


@pytest.fixture
def director(demo: None, db: None) -> User:
    return User.objects.get(username="director")


@pytest.fixture
def zh(director: User) -> Client:
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(director)
    return client


def demo_year(account: Account) -> int:
    latest = Assessment.objects.filter(account=account, tool_code="org_score_sheet").first()
    assert latest is not None
    return int(latest.period[:4])


def one_of_each_form(user: User, account: Account) -> dict[DocumentForm, Located]:
    forms: dict[DocumentForm, Located] = {}
    for part in pack_contents(user=user, account=account, year=demo_year(account)):
        forms.setdefault(part.form, part)
    return forms


def export_url(located: Located, file_format: str) -> str:
    url = reverse(f"documents:{ROUTES_BY_FORM[located.form]}_{file_format}", kwargs=located.kwargs)
    return url + ("?year=" + located.query["year"] if located.query else "")


def test_it_has_every_course_form_in_the_demo_account(director: User, account: Account) -> None:
    assert set(one_of_each_form(director, account)) == PACK_FORMS


def test_it_renders_every_form_as_a_pdf_with_drawn_pages_chinese_text_and_embedded_font(
    zh: Client, director: User, account: Account, tmp_path: Path
) -> None:
    for form, located in one_of_each_form(director, account).items():
        # when the director exports the form as PDF in 中文
        response = zh.get(export_url(located, "pdf"))
        # then it is an A4 PDF whose every page is drawn, with the account and the form's title
        assert response.status_code == 200, form
        assert response["Content-Type"] == "application/pdf"
        directory = tmp_path / form
        directory.mkdir()
        pdf = read_pdf(response.content, directory)
        assert len(pdf.images) == pdf.pages >= 1, form
        assert all(has_content(image) for image in pdf.images), form
        assert ACCOUNT in pdf.text and ZH_TITLES[form] in pdf.text, form
        # pdftotext drops the spaces between Chinese characters ("第 1 页 / 共 3 页")
        assert f"第1页/共{pdf.pages}页" in "".join(pdf.page_texts[0].split()), form
        assert "Noto-Sans-CJK-SC" in pdf.fonts and " yes yes yes " in pdf.fonts, form
        width, height = pdf.images[0].size
        expected_ratio = 0.71 if form in LANDSCAPE else 1.41  # A4: 297 / 210
        assert round(height / width, 2) == expected_ratio, form


def test_it_fits_every_demo_card_on_one_a4_page_in_both_languages(
    director: User, account: Account, tmp_path: Path
) -> None:
    from kam.cards.models import KeyPersonCard

    for language in ("zh-hans", "en"):
        client = Client(headers={"Accept-Language": language})
        client.force_login(director)
        for card in KeyPersonCard.objects.filter(account=account).select_related("contact"):
            response = client.get(reverse("documents:card_pdf", args=[card.contact.uuid]))
            directory = tmp_path / f"{language}-{card.pk}"
            directory.mkdir()
            pages = read_pdf(response.content, directory).pages
            assert pages == 1, (language, card.contact.name)


def test_it_writes_every_form_as_word_with_the_account_and_the_chinese_sections(
    zh: Client, director: User, account: Account
) -> None:
    for form, located in one_of_each_form(director, account).items():
        response = zh.get(export_url(located, "docx"))
        assert response.status_code == 200, form
        document = docx.Document(io.BytesIO(response.content))
        headings = [
            paragraph.text
            for paragraph in document.paragraphs
            if paragraph.style is not None and paragraph.style.name.startswith(("Heading", "Title"))
        ]
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        assert headings[0] == ZH_TITLES[form], form
        assert ACCOUNT in text, form
        missing = [section for section in ZH_SECTIONS[form] if section not in headings]
        assert missing == [], form


def test_it_saves_screenshots_of_the_card_and_the_score_sheet(
    zh: Client, director: User, account: Account, tmp_path: Path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    forms = one_of_each_form(director, account)
    for form, name in ((DocumentForm.CARD, "card"), (DocumentForm.SCORE_SHEET, "scoresheet")):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(zh.get(export_url(forms[form], "pdf")).content)
        target = SHOTS / f"doc-{name}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, target],
            check=True,
        )
        assert has_content(Image.open(f"{target}.png"))


def test_it_names_the_file_after_the_account_the_form_and_the_date(
    zh: Client, director: User, account: Account
) -> None:
    from django.utils import timezone

    located = one_of_each_form(director, account)[DocumentForm.CARD]
    response = zh.get(export_url(located, "pdf"))
    name = f"{ACCOUNT}-客户关键拓展卡片-{timezone.localdate().isoformat()}.pdf"
    from urllib.parse import quote

    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"


def test_it_renders_a_card_pdf_in_a_few_seconds(
    zh: Client, director: User, account: Account
) -> None:
    url = export_url(one_of_each_form(director, account)[DocumentForm.CARD], "pdf")
    zh.get(url)  # the first PDF of a process loads the fonts
    started = time.perf_counter()
    response = zh.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert elapsed < 5, elapsed


def test_it_builds_the_account_pack_in_the_background_with_one_section_per_form(
    zh: Client,
    director: User,
    account: Account,
    tmp_path: Path,
    django_capture_on_commit_callbacks: object,
) -> None:
    year = demo_year(account)
    expected = [part.form for part in pack_contents(user=director, account=account, year=year)]
    # given the director asks for the pack of the year in 中文
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = zh.post(reverse("documents:packs", args=[account.uuid]), {"year": year})
    pack = DocumentPack.objects.get(account=account)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:pack", args=[pack.uuid])
    assert (pack.status, pack.progress, pack.language) == (PackStatus.QUEUED, 0, "zh-hans")
    # when a worker runs the queued job
    call_command("run_worker", "--batch", "--interval", "0", stdout=io.StringIO())
    # then the pack is done at 100 %, and the polling partial says so with a download link
    pack.refresh_from_db()
    assert (pack.status, pack.progress, pack.total, pack.percent) == (
        PackStatus.DONE,
        len(expected) + 1,
        len(expected) + 1,
        100,
    )
    partial = zh.get(reverse("documents:pack", args=[pack.uuid]), headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'role="progressbar"' in html and 'aria-valuenow="100"' in html
    assert "hx-trigger" not in html  # polling stops when the pack is done
    download = zh.get(reverse("documents:pack_download", args=[pack.uuid]))
    assert download["Content-Type"] == "application/pdf"
    # and its PDF has one section per form, in order: a section starts on a page with the form's
    # heading (account and date), and each page's running header names its form
    pdf = read_pdf(download.content, tmp_path, resolution=20)
    heading = "".join(f"客户：{ACCOUNT}·日期：".split())
    sections = []
    for page_text in pdf.page_texts:
        if heading in "".join(page_text.split()):
            first_line = page_text.strip().splitlines()[0]
            sections.append(next(form for form, title in ZH_TITLES.items() if title in first_line))
    assert sections == expected
    assert all(has_content(image) for image in pdf.images)

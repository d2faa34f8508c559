"""Layout on the demo data in a real browser (issue 10, items 22–24): printing, small screens and
the tree-shaken ECharts build. Chromium's own PDF printer (page.pdf) stands in for a user's
"Print": the page count and the page size are read from the PDF it writes."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import CharField, TextField

from kam.accounts.models import Account
from kam.cards.models import KeyPersonCard
from kam.workspace.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

A4_SHORT, A4_LONG = 595, 842  # points


@pytest.fixture
def demo() -> Account:
    call_command("seed_demo", stdout=io.StringIO())
    return Account.objects.get(name="华东电力集团")


def _sign_in(page: object, base: str, language: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", "director")  # sees every section, personal data included
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    _switch_language(page, language)


def _switch_language(page: object, language: str) -> None:
    page.click(f"[data-testid=language-{language}]")
    page.wait_for_load_state("load")


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF that chromium wrote."""
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == len(re.findall(rb"/MediaBox", pdf))
    return [
        (float(width), float(height))
        for width, height in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    ]


def _fullest_cards(count: int) -> list[KeyPersonCard]:
    """The demo's fullest key-person cards: most development-plan actions, then most text."""

    def fullness(card: KeyPersonCard) -> tuple[int, int]:
        text = sum(
            len(str(getattr(card, field.name) or ""))
            for field in card._meta.fields
            if isinstance(field, CharField | TextField)
        )
        return card.actions.count(), text + len(card.contact.title)

    cards = KeyPersonCard.objects.select_related("contact")
    return sorted(cards, key=fullness, reverse=True)[:count]


# --- item 22: print ----------------------------------------------------------------------


def _size(page_box: tuple[float, float]) -> tuple[int, int]:
    """The A4 side a PDF page box has, within the 1.5 points that chromium's rounding of
    `size: A4` (596 x 843) and of page.pdf(format="A4") (595 x 842) differ by."""
    return tuple(  # type: ignore[return-value]
        next((side for side in (A4_SHORT, A4_LONG) if abs(value - side) <= 1.5), round(value))
        for value in page_box
    )


def test_the_fullest_key_person_cards_print_on_one_a4_page_and_the_key_person_table_landscape(
    live_server: object, page: object, demo: Account
) -> None:
    cards = _fullest_cards(2)
    assert [card.actions.count() for card in cards] == [2, 2]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _sign_in(page, live_server.url, "en")
    for language in ["en", "zh-hans"]:
        _switch_language(page, language)
        for card in cards:
            page.goto(f"{live_server.url}/contacts/{card.contact.uuid}/card/")
            page.locator("[data-testid=compliance-section]").wait_for()
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
            pages = _pdf_pages(pdf)
            assert len(pages) == 1, f"{card.contact.name} prints on {len(pages)} pages"
            assert _size(pages[0]) == (A4_SHORT, A4_LONG)
        (ARTIFACTS / f"print-card-{language}.pdf").write_bytes(pdf)

    page.goto(f"{live_server.url}/accounts/{demo.uuid}/key-persons/")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = _pdf_pages(pdf)
    assert pages and all(_size(box) == (A4_LONG, A4_SHORT) for box in pages)
    (ARTIFACTS / "print-key-person-table-zh.pdf").write_bytes(pdf)

    # Every name sits on one line at the printed width (A4 landscape less 2 x 10 mm margins).
    page.set_viewport_size({"width": 1047, "height": 740})
    page.emulate_media(media="print")
    names = page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '[data-testid=assessment-table] .person-name')).map(cell => {
              const range = document.createRange(); range.selectNodeContents(cell);
              const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
              return [cell.textContent.trim(), lines.size];
           })"""
    )
    assert len(names) >= 10  # contacts and owners of the five key persons
    assert [name for name, lines in names if lines != 1] == []
    # Other pages still print portrait.
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/accounts/{demo.uuid}/power-map/")
    first, *_ = _pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert _size(first) == (A4_SHORT, A4_LONG)


# --- item 23: small screens --------------------------------------------------------------

MAIN_PAGES = [
    ("account-list", "/accounts/"),
    ("account-360", "/accounts/{uuid}/"),
    ("contacts", "/contacts/"),
    ("power-map", "/accounts/{uuid}/power-map/"),
    ("key-person-table", "/accounts/{uuid}/key-persons/"),
    ("calendar", "/accounts/{uuid}/calendar/"),
    ("my-calendar", "/calendar/mine/"),
    ("action-board", "/accounts/{uuid}/actions/"),
    ("needs", "/accounts/{uuid}/needs/"),
    ("broad-matrix", "/accounts/{uuid}/broad/"),
    ("broad-coverage", "/accounts/{uuid}/broad/coverage/"),
    ("scorecard-portfolio", "/portfolio/scorecard/"),
]


def test_small_and_wide_screens(live_server: object, browser: object, demo: Account) -> None:
    """At 390 px lists are cards, the tab bar scrolls and no page scrolls sideways; at 1440 px
    the account tabs fit on one line."""
    for language in ["zh-hans", "en"]:
        _check_390(live_server.url, browser, demo, language)
        _check_1440(live_server.url, browser, demo, language)


def _check_390(base: str, browser: object, demo: Account, language: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, base, language)
    too_wide = {}
    for name, path in MAIN_PAGES:
        page.goto(base + path.format(uuid=demo.uuid))
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[name] = width
        page.screenshot(path=str(ARTIFACTS / f"390-{language}-{name}.png"), full_page=True)
    assert too_wide == {}, language

    # A list row is a card: one block per cell, each captioned by its column name.
    page.goto(f"{base}/accounts/")
    row = page.locator("table.table-cards tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    captions = row.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    expected = {"zh-hans": '"行业"', "en": '"Industry"'}[language]
    assert captions[0] == "none" and captions[1] == expected

    # The account tab bar stays on one line and scrolls sideways inside itself.
    page.goto(f"{base}/accounts/{demo.uuid}/")
    tabs = page.evaluate(
        """() => { const nav = document.querySelector('nav.tabs');
             return { overflow: getComputedStyle(nav).overflowX,
                      tops: new Set(Array.from(nav.children).map(t => t.offsetTop)).size,
                      scrolls: nav.scrollWidth > nav.clientWidth }; }"""
    )
    assert tabs == {"overflow": "auto", "tops": 1, "scrolls": True}
    context.close()


def _check_1440(base: str, browser: object, demo: Account, language: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, base, language)
    page.goto(f"{base}/accounts/{demo.uuid}/")
    tabs = page.evaluate(
        """() => { const nav = document.querySelector('nav.tabs');
             const last = nav.lastElementChild.getBoundingClientRect().right;
             return { count: nav.children.length,
                      tops: new Set(Array.from(nav.children).map(t => t.offsetTop)).size,
                      fits: last <= nav.getBoundingClientRect().right
                            && nav.scrollWidth <= nav.clientWidth }; }"""
    )
    assert tabs == {"count": 12, "tops": 1, "fits": True}, language
    page.screenshot(path=str(ARTIFACTS / f"1440-{language}-account-360.png"))
    page.goto(f"{base}/accounts/")
    page.screenshot(path=str(ARTIFACTS / f"1440-{language}-account-list.png"))
    context.close()


# --- item 24: the tree-shaken ECharts build draws every chart --------------------------------

CHART_PAGES = [
    "/accounts/{uuid}/power-map/",
    "/portfolio/scorecard/",
    "/accounts/{uuid}/calendar/year/",
    "/accounts/{uuid}/scorecard/",
    "/accounts/{uuid}/relationship/",
    "/accounts/{uuid}/health/",
    "/accounts/{uuid}/matching/",
    "/accounts/{uuid}/needs/",
    "/accounts/{uuid}/engagement-figures/",
]


def test_every_chart_draws_all_its_series_and_components_and_the_power_map_exports_png(
    live_server: object, page: object, demo: Account
) -> None:
    """ECharts' production build silently drops a series or component that is not registered;
    compare what each chart was given with what it kept."""
    _sign_in(page, live_server.url, "zh-hans")
    checked = 0
    for path in CHART_PAGES:
        page.goto(live_server.url + path.format(uuid=demo.uuid))
        page.wait_for_load_state("load")
        missing = page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-chart]')).flatMap(el => {
                 const given = JSON.parse(document.getElementById(el.dataset.chart).textContent);
                 const chart = echarts.getInstanceByDom(el);
                 if (!chart) { return [el.dataset.chart + ': no chart']; }
                 const kept = chart.getOption();
                 const series = [].concat(given.series || []);
                 const lost = [];
                 if ((kept.series || []).length !== series.length) { lost.push('series'); }
                 for (const key of ['legend', 'tooltip', 'grid', 'title', 'toolbox', 'visualMap',
                                    'xAxis', 'yAxis', 'radar']) {
                   if (given[key] !== undefined && !(kept[key] || []).length) { lost.push(key); }
                 }
                 for (const s of series) {
                   for (const mark of ['markLine', 'markArea', 'markPoint']) {
                     if (s[mark] && !kept.series.some(k => k[mark])) { lost.push(mark); }
                   }
                 }
                 return lost.map(key => el.dataset.chart + ': ' + key);
               })"""
        )
        assert missing == [], path
        checked += page.locator("[data-chart]").count()
    assert checked >= 6

    page.goto(f"{live_server.url}/accounts/{demo.uuid}/power-map/")
    png = page.evaluate(
        """() => { const el = document.querySelector('[data-chart]');
             const chart = echarts.getInstanceByDom(el);
             return [Object.keys(chart.getOption().toolbox[0].feature).sort().join(','),
                     chart.getDataURL({type: 'png'}).slice(0, 22)]; }"""
    )
    assert png == ["restore,saveAsImage", "data:image/png;base64,"]

"""Issue 10 item 16 in the browser: on the demo portfolio no two text labels of a chart overlap.

The charts are re-drawn with ECharts' SVG renderer (`kamCharts.render(document, "svg")`), so every
label ECharts shows is an SVG <text> whose box the browser measures."""

import random

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from kam.accounts.models import Account
from kam.health.choices import Diagnosis, Quadrant
from kam.workspace.demo import seed_health, seed_scorecards
from kam.workspace.demo_keypersons import seed_power_maps
from kam.workspace.management.commands.seed_demo import DEMO_PASSWORD, RANDOM_SEED, DemoSeeder
from tests.browser.conftest import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HEALTH_ACCOUNT = "华东电力集团"
# The names the demo matrix shows: one per cluster of stacked bubbles (the others on hover).
DEMO_NAMED = [
    "Northwind Pharma...", "华东电力江苏配售电...", "华东电力集团", "长江新能源汽车有限...",
]  # fmt: skip
TOUCH = 1.0  # px: boxes may touch (the browser's glyph boxes are a little taller than ECharts')

# Every visible <text> of the chart's SVG, with its box in page pixels.
LABEL_BOXES = """(selector) => {
  const root = document.querySelector(selector);
  return [...root.querySelectorAll("svg text")].filter((text) => {
    const style = getComputedStyle(text);
    const box = text.getBoundingClientRect();
    return text.textContent.trim() && style.display !== "none" && style.visibility !== "hidden"
      && Number(style.opacity) > 0 && box.width > 0 && box.height > 0;
  }).map((text) => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, x: box.left, y: box.top, w: box.width, h: box.height};
  });
}"""


# The bubbles of a chart's scatter series: centre and radius in page pixels, with their names.
BUBBLES = """(selector) => {
  const element = document.querySelector(selector);
  const chart = window.echarts.getInstanceByDom(element);
  const frame = element.getBoundingClientRect();
  const bubbles = [];
  chart.getOption().series.forEach((series, seriesIndex) => {
    if (series.type !== "scatter" || series.silent) return;  // the bubbles' label stand-ins
    (series.data || []).forEach((item) => {
      if (!item || !item.value || !item.symbolSize) return;
      const [x, y] = chart.convertToPixel({seriesIndex}, item.value.slice(0, 2));
      bubbles.push({name: item.name, x: frame.left + x, y: frame.top + y, r: item.symbolSize / 2});
    });
  });
  return bubbles;
}"""


def _seed_demo_portfolio() -> None:
    """The demo accounts with their people, scorecards, surveys and power maps (the parts of
    `seed_demo` these charts read; the full command also seeds the calendars)."""
    with translation.override("zh-hans"):
        rng = random.Random(RANDOM_SEED)
        DemoSeeder(rng=rng).run()
        accounts = list(Account.objects.select_related("owner").order_by("name"))
        seed_health(rng=rng, accounts=accounts)
        seed_scorecards(rng=rng, accounts=accounts)
        seed_power_maps(rng=rng, accounts=accounts)


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    found = []
    for index, first in enumerate(boxes):
        for second in boxes[index + 1 :]:
            width = min(first["x"] + first["w"], second["x"] + second["w"]) - max(
                first["x"], second["x"]
            )
            height = min(first["y"] + first["h"], second["y"] + second["h"]) - max(
                first["y"], second["y"]
            )
            if width > TOUCH and height > TOUCH:
                found.append((first["text"], second["text"]))
    return found


def _over_other_bubbles(boxes: list[dict], bubbles: list[dict]) -> list[tuple[str, str]]:
    """(label, bubble) where a bubble's name covers another bubble by more than TOUCH px."""
    found = []
    for box in boxes:
        for bubble in bubbles:
            if box["text"].rstrip("…") and bubble["name"].startswith(box["text"].rstrip("…")):
                continue  # its own bubble (a name may be cut "…")
            nearest_x = min(max(bubble["x"], box["x"]), box["x"] + box["w"])
            nearest_y = min(max(bubble["y"], box["y"]), box["y"] + box["h"])
            distance = ((bubble["x"] - nearest_x) ** 2 + (bubble["y"] - nearest_y) ** 2) ** 0.5
            if distance < bubble["r"] - TOUCH:
                found.append((box["text"], bubble["name"]))
    return found


def _labels_of(page: object, chart_id: str) -> list[dict]:
    selector = f'[data-chart="{chart_id}"]'
    expect(page.locator(f"{selector} svg text").first).to_be_attached()
    page.wait_for_timeout(900)  # the label layout runs after the (short) animation
    return page.evaluate(LABEL_BOXES, selector)


def _check(page: object, chart_id: str, must_show: list[str]) -> list[dict]:
    boxes = _labels_of(page, chart_id)
    shown = {box["text"] for box in boxes}
    for text in must_show:
        assert any(text in label for label in shown), (text, sorted(shown))
    assert _overlaps(boxes) == [], chart_id
    return boxes


def _as_svg(page: object) -> None:
    page.wait_for_function("window.kamCharts && window.echarts")
    page.evaluate('window.kamCharts.render(document, "svg")')


def test_no_two_labels_overlap_on_the_demo_charts(
    live_server: object, page: object, shoot: object
) -> None:
    _seed_demo_portfolio()
    account = Account.objects.get(name=HEALTH_ACCOUNT)
    account_prefixes = {name[:4] for name in Account.objects.values_list("name", flat=True)}
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "director")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")

    for language, quadrant, target in (("en", "Strategic", "Target list"),
                                       ("zh", "战略客户", "重点攻关名单")):  # fmt: skip
        if language == "zh":
            page.click("[data-testid=language-zh-hans]")
        page.goto(live_server.url + reverse("scorecard:portfolio"))
        _as_svg(page)
        shoot(f"item16-portfolio-matrix-{language}")
        page.locator('[data-chart="matrix-option"]').screenshot(
            path=str(ARTIFACTS / f"item16-portfolio-matrix-chart-{language}.png")
        )
        boxes = _check(page, "matrix-option", [quadrant])
        assert [box["text"] for box in boxes].count(quadrant) == 2  # legend and quadrant corner
        # the largest bubbles are named (a name may be cut "…"), but no name covers another
        # bubble: on the demo's four clusters of stacked bubbles, the top one of each is named
        names = [box for box in boxes if box["text"][:4] in account_prefixes]
        assert sorted(box["text"] for box in names) == DEMO_NAMED, names
        bubbles = page.evaluate(BUBBLES, '[data-chart="matrix-option"]')
        covered = _over_other_bubbles(names, bubbles)
        assert covered == [], "; ".join(f"{a} over {b}" for a, b in covered)

        page.goto(live_server.url + reverse("health:account", args=[account.uuid]))
        _as_svg(page)
        _labels_of(page, "ipa-option")
        shoot(f"item16-health-{language}")
        page.locator('[data-chart="ipa-option"]').screenshot(
            path=str(ARTIFACTS / f"item16-health-ipa-chart-{language}.png")
        )
        with translation.override("zh-hans" if language == "zh" else "en"):
            quadrants = [str(label) for label in Quadrant.labels]
            diagnoses = [str(label) for label in Diagnosis.labels]
        _check(page, "ipa-option", quadrants)
        _check(page, "diagnosis-option", ["2026", *diagnoses])

        page.goto(live_server.url + reverse("powermap:account", args=[account.uuid]))
        _as_svg(page)
        _labels_of(page, "grid-option")
        page.locator('[data-chart="grid-option"]').screenshot(
            path=str(ARTIFACTS / f"item16-influence-support-chart-{language}.png")
        )
        _check(page, "grid-option", [target])

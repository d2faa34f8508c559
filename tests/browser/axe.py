"""axe-core in the Playwright suite (issue 17): the npm dev dependency's axe.min.js is evaluated
in each page (the app never serves it) and run with the WCAG 2.1 A and AA rules; the critical
and serious violations come back as one row per page, person, language and rule."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from kam.users.models import User
from kam.workspace.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.page_types import demo_pages

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"critical", "serious"}
DEMO_USERS = {"manager": "manager.li", "director": "director"}
BROWSER_LOCALES = {"zh-hans": "zh-CN", "en": "en-US"}

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    rule: violation.id, impact: violation.impact, help: violation.help,
    targets: violation.nodes.map((node) => {
      const data = (node.any[0] || {}).data || {};
      const target = node.target.join(" ");
      if (!data.fgColor) { return target; }
      return `${target} (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})`;
    }),
  }));
}"""
# htmx marks what it is loading, swapping or settling: parts that load themselves
# (hx-trigger="load") are in the page once none is left.
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


@dataclass(frozen=True)
class Violation:
    """One critical or serious axe violation: where, as whom, which rule, which elements."""

    url: str
    who: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def line(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return (
            f"{self.url} [{self.who}] {self.rule} ({self.impact}, {len(self.targets)}x): "
            f"{self.help} — {shown}"
        )


def axe_source() -> str:
    """axe.min.js from node_modules (`npm ci`); missing, the test fails under
    KAM_REQUIRE_BROWSER=1 (CI) and is skipped elsewhere, like the browser itself."""
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT} is missing: run `npm ci` (axe-core is a dev dependency)"
        if os.environ.get("KAM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def blocking_violations(
    page: object, source: str, who: str, page_name: str = ""
) -> list[Violation]:
    """Run axe on the page once htmx has loaded its parts; keep the critical and serious.
    `page_name` (the URL name) goes before the path in the report."""
    page.wait_for_function(HTMX_IDLE)  # type: ignore[attr-defined]
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        # Evaluated through the DevTools protocol, not a <script> tag: the app's
        # Content-Security-Policy neither blocks it nor has to allow it.
        page.evaluate(source)  # type: ignore[attr-defined]
    found = page.evaluate(RUN_AXE, WCAG_TAGS)  # type: ignore[attr-defined]
    path = "/" + page.url.split("://", 1)[-1].split("/", 1)[-1]  # type: ignore[attr-defined]
    path = f"{page_name} {path}".strip()
    return [
        Violation(path, who, item["rule"], item["impact"], item["help"], tuple(item["targets"]))
        for item in found
        if item["impact"] in BLOCKING_IMPACTS
    ]


# WCAG 2.1 1.4.10 (Reflow, AA): content readable without scrolling sideways on a small screen.
# The manager's walk in 中文 runs on a phone's width and checks that no page scrolls sideways
# (a table or a tab bar may scroll inside its own box).
NARROW_WIDTH = 390
SCROLLS_SIDEWAYS = (
    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
)


def open_as(
    browser: object, base: str, role: str, language: str, width: int = 1366
) -> tuple[object, object]:
    """A browser context signed in as the demo's manager or director, in the language (switched
    with the header's language buttons, as a person would); (context, page)."""
    context = browser.new_context(  # type: ignore[attr-defined]
        locale=BROWSER_LOCALES[language], viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/login/")
    page.fill("#id_username", DEMO_USERS[role])
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_load_state("load")
    page.click(f"[data-testid=language-{language}]")
    page.wait_for_load_state("load")
    return context, page


def walk_page_types(
    base: str, browser: object, role: str, narrow_language: str | None = None
) -> list[Violation]:
    """axe on every page type the demo user may open, in 中文 then English (one browser
    context per language); in `narrow_language` at NARROW_WIDTH, where a page that scrolls
    sideways is a violation too."""
    source = axe_source()
    page_types = demo_pages(User.objects.get(username=DEMO_USERS[role]))
    assert len(page_types) > 100, page_types  # the walk did find the pages
    found: list[Violation] = []
    for language in BROWSER_LOCALES:
        narrow = language == narrow_language
        width = NARROW_WIDTH if narrow else 1366
        who = f"{role} {language}" + (f" {width}px" if narrow else "")
        context, page = open_as(browser, base, role, language, width)
        try:
            for page_type in page_types:
                page.goto(base + page_type.url)  # type: ignore[attr-defined]
                found += blocking_violations(page, source, who, page_type.name)
                if narrow and page.evaluate(SCROLLS_SIDEWAYS):  # type: ignore[attr-defined]
                    wide = page.evaluate(  # type: ignore[attr-defined]
                        "() => document.documentElement.scrollWidth"
                    )
                    found.append(
                        Violation(
                            f"{page_type.name} {page_type.url}",
                            who,
                            "reflow",
                            "serious",
                            f"the page is {wide} px wide: it scrolls sideways",
                            (),
                        )
                    )
        finally:
            context.close()  # type: ignore[attr-defined]
    return found


def report(violations: list[Violation]) -> str:
    """The failure message: the count per rule, then one line per page, person and rule."""
    pages: dict[str, set[str]] = {}
    for violation in violations:
        pages.setdefault(violation.rule, set()).add(violation.url)
    summary = ", ".join(f"{rule} on {len(urls)} pages" for rule, urls in sorted(pages.items()))
    lines = [violation.line() for violation in violations]
    return "\n".join([f"{len(violations)} critical/serious violations ({summary}):", *lines])

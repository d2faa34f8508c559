"""Every page type of the demo under the Content-Security-Policy in a real browser: charts drawn
and hovered (tooltips), a searchable select opened, htmx swaps, the API docs and the admin. The
browser's `securitypolicyviolation` events, its console and the reports it would post to the
report-uri must all stay empty. The server side (headers, markup): tests/test_csp.py."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kam.accounts.models import Account
from kam.users.models import User
from kam.workspace.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import SHOTS
from tests.browser.page_types import demo_pages
from tests.test_i18n import ADMINISTRATOR_ROUTES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.site_walk,
    pytest.mark.django_db(transaction=True),
]

# Collects what the policy blocks, before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push([event.effectiveDirective, event.blockedURI, event.sourceFile,
                     event.lineNumber, event.sample].join(" | "));
});
"""


@pytest.fixture
def demo() -> Account:
    call_command("seed_demo", stdout=io.StringIO())
    return Account.objects.get(name="华东电力集团")


class Recorder:
    """What one browser page reports of the policy: violation events, console messages and the
    reports posted to the report-uri."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.console: list[str] = []
        self.reports: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)  # type: ignore[attr-defined]
        page.on(  # type: ignore[attr-defined]
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.on(  # type: ignore[attr-defined]
            "request",
            lambda request: (
                self.reports.append(request.post_data or "")
                if "/security/csp-report/" in request.url
                else None
            ),
        )

    def violations(self) -> list[str]:
        """The current page's violations and the console's since the last call."""
        found = self.page.evaluate("window.__csp || []") + self.console  # type: ignore[attr-defined]
        self.console = []
        return found


def _sign_in(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/login/")  # type: ignore[attr-defined]
    page.fill("#id_username", username)  # type: ignore[attr-defined]
    page.fill("#id_password", DEMO_PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit].primary")  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]


# Shows each chart's tooltip for its first item (what a pointer over it would show).
SHOW_TOOLTIPS = """() => document.querySelectorAll("[data-chart]").forEach(function (element) {
  var chart = window.echarts && window.echarts.getInstanceByDom(element);
  if (chart) { chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: 0 }); }
})"""


def _hover_charts(page: object) -> None:
    """Moves the mouse across every drawn chart and shows each one's tooltip."""
    for chart in page.locator("[data-chart]").all():  # type: ignore[attr-defined]
        box = chart.bounding_box() if chart.is_visible() else None
        if not box:
            continue
        for fraction_x, fraction_y in ((0.5, 0.5), (0.3, 0.6)):
            page.mouse.move(  # type: ignore[attr-defined]
                box["x"] + box["width"] * fraction_x, box["y"] + box["height"] * fraction_y
            )
    page.evaluate(SHOW_TOOLTIPS)  # type: ignore[attr-defined]
    page.wait_for_timeout(100)  # type: ignore[attr-defined]


# htmx marks an element with this class while its request runs (the parts that load themselves).
HTMX_IDLE = "() => !document.querySelector('.htmx-request')"


def _visit(page: object, base: str, path: str, recorder: Recorder, found: dict) -> None:
    page.goto(base + path)  # type: ignore[attr-defined]
    page.wait_for_function(HTMX_IDLE)  # type: ignore[attr-defined]
    _hover_charts(page)
    if violations := recorder.violations():
        found[path] = violations


def test_every_page_type_the_api_docs_and_the_admin_run_under_the_policy(
    live_server: object, browser: object, demo: Account
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    recorder = Recorder(page)
    _sign_in(page, base, "director")

    # Every page type (tests/browser/page_types.py), as the director who sees every section.
    pages = demo_pages(User.objects.get(username="director"))
    found: dict[str, list[str]] = {}
    for page_type in pages:
        _visit(page, base, page_type.url, recorder, found)
    assert len(pages) > 100

    # A searchable select (Tom Select) opened and searched; an htmx swap (the list filter).
    page.goto(f"{base}/accounts/{demo.uuid}/activities/")
    page.click("[data-testid=log-activity] summary")
    page.locator(".ts-control").first.click()
    page.keyboard.type("王")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.goto(f"{base}/accounts/")
    page.fill("input[name=q]", "华")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)
    if violations := recorder.violations():
        found["tom-select and htmx"] = violations

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "csp-account-list.png"))
    context.close()
    assert found == {}
    assert recorder.reports == []
    # One test, not two: the demo seed takes much of its time.
    _administrators_pages(base, browser)


def _administrators_pages(base: str, browser: object) -> None:
    """The pages only an administrator opens, the interactive API docs (django-ninja's Swagger
    UI) and the Django admin."""

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    recorder = Recorder(page)
    _sign_in(page, base, "admin")
    found: dict[str, list[str]] = {}
    for name in sorted(ADMINISTRATOR_ROUTES):
        _visit(page, base, reverse(name), recorder, found)
    director = User.objects.get(username="director")
    for path in ("/api/docs", "/admin/", "/admin/users/user/", "/admin/users/user/add/",
                 f"/admin/users/user/{director.pk}/change/", "/admin/audit/auditentry/",
                 "/admin/users/apitoken/"):  # fmt: skip
        _visit(page, base, path, recorder, found)
        assert page.locator("h1").count() >= 1 or path == "/api/docs", path
    page.goto(f"{base}/api/docs")
    page.locator(".opblock-summary").first.click()
    page.wait_for_timeout(300)
    if violations := recorder.violations():
        found["api docs opened"] = violations
    context.close()
    assert found == {}
    assert recorder.reports == []

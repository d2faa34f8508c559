"""Playwright driving Debian's chromium (Playwright's own browser download does not work here)."""

import contextlib
import importlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe
# because they happen between browser steps, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _seed_migration_data() -> None:
    """The rows that data migrations seed (templates, policies, styles, gift rules, mechanisms)."""
    from django.apps import apps

    for module, function in [
        ("kam.assessments.migrations.0002_default_templates", "seed_templates"),
        ("kam.scorecard.migrations.0002_default_policies_and_settings", "seed"),
        ("kam.cards.migrations.0002_social_style_template", "seed_social_style"),
        ("kam.compliance.migrations.0002_default_rules", "seed_rules"),
        ("kam.engagement.migrations.0002_default_mechanisms", "seed_mechanisms"),
    ]:
        getattr(importlib.import_module(module), function)(apps, None)


def sign_in(page: object, base: str, username: str = "li.ming") -> None:
    """Sign in through the login form (the factories' password)."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].primary")


# Where a reviewer looks at the screenshots of the newer paths (both widths); not a temp file.
SHOTS = Path("/tmp/shots")  # noqa: S108


def shoot_both_widths(page: object, name: str) -> None:
    """Full-page screenshots at 1280 and 390 px (`/tmp/shots/<name>-<width>.png`), once the parts
    that htmx loads have arrived and the charts have been laid out again for the width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
        page.wait_for_timeout(400)  # type: ignore[attr-defined]  # charts animate 300 ms on resize
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 900})  # type: ignore[attr-defined]


@pytest.fixture(autouse=True, scope="module")
def reseed_after_module(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """After a module of browser tests, whose last flush emptied every table, put the
    data-migration rows back: with xdist any test file may follow on the same worker."""
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _seed_migration_data()


@pytest.fixture(autouse=True)
def migration_data(request: pytest.FixtureRequest) -> None:
    """Browser tests need committed data (the live server reads it from another thread), so they
    run in transactional tests, whose teardown empties every table, including the rows that data
    migrations seeded (templates, policies). Put those back before each test (the seeds are
    idempotent)."""
    request.getfixturevalue("transactional_db")
    _seed_migration_data()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("KAM_REQUIRE_BROWSER") == "1":
            pytest.fail("KAM_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip(
            "Debian's chromium is not installed: apt-get install -y chromium fonts-noto-cjk"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    marker = request.node.get_closest_marker("browser_locale")
    locale = marker.args[0] if marker else "en-US"
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    # Let the page's last requests (htmx parts that load themselves) finish before the test's
    # database is emptied: a request still running in the live server would lock a table that
    # the flush needs and leave rows behind for the next test.
    # (A page that never goes quiet, polling, is closed anyway after 5 s.)
    with contextlib.suppress(PlaywrightError):
        opened.wait_for_load_state("networkidle", timeout=5_000)  # type: ignore[attr-defined]
    context.close()


@pytest.fixture
def shoot(page: object) -> object:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

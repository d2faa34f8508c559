"""The Content-Security-Policy, Referrer-Policy and Permissions-Policy on every response; no page
carries what the policy would block (inline script, style attribute, <style>, on… handler); the
violation report endpoint. The browser side: tests/browser/test_csp.py."""

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import get_resolver, reverse

from kam.lib.scales import scale_step, stylesheet
from kam.scorecard.selectors.portfolio import HEAT_COLOURS
from kam.security.violations import LogBudget
from tests.access_helpers import _walk
from tests.factories import UserFactory
from tests.test_i18n import (  # noqa: F401  # chinese_portfolio: a fixture
    ADMINISTRATOR_ROUTES,
    UNWALKED_ROUTES,
    _pages,
    _route_values,
    chinese_portfolio,
)

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'; report-uri /security/csp-report/"
)
PERMISSIONS = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
REPORT_URL = "/security/csp-report/"


def directives(header: str) -> dict[str, str]:
    """A policy's directives by name (django-csp writes them in no fixed order)."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_security_headers(response: object, where: str) -> None:
    assert directives(response["Content-Security-Policy"]) == directives(POLICY), where
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["Permissions-Policy"] == PERMISSIONS, where


class _BlockedMarkup(HTMLParser):
    """What a page holds that the policy would block: inline scripts (a <script> without src
    that is not JSON data), <style> elements, style attributes, on… handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.found.append(f"inline <script {values}>")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            is_url = name in ("href", "src", "action")
            if is_url and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def blocked_markup(html: str) -> list[str]:
    parser = _BlockedMarkup()
    parser.feed(html)
    return parser.found


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_finds_each_kind_of_blocked_markup() -> None:
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json" id="o">{}</script><style>p{}</style>'
        '<p style="color:red">x</p><button onclick="go()">b</button><a href="javascript:go()">a</a>'
        "<p>style=&quot;no attribute&quot; onclick= in text</p>"
    )

    assert blocked_markup(html) == [
        "inline <script {}>",
        "<style>",
        "<p style='color:red'>",
        "<button onclick='go()'>",
        "<a href='javascript:go()'>",
    ]


def test_it_sends_the_policies_on_pages_static_files_errors_and_the_api(db: None) -> None:
    client = Client()

    for url in ("/login/", "/no-such-page/", "/healthz", "/api/v1/accounts/"):
        response = client.get(url)
        assert_security_headers(response, url)


def test_it_sends_the_policies_on_a_request_refused_before_any_view(db: None) -> None:
    response = Client().get("/login/", headers={"Host": "evil.example.com"})

    assert response.status_code == 400
    assert_security_headers(response, "disallowed host")


def test_it_renders_no_blocked_markup_on_the_managers_pages(
    chinese_portfolio: dict[str, object],  # noqa: F811
) -> None:
    """The pages a manager opens (the director's administration pages answer 403: checked too)."""
    client = _client(chinese_portfolio["manager"])
    problems = {}
    for url in _pages(chinese_portfolio):
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert_security_headers(response, url)
        if found := blocked_markup(response.content.decode()):
            problems[url] = found
    assert problems == {}


def test_it_renders_no_blocked_markup_on_any_page_route(
    chinese_portfolio: dict[str, object],  # noqa: F811
) -> None:
    """Every page route of the URL configuration, as a director (administrators' pages as an
    administrator), the way tests/test_i18n.py walks them."""
    values = _route_values(chinese_portfolio)
    director = _client(chinese_portfolio["director"])
    administrator = _client(UserFactory(username="administrator", role="administrator"))
    problems, walked = {}, 0
    for name, route in _walk(get_resolver().url_patterns):
        if name.startswith(("api:", "admin:")) or name in UNWALKED_ROUTES:
            continue
        kwargs = {key: values.get(key) for key in re.findall(r"<\w+:(\w+)>", route)}
        client = administrator if name in ADMINISTRATOR_ROUTES else director
        response = client.get(reverse(name, kwargs=kwargs))
        assert_security_headers(response, name)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        walked += 1
        if found := blocked_markup(response.content.decode()):
            problems[name] = found
    assert problems == {}
    assert walked > 130  # the walk reached the pages (141 when this was written)


def test_it_renders_no_blocked_markup_on_the_error_pages(db: None) -> None:
    from django.template.loader import render_to_string

    for template in ("500.html", "503.html", "404.html", "403.html", "400.html", "409.html"):
        assert blocked_markup(render_to_string(template)) == [], template


CSP_REPORT = {
    "csp-report": {
        "document-uri": "https://kam.example.com/accounts/",
        "referrer": "",
        "violated-directive": "style-src-attr",
        "effective-directive": "style-src-attr",
        "original-policy": POLICY,
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 12,
        "source-file": "https://kam.example.com/static/vendor/echarts.min.js",
        "status-code": 200,
        "script-sample": "",
    }
}
REPORTING_API_REPORT = [
    {
        "type": "csp-violation",
        "url": "https://kam.example.com/accounts/",
        "body": {
            "documentURL": "https://kam.example.com/accounts/",
            "effectiveDirective": "img-src",
            "blockedURL": "https://tracker.example.net/pixel.gif",
            "disposition": "enforce",
        },
    }
]


def test_it_logs_a_violation_report_and_writes_nothing(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()

    with (
        caplog.at_level(logging.WARNING, logger="kam.security.csp"),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.post(
            REPORT_URL, json.dumps(CSP_REPORT), content_type="application/csp-report"
        )

    assert response.status_code == 204
    assert response.content == b""
    assert queries.captured_queries == []
    [record] = [r for r in caplog.records if r.name == "kam.security.csp"]
    assert record.csp_violation == {
        "document-uri": "https://kam.example.com/accounts/",
        "effective-directive": "style-src-attr",
        "violated-directive": "style-src-attr",
        "blocked-uri": "inline",
        "source-file": "https://kam.example.com/static/vendor/echarts.min.js",
        "line-number": "12",
        "disposition": "enforce",
    }


def test_it_logs_a_reporting_api_report(db: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kam.security.csp"):
        response = Client().post(
            REPORT_URL, json.dumps(REPORTING_API_REPORT), content_type="application/reports+json"
        )

    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "kam.security.csp"]
    assert record.csp_violation == {
        "document-uri": "https://kam.example.com/accounts/",
        "effective-directive": "img-src",
        "violated-directive": "img-src",
        "blocked-uri": "https://tracker.example.net/pixel.gif",
        "disposition": "enforce",
    }


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"junk",
        b"\xff\xfe not utf-8",
        b"[]",
        b"[1, 2]",
        b'{"csp-report": "text"}',
        b'{"csp-report": {"document-uri": "https://kam.example.com/"}}',
        b'[{"type": "deprecation", "body": {"id": "x"}}]',
        b"null",
    ],
)
def test_it_refuses_a_body_that_is_no_report(
    db: None, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    with caplog.at_level(logging.WARNING, logger="kam.security.csp"):
        response = Client().post(REPORT_URL, body, content_type="application/csp-report")

    assert response.status_code == 400
    assert [r for r in caplog.records if r.name == "kam.security.csp"] == []


def test_it_refuses_a_report_over_the_size_limit(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    report = {"csp-report": {**CSP_REPORT["csp-report"], "script-sample": "x" * 20_000}}

    with caplog.at_level(logging.WARNING, logger="kam.security.csp"):
        response = Client().post(REPORT_URL, json.dumps(report), content_type="application/json")

    assert response.status_code == 413
    assert [r for r in caplog.records if r.name == "kam.security.csp"] == []


def test_it_cuts_long_report_fields(db: None, caplog: pytest.LogCaptureFixture) -> None:
    report = {"csp-report": {**CSP_REPORT["csp-report"], "blocked-uri": "https://x/" + "y" * 999}}

    with caplog.at_level(logging.WARNING, logger="kam.security.csp"):
        Client().post(REPORT_URL, json.dumps(report), content_type="application/csp-report")

    [record] = [r for r in caplog.records if r.name == "kam.security.csp"]
    assert len(record.csp_violation["blocked-uri"]) == 300


def test_it_accepts_only_posts_at_the_report_url(db: None) -> None:
    assert Client().get(REPORT_URL).status_code == 405


def test_it_keeps_the_scales_stylesheet_generated() -> None:
    path = Path(settings.BASE_DIR) / "kam" / "static" / "css" / "scales.css"

    assert path.read_text() == stylesheet(HEAT_COLOURS)


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [(None, 100, 0), ("", 100, 0), ("—", 100, 0), (42.4, 100, 42), (42.5, 100, 42),
     (42.6, 100, 43), ("87", 100, 87), (-3, 100, 0), (140, 100, 100), (15, 12, 12),
     (float("nan"), 100, 0)],
)  # fmt: skip
def test_it_turns_a_number_into_a_scale_step(value: object, top: int, step: int) -> None:
    assert scale_step(value, top) == step


@override_settings(KAM_CSP_REPORT_LOG_PER_MINUTE=3)
def test_it_logs_at_most_its_budget_of_reports_a_minute_and_counts_the_rest(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    # given a budget of 3 lines a minute (anybody may post reports: a flood must not flood the log)
    client = Client()
    with caplog.at_level(logging.WARNING, logger="kam.security.csp"):
        statuses = [
            client.post(
                REPORT_URL, json.dumps(CSP_REPORT), content_type="application/csp-report"
            ).status_code
            for _ in range(10)
        ]
    # then every report is answered, and only 3 are logged
    assert statuses == [204] * 10
    assert len([r for r in caplog.records if r.name == "kam.security.csp"]) == 3


def test_a_log_budget_says_how_many_it_dropped_when_the_next_minute_starts() -> None:
    now = [0.0]
    budget = LogBudget(2, clock=lambda: now[0])
    assert [budget.take() for _ in range(4)] == [(True, 0), (True, 0), (False, 0), (False, 0)]
    now[0] = 59.9
    assert budget.take() == (False, 0)
    now[0] = 60.0
    assert budget.take() == (True, 3)
    assert budget.take() == (True, 0)
    assert budget.take() == (False, 0)

"""WCAG 2.1 AA basics on the pages (issue 17 items 14–16): errors linked to their fields,
one <main> with a skip link to it and one footer landmark, unique ids, no empty table headers
and a name for every form control (a <label>, aria-label or aria-labelledby). The browser walk
with axe-core is tests/browser/test_axe_*.py; this is the fast check of what needs no browser."""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_i18n import _pages, chinese_portfolio  # noqa: F401 (the fixture)

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}
# What <input type=date|datetime-local|time|month> and <time datetime> accept, in every language.
ISO_VALUES = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "datetime-local": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2})?"),
    "month": re.compile(r"\d{4}-\d{2}"),
}
# Inputs a person does not type into, or that name themselves (a button's value).
UNNAMED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
NAMING_ATTRIBUTES = ("aria-label", "aria-labelledby", "title")
TIME_ELEMENT_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?.*)?)?)?")


class PageStructure(HTMLParser):
    """The ids, landmarks, references and table headers of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.main_count = 0
        self.main_id = ""
        self.first_focusable: dict[str, str] | None = None
        self.described_by: list[tuple[str, str]] = []  # (element id, referenced id)
        self.invalid_fields: list[str] = []
        self.empty_headers = 0
        self.invalid_dates: list[str] = []
        self._header_text: list[str] | None = None
        self.label_targets: set[str] = set()
        self.controls: list[tuple[str, bool]] = []  # (id or tag, named without a <label for>)
        self._label_depth = 0
        self.is_after_main = False
        self.footers_after_main = 0  # the page's contentinfo landmark

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if tag == "footer" and self.is_after_main:
            self.footers_after_main += 1
        if tag == "main":
            self.main_count += 1
            self.main_id = attributes.get("id", "")
        if self.first_focusable is None and tag in FOCUSABLE and attributes.get("type") != "hidden":
            self.first_focusable = {"tag": tag, **attributes}
        for referenced in attributes.get("aria-describedby", "").split():
            self.described_by.append((attributes.get("id", tag), referenced))
        if attributes.get("aria-invalid") == "true":
            self.invalid_fields.append(attributes.get("id", ""))
        self._check_dates(tag, attributes)
        self._note_control(tag, attributes)
        if tag == "th":
            self._header_text = []
        elif self._header_text is not None and tag == "input":
            self._header_text.append("input")  # a select-all checkbox labels the column

    def _note_control(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "label":
            self._label_depth += 1
            self.label_targets.add(attributes.get("for", ""))
        is_control = tag in {"select", "textarea"} or (
            tag == "input" and attributes.get("type", "text") not in UNNAMED_INPUT_TYPES
        )
        if is_control:
            named = self._label_depth > 0 or any(attributes.get(name) for name in NAMING_ATTRIBUTES)
            self.controls.append((attributes.get("id") or attributes.get("name") or tag, named))

    def unnamed_controls(self) -> list[str]:
        return [
            control
            for control, named in self.controls
            if not named and control not in self.label_targets
        ]

    def _check_dates(self, tag: str, attributes: dict[str, str]) -> None:
        pattern = ISO_VALUES.get(attributes.get("type", "")) if tag == "input" else None
        for name in ("value", "min", "max") if pattern else ():
            value = attributes.get(name, "")
            if value and not pattern.fullmatch(value):
                self.invalid_dates.append(f"{attributes.get('id', tag)} {name}={value!r}")
        if tag == "time" and not TIME_ELEMENT_VALUE.fullmatch(attributes.get("datetime", "")):
            self.invalid_dates.append(f"<time datetime={attributes.get('datetime')!r}>")

    def handle_data(self, data: str) -> None:
        if self._header_text is not None:
            self._header_text.append(data.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        if tag == "main":
            self.is_after_main = True
        if tag == "th" and self._header_text is not None:
            if not "".join(self._header_text):
                self.empty_headers += 1
            self._header_text = None


def structure_of(html: str) -> PageStructure:
    parser = PageStructure()
    parser.feed(html)
    return parser


def page_problems(html: str) -> list[str]:
    page = structure_of(html)
    problems = [f"duplicate id {name!r}" for name, count in page.ids.items() if count > 1]
    if page.main_count != 1:
        problems.append(f"{page.main_count} <main> elements")
    if page.footers_after_main != 1:
        problems.append(f"{page.footers_after_main} <footer> landmarks after <main>")
    first = page.first_focusable or {}
    if first.get("href") != f"#{page.main_id}" or not page.main_id:
        problems.append(f"the first focusable element is {first}, not the skip link")
    problems += [
        f"{element} is described by a missing {referenced!r}"
        for element, referenced in page.described_by
        if referenced not in page.ids
    ]
    problems += [f"not a valid date: {found}" for found in page.invalid_dates]
    if page.empty_headers:
        problems.append(f"{page.empty_headers} empty table headers")
    problems += [f"form control {control!r} has no name" for control in page.unnamed_controls()]
    return problems


@pytest.mark.parametrize(("role", "language"), [("director", "zh-hans"), ("manager", "en")])
def test_it_gives_every_main_page_one_main_a_skip_link_unique_ids_and_named_headers(
    chinese_portfolio: dict[str, object],  # noqa: F811 (the fixture)
    role: str,
    language: str,
) -> None:
    client = Client(headers={"Accept-Language": language})
    client.force_login(chinese_portfolio[role])
    problems = {}
    for url in _pages(chinese_portfolio):
        response = client.get(url)
        if response.status_code != 200:
            continue  # a manager may not open the portfolio settings pages
        found = page_problems(response.content.decode())
        if found:
            problems[url] = found
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_it_links_each_error_to_its_invalid_field(
    chinese_portfolio: dict[str, object],  # noqa: F811 (the fixture)
) -> None:
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(chinese_portfolio["manager"])
    response = client.post(
        reverse("accounts:create"), {"name": "", "current_revenue": "-3", "status": "active"}
    )
    assert response.status_code == 400
    page = structure_of(response.content.decode())
    assert {"id_name", "id_current_revenue"} <= set(page.invalid_fields)
    described = dict(page.described_by)
    assert described["id_name"] == "id_name_error"
    assert described["id_current_revenue"] == "id_current_revenue_error"
    assert page.ids["id_name_error"] == 1
    assert page.ids["id_current_revenue_error"] == 1
    assert page_problems(response.content.decode()) == []

"""Every chart has a text alternative (issue 17 item 17, WCAG 1.1.1): on every page that draws one,
on the demo data, in both languages, each `[data-chart]` element is an image named by an
aria-label that says what it shows and its key figures, and its numbers are in a table — the
"show as table" disclosure under it, or a table the page prints beside it (aria-details)."""

import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kam.accounts.models import Account
from kam.assessments.models import Assessment
from kam.people.models import Contact
from kam.plans.models import AccountPlan
from kam.users.models import User


class ChartAlternatives(HTMLParser):
    """The charts of a page with their aria attributes, whether a "show as table" disclosure
    with a table follows each, and the ids of the page's tables."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict[str, str]] = []
        self.table_ids: set[str] = set()
        self._in_details = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "data-chart" in attributes:
            self.charts.append({**attributes, "table": ""})
        elif tag == "details" and "chart-data" in attributes.get("class", "").split():
            self._in_details = True
        elif tag == "table":
            self.table_ids.add(attributes.get("id", ""))
            if self._in_details and self.charts:
                self.charts[-1]["table"] = "details"

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self._in_details = False


def _problems(html: str) -> list[str]:
    page = ChartAlternatives()
    page.feed(html)
    problems = []
    for chart in page.charts:
        name = chart["data-chart"]
        if chart.get("role") != "img" or not chart.get("aria-label", "").strip():
            problems.append(f"{name}: no role=img with an aria-label")
        beside = chart.get("aria-details", "")
        if not chart["table"] and not (beside and beside in page.table_ids):
            problems.append(f"{name}: no table of its numbers")
    return problems


@pytest.fixture
def demo(db: None) -> dict[str, object]:
    call_command("seed_demo", stdout=io.StringIO())
    account = Account.objects.get(name="华东电力集团")
    ladders = Assessment.objects.filter(account=account, tool_code="key_person_ladder")
    subject = ladders.exclude(subject="").values_list("subject", flat=True).first()
    return {
        "account": account,
        "contact": Contact.objects.filter(uuid=subject).first() if subject else None,
        "scorecard": Assessment.objects.filter(
            account=account, tool_code="scorecard_strength"
        ).first(),
        "value": Assessment.objects.filter(
            account=account, tool_code="value_ladder", subject=""
        ).first(),
        "plan": AccountPlan.objects.filter(account=account).first(),
    }


def _chart_pages(demo: dict[str, object]) -> list[str]:
    account = demo["account"].uuid
    pages = [
        reverse("workspace:account", args=[account]),
        reverse("relationship:account", args=[account]),
        reverse("health:account", args=[account]),
        reverse("scorecard:account", args=[account]),
        reverse("scorecard:portfolio"),
        reverse("powermap:account", args=[account]),
        reverse("cards:account_styles", args=[account]),
        reverse("engagement:year_map", args=[account]),
        reverse("engagement:my_year_map"),
        reverse("engagement:figures", args=[account]),
        reverse("engagement:matching", args=[account]),
        reverse("needs:account", args=[account]),
        reverse("value:account", args=[account]),
        reverse("pdca:account", args=[account]),
        reverse("cycle:account", args=[account]),
    ]
    if demo["contact"]:
        pages.append(reverse("ladder:contact", args=[demo["contact"].uuid]))
    if demo["scorecard"]:
        pages.append(reverse("scorecard:snapshot", args=[demo["scorecard"].uuid]))
    if demo["value"]:
        pages.append(reverse("value:snapshot", args=[demo["value"].uuid]))
    if demo["plan"]:
        pages.append(reverse("plans:scoreboard", args=[account, demo["plan"].uuid]))
    return pages


def test_it_gives_every_chart_on_the_demo_pages_a_label_and_a_table(
    demo: dict[str, object],
) -> None:
    problems, chart_count = {}, 0
    for language in ("zh-hans", "en"):  # one demo seed (half a minute) for both languages
        client = Client(headers={"Accept-Language": language})
        client.force_login(User.objects.get(username="director"))
        for url in _chart_pages(demo):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            chart_count += html.count("data-chart=")
            found = _problems(html)
            if found:
                problems[f"{language} {url}"] = found
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())
    assert chart_count >= 40  # the walk really met the charts (the demo fills them)


def test_it_says_the_key_figures_of_a_chart_in_its_label_and_lists_them_in_its_table() -> None:
    # given a bar chart of three categories
    from kam.core.templatetags.chart_documents import chart_alternative

    option = {
        "xAxis": {"type": "category", "data": ["一月", "二月", "三月"]},
        "yAxis": {"type": "value"},
        "series": [{"type": "bar", "name": "完成", "data": [3, {"value": 7}, 1]}],
    }
    # when its alternative is built
    alternative = chart_alternative(option, "Activities per month")
    # then the label names what it shows and its highest and lowest month
    assert alternative.label == (
        "Activities per month. Rows in the table: 3. 完成: highest 二月 7, lowest 三月 1."
    )
    assert alternative.table.headers == ["", "完成"]
    assert alternative.table.rows == [["一月", "3"], ["二月", "7"], ["三月", "1"]]

"""Section 2 of next year's plan (上年回顾): last year's objectives against their actuals as
the year-end review froze them, with its score, rating and a link to it; without a year-end
review, the actuals read live from the catalogue, labelled as such; constant query counts."""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kam.plans.models import AccountPlan
from kam.plans.services import plan_create
from kam.reviews.models import Review
from kam.reviews.services import review_record
from kam.reviews.tests.conftest import add_objective, org_sheet, wallet
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
ClientFor = Callable[[object], Client]


def _last_year(owner: object, account: object, make: Callable[..., AccountPlan]) -> AccountPlan:
    """The 2025 plan (share of wallet 20 % against 35, organisation score 60 against 70)."""
    plan = make(2025)
    wallet(owner, account, "2025", 200000)
    org_sheet(owner, account, 3, date(2025, 2, 1))
    return plan


def _year_end(owner: object, plan: AccountPlan, kind: str = "year_end") -> Review:
    return review_record(actor=owner, plan=plan, kind=kind, review_on=date(2025, 12, 31),
                         findings="", phase="act", corrective_actions=[])  # fmt: skip


def _section(client: Client, plan: AccountPlan) -> str:
    page = client.get(reverse("plans:plan", args=[plan.account.uuid, plan.uuid]))
    html = page.content.decode()
    found = re.search(r'<section class="card" id="last-year".*?</section>', html, re.S)
    assert found is not None
    return re.sub(r"\s+", " ", found.group(0))


def test_it_shows_last_years_results_as_the_year_end_review_froze_them(
    client_for: ClientFor, owner: object, account: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    # given last year's plan reviewed at the year's end, then a better score sheet recorded
    last = _last_year(owner, account, reviewed_plan)
    review = _year_end(owner, last)
    org_sheet(owner, account, 5, date(2025, 12, 20))
    plan = plan_create(actor=owner, account=account, year=2026)
    # when the owner opens this year's plan
    section = _section(client_for(owner), plan)
    # then section 2 shows the review's frozen figures (the later sheet changes nothing)
    review_url = reverse("reviews:review", args=[account.uuid, last.uuid, review.uuid])
    assert (
        '<p class="muted" data-testid="plan-last-year-source">As frozen by the year-end review '
        f'of 2025 on 2025-12-31. <a href="{review_url}" data-testid="plan-last-year-review">'
        "Year-end review 2025</a></p>"
    ) in section
    rows = re.findall(r'<tr data-testid="plan-last-year-row">(.*?)</tr>', section)
    assert [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows] == [
        ["Share of wallet", "35", "20", "57.1 %", "34.29"],
        ["Organisation relationship score (T4 total)", "70", "60", "85.7 %", "34.29"],
    ]
    assert (
        '<p data-testid="plan-last-year-score">Overall score: 68.57 · Rating: Needs improvement</p>'
    ) in section


def test_it_falls_back_to_live_actuals_without_a_year_end_review(
    client_for: ClientFor, owner: object, account: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    # given last year's plan with a quarterly review only, and a later score sheet
    last = _last_year(owner, account, reviewed_plan)
    review_record(actor=owner, plan=last, kind="quarterly", review_on=date(2025, 9, 30),
                  findings="", phase="check", corrective_actions=[])  # fmt: skip
    org_sheet(owner, account, 5, date(2025, 12, 20))
    plan = plan_create(actor=owner, account=account, year=2026)
    # when the owner opens this year's plan
    section = _section(client_for(owner), plan)
    # then section 2 reads the actuals live at the year's end, and says so
    assert (
        '<p class="muted" data-testid="plan-last-year-source">No year-end review of 2025 yet: '
        "actuals read live from the catalogue as of 2025-12-31.</p>"
    ) in section
    rows = re.findall(r'<tr data-testid="plan-last-year-row">(.*?)</tr>', section)
    assert [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows] == [
        ["Share of wallet", "35", "20"],
        ["Organisation relationship score (T4 total)", "70", "100.00"],
    ]
    assert "plan-last-year-review" not in section and "plan-last-year-score" not in section


def test_it_reads_last_years_review_in_constant_queries(
    client_for: ClientFor, owner: object, account: object
) -> None:
    # given last year's plans of two accounts' sizes, each reviewed at the year's end
    last = plan_create(actor=owner, account=account, year=2025, baseline_on=date(2025, 1, 1))
    add_objective(owner, last, weight=Decimal("70"))
    review = _year_end(owner, last)
    plan = plan_create(actor=owner, account=account, year=2026)
    client = client_for(owner)
    url = reverse("plans:plan", args=[account.uuid, plan.uuid])
    few = count_queries(lambda: client.get(url))
    # when last year's plan had more objectives (a new review of them replaces the first)
    review.delete()
    for _index in range(3):
        last.refresh_from_db()
        add_objective(owner, last, metric_code="org_total", weight=Decimal("10"))
    _year_end(owner, last)
    # then the plan page reads as many queries
    assert len(Review.objects.get().snapshot["objectives"]) == 4
    assert count_queries(lambda: client.get(url)) == few

"""Review pages: the list and its empty state, the form (defaulting to the next review date,
errors next to fields with nothing written), the review page (objectives, scores, both
comparisons, corrective actions), seeding next year's plan, access (outsider 404, viewer 403,
nothing changed) and constant query counts."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kam.engagement.models import ActionItem
from kam.plans.models import AccountPlan
from kam.plans.selectors import plan_for_year
from kam.plans.services import plan_create
from kam.reviews.models import Review
from kam.reviews.services import CorrectiveActionInput, review_record
from kam.reviews.tests.conftest import add_objective, org_sheet, wallet
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
ClientFor = Callable[[object], Client]


def _url(plan: AccountPlan, name: str = "reviews:list", *extra: object) -> str:
    return reverse(name, args=[plan.account.uuid, plan.uuid, *extra])


def _post(**values: object) -> dict[str, object]:
    data: dict[str, object] = {"kind": "quarterly", "review_on": "2026-09-30", "phase": "check",
                               "findings": "份额低于目标：加强高层互访。"}  # fmt: skip
    data.update(values)
    return data


def test_it_lists_no_review_and_offers_the_next_review_date(
    client_for: ClientFor, owner: object, reviewed_plan: Callable[..., AccountPlan]
) -> None:
    plan = reviewed_plan()
    client = client_for(owner)
    page = client.get(_url(plan)).content.decode()
    assert 'data-testid="reviews-empty"' in page
    assert (
        'data-testid="plan-reviews-link"'
        in client.get(reverse("plans:plan", args=[plan.account.uuid, plan.uuid])).content.decode()
    )
    review_record(actor=owner, plan=plan, kind="quarterly", review_on=date(2026, 3, 31),
                  findings="", phase="check", corrective_actions=[])  # fmt: skip
    form = client.get(_url(plan, "reviews:new")).context["form"]
    assert (form.initial["kind"], form.initial["review_on"]) == ("quarterly", date(2026, 6, 30))


def test_it_records_a_review_and_shows_it(
    client_for: ClientFor, owner: object, account: object, teammate: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    plan = reviewed_plan()
    wallet(owner, account, "2026", 200000)
    org_sheet(owner, account, 3, date(2026, 2, 1))
    client = client_for(owner)
    data = _post(action_1_description="拜访采购总监", action_1_owner=teammate.pk,
                 action_1_due_on="2026-10-15")  # fmt: skip
    response = client.post(_url(plan, "reviews:new"), data)
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(plan, "reviews:review", review.uuid)
    page = client.get(response["Location"]).content.decode()
    assert '<dd data-testid="review-score">68.57</dd>' in page
    assert 'data-testid="review-rating">Needs improvement</span>' in page
    assert page.count('data-testid="review-objective"') == 2
    assert "57.1 %" in page and "85.7 %" in page
    assert 'data-testid="review-vs-past"' in page and 'data-testid="review-vs-competitor"' in page
    assert "No data yet: no key person has a competitor level estimate on the ladder." in page
    assert "拜访采购总监" in page and "份额低于目标" in page
    assert ActionItem.objects.get().owner_user == teammate
    listing = client.get(_url(plan)).content.decode()
    assert listing.count('data-testid="review-row"') == 1


def test_it_keeps_the_input_and_writes_nothing_on_an_error(
    client_for: ClientFor, owner: object, reviewed_plan: Callable[..., AccountPlan]
) -> None:
    plan = reviewed_plan()
    before = database_fingerprint()
    response = client_for(owner).post(
        _url(plan, "reviews:new"), _post(review_on="2027-01-05", action_1_description="只写了描述")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["action_1_owner"] == [
        "Fill in the description, the owner and the due date of the action."
    ]
    html = response.content.decode()
    assert 'aria-describedby="id_action_1_owner_error"' in html
    assert 'value="只写了描述"' in html
    assert database_fingerprint() == before


def test_it_refuses_a_second_review_of_the_period_with_a_clear_message(
    client_for: ClientFor, owner: object, reviewed_plan: Callable[..., AccountPlan]
) -> None:
    plan = reviewed_plan()
    client = client_for(owner)
    client.post(_url(plan, "reviews:new"), _post(review_on="2026-09-30"))
    before = database_fingerprint()
    response = client.post(_url(plan, "reviews:new"), _post(review_on="2026-08-31"))
    assert response.status_code == 400
    assert "This plan already has a review of 2026-Q3 (recorded on 2026-09-30)." in (
        response.content.decode()
    )
    assert database_fingerprint() == before


def test_it_seeds_next_years_plan_from_the_year_end_review_page(
    client_for: ClientFor, owner: object, account: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    plan = reviewed_plan(2025)
    review = review_record(actor=owner, plan=plan, kind="year_end", review_on=date(2025, 12, 31),
                           findings="", phase="act", corrective_actions=[])  # fmt: skip
    client = client_for(owner)
    assert (
        'data-testid="review-seed"'
        in client.get(_url(plan, "reviews:review", review.uuid)).content.decode()
    )
    response = client.post(_url(plan, "reviews:seed", review.uuid))
    seeded = plan_for_year(account=account, year=2026)
    assert seeded is not None
    assert response["Location"] == reverse("plans:plan", args=[account.uuid, seeded.uuid])
    assert seeded.objectives.count() == 2
    page = client.get(_url(plan, "reviews:review", review.uuid)).content.decode()
    assert 'data-testid="review-seed"' not in page and 'data-testid="review-next-plan"' in page


def test_it_refuses_outsiders_and_viewers_and_changes_nothing(
    client_for: ClientFor, owner: object, outsider: object, viewer: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    plan = reviewed_plan()
    review = review_record(actor=owner, plan=plan, kind="quarterly", review_on=date(2026, 3, 31),
                           findings="", phase="check", corrective_actions=[])  # fmt: skip
    before = database_fingerprint()
    stranger, reader = client_for(outsider), client_for(viewer)
    for url in (_url(plan), _url(plan, "reviews:new"), _url(plan, "reviews:review", review.uuid)):
        assert stranger.get(url).status_code == 404
    assert stranger.post(_url(plan, "reviews:new"), _post()).status_code == 404
    assert stranger.post(_url(plan, "reviews:seed", review.uuid)).status_code == 404
    assert reader.get(_url(plan)).status_code == 200
    assert reader.get(_url(plan, "reviews:review", review.uuid)).status_code == 200
    assert 'data-testid="review-new"' not in reader.get(_url(plan)).content.decode()
    assert reader.post(_url(plan, "reviews:new"), _post()).status_code == 403
    assert reader.post(_url(plan, "reviews:seed", review.uuid)).status_code == 403
    assert database_fingerprint() == before


def _grow(owner: object, account: object, plan: AccountPlan, start: int, count: int) -> None:
    """More objectives, key persons and reviews (each with a corrective action)."""
    for index in range(start, start + count):
        ContactFactory(account=account, name=f"关键人{index}", is_key_person=True)
        add_objective(owner, plan, weight=Decimal("5"), metric_code="org_total")
        plan.refresh_from_db()
        review_record(
            actor=owner, plan=plan, kind="quarterly", review_on=date(2026, 1 + 3 * index, 28),
            findings="", phase="check",
            corrective_actions=[CorrectiveActionInput(f"行动{index}", owner, date(2026, 12, 31))],
        )  # fmt: skip


def test_it_reads_the_list_and_the_review_page_in_constant_queries(
    client_for: ClientFor, owner: object, account: object
) -> None:
    plan = plan_create(actor=owner, account=account, year=2026)
    client = client_for(owner)
    _grow(owner, account, plan, 0, 1)
    first = Review.objects.get()
    few_list = count_queries(lambda: client.get(_url(plan)))
    few_page = count_queries(lambda: client.get(_url(plan, "reviews:review", first.uuid)))
    _grow(owner, account, plan, 1, 3)
    last = Review.objects.order_by("-review_on").first()
    assert last is not None and len(last.snapshot["objectives"]) == 4
    assert count_queries(lambda: client.get(_url(plan))) == few_list
    assert count_queries(lambda: client.get(_url(plan, "reviews:review", last.uuid))) == few_page

"""Editing a plan's strategies, budget lines, risks and review dates: the form pre-filled, an
error next to its field with nothing saved, a stale form refused, each change audited, and
access (outsider 404, viewer 403, nothing changed)."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kam.audit.models import AuditEntry
from kam.plans.models import AccountPlan, BudgetLine, ReviewDate, Risk, Strategy
from kam.plans.services import (
    StrategyInput,
    budget_line_create,
    risk_create,
    strategy_create,
)
from kam.plans.tests.conftest import add_objective
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]


def _edit_url(plan: AccountPlan, item: object) -> str:
    return reverse("plans:item_edit", args=[plan.account.uuid, plan.uuid, item.uuid])


def _risk(owner: object, plan: AccountPlan) -> Risk:
    plan.refresh_from_db()
    return risk_create(
        actor=owner, plan=plan, description="竞品降价", probability="high", impact="medium",
        mitigation="锁定框架协议", expected_version=plan.version,
    )  # fmt: skip


def _risk_post(version: int, **values: str) -> dict[str, object]:
    data = {"risk-version": version, "risk-description": "竞品降价 15%",
            "risk-probability": "medium", "risk-impact": "high",
            "risk-mitigation": "提前签订年度框架协议"}  # fmt: skip
    data.update({f"risk-{name}": value for name, value in values.items()})
    return data


def test_it_prefills_the_form_and_saves_an_edited_risk_with_its_audit_entry(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    risk = _risk(owner, plan)
    plan.refresh_from_db()
    client = client_for(owner)
    page = client.get(_edit_url(plan, risk))
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["description"].value(), form["probability"].value(), form["impact"].value(),
            form["mitigation"].value(), form["version"].value()) == (
        "竞品降价", "high", "medium", "锁定框架协议", plan.version,
    )  # fmt: skip
    response = client.post(_edit_url(plan, risk), _risk_post(plan.version))
    assert response.status_code == 302
    assert response["Location"].endswith("#risk")
    risk.refresh_from_db()
    assert (risk.description, risk.probability, risk.impact, risk.mitigation) == (
        "竞品降价 15%", "medium", "high", "提前签订年度框架协议",
    )  # fmt: skip
    entry = AuditEntry.objects.get(object_uuid=risk.uuid, action="update")
    assert entry.changes == {
        "description": ["竞品降价", "竞品降价 15%"],
        "probability": ["high", "medium"],
        "impact": ["medium", "high"],
        "mitigation": ["锁定框架协议", "提前签订年度框架协议"],
    }
    before = plan.version
    plan.refresh_from_db()
    assert (plan.version, plan.status) == (before + 1, "draft")


def test_it_edits_a_strategy_a_budget_line_and_a_review_date(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    strategy = strategy_create(actor=owner, plan=plan, data=StrategyInput("高层互访", "product"),
                               expected_version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    line = budget_line_create(actor=owner, plan=plan, description="技术交流会",
                              amount=Decimal("50000"), currency="CNY",
                              expected_version=plan.version)  # fmt: skip
    review = plan.review_dates.get(review_on=date(2026, 3, 31))
    client = client_for(owner)
    plan.refresh_from_db()
    assert client.post(_edit_url(plan, strategy), {
        "strategy-version": plan.version, "strategy-description": "高层互访与联合规划",
        "strategy-tactic_tier": "strategic", "strategy-gap_keys": ["sow_headroom"],
    }).status_code == 302  # fmt: skip
    plan.refresh_from_db()
    assert client.post(_edit_url(plan, line), {
        "budget-version": plan.version, "budget-description": "技术交流会（两场）",
        "budget-amount": "80000", "budget-currency": "CNY",
    }).status_code == 302  # fmt: skip
    plan.refresh_from_db()
    assert client.post(_edit_url(plan, review), {
        "review-version": plan.version, "review-review_on": "2026-04-10",
        "review-label": "一季度回顾",
    }).status_code == 302  # fmt: skip
    strategy = Strategy.objects.get(pk=strategy.pk)
    assert (strategy.description, strategy.tactic_tier, strategy.gap_keys) == (
        "高层互访与联合规划", "strategic", ["sow_headroom"],
    )  # fmt: skip
    assert BudgetLine.objects.get(pk=line.pk).amount == Decimal("80000")
    review = ReviewDate.objects.get(pk=review.pk)
    assert (review.review_on, review.label) == (date(2026, 4, 10), "一季度回顾")


def test_it_shows_the_error_next_to_the_field_and_saves_nothing(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    review = plan.review_dates.get(review_on=date(2026, 3, 31))
    before = database_fingerprint()
    response = client_for(owner).post(_edit_url(plan, review), {
        "review-version": plan.version, "review-review_on": "2027-01-15", "review-label": "",
    })  # fmt: skip
    assert response.status_code == 400
    assert response.context["form"].errors == {"review_on": ["Choose a date in the plan's year."]}
    html = response.content.decode()
    assert (
        '<div class="field-errors" id="id_review-review_on_error"><p class="field-error">' in html
    )
    assert 'aria-invalid="true"' in html
    assert 'value="2027-01-15"' in html
    assert database_fingerprint() == before


def test_it_refuses_a_stale_edit_and_saves_nothing(
    client_for: ClientFor, owner: object, teammate: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    risk = _risk(owner, plan)
    plan.refresh_from_db()
    seen = plan.version
    add_objective(teammate, plan, weight=Decimal("10"))  # someone else saves first
    before = database_fingerprint()
    response = client_for(owner).post(_edit_url(plan, risk), _risk_post(seen))
    assert response.status_code == 400
    assert "Someone else changed this plan after you opened it." in response.content.decode()
    assert database_fingerprint() == before


def test_it_hides_the_edit_from_outsiders_and_refuses_viewers(
    client_for: ClientFor, owner: object, outsider: object, viewer: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    risk = _risk(owner, plan)
    plan.refresh_from_db()
    url = _edit_url(plan, risk)
    before = database_fingerprint()
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url, _risk_post(plan.version)).status_code == 404
    reader = client_for(viewer)
    assert reader.get(url).status_code == 403
    assert reader.post(url, _risk_post(plan.version)).status_code == 403
    assert (
        'data-testid="plan-risk-edit"'
        not in reader.get(
            reverse("plans:plan", args=[plan.account.uuid, plan.uuid])
        ).content.decode()
    )
    assert database_fingerprint() == before


def test_it_answers_404_for_an_item_of_another_plan(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan, other = make_plan(2026), make_plan(2027)
    risk = _risk(owner, other)
    assert client_for(owner).get(_edit_url(plan, risk)).status_code == 404

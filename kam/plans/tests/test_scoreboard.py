"""The objectives scoreboard (T13.4): actuals from the catalogue against targets, achievements
and scores from kam.plans.scoring (exact values), process and result grouped, the bullet
charts with their table, the API, access (outsider 404, viewer reads) and constant queries."""

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kam.metrics.services import manual_metric_record
from kam.plans.charts import scoreboard_option
from kam.plans.models import AccountPlan
from kam.plans.scoreboard import plan_scoreboard
from kam.plans.tests.conftest import add_objective
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
ClientFor = Callable[[object], Client]
ON = date(2026, 12, 31)
RESULT_SCORE = Decimal("100") * (Decimal("0.8") * 40 + Decimal("1.2") * 30) / 70


@pytest.fixture
def plan(owner: object, gappy: object, make_plan: Callable[..., AccountPlan]) -> AccountPlan:
    """Share of wallet 20 % (target 25, weight 40), gross margin entered as 30 % (target 20,
    weight 30, counts at the 120 % cap), executive meetings 0 (target 4, weight 26)."""
    plan = make_plan()
    manual_metric_record(actor=owner, account=gappy, metric_code="gross_margin",
                         measured_on=date(2026, 6, 30), value=Decimal("30"))  # fmt: skip
    add_objective(owner, plan, target=Decimal("25"), weight=Decimal("40"))
    add_objective(owner, plan, metric_code="gross_margin", target=Decimal("20"),
                  weight=Decimal("30"), baseline=Decimal("18"))  # fmt: skip
    add_objective(owner, plan, kind="process", metric_code="executive_meetings",
                  target=Decimal("4"), weight=Decimal("26"))  # fmt: skip
    plan.refresh_from_db()
    return plan


def test_it_reads_the_actuals_and_scores_them_with_the_plan_formulas(plan: AccountPlan) -> None:
    board = plan_scoreboard(plan=plan, on=ON)
    rows = [
        (row.objective.metric_code, row.actual.value, row.achievement, row.counted)
        for row in board.rows
    ]
    assert rows == [
        ("executive_meetings", Decimal("0"), Decimal("0"), Decimal("0")),
        ("share_of_wallet", 20.0, Decimal("0.8"), Decimal("0.8")),
        ("gross_margin", Decimal("30"), Decimal("1.5"), Decimal("1.2")),
    ]  # fmt: skip
    process, result = board.groups
    assert (process.kind, process.score, process.weight) == ("process", Decimal("0"), 26)
    assert (result.kind, result.weight) == ("result", 70)
    assert result.score == pytest.approx(RESULT_SCORE)
    assert board.score == pytest.approx(Decimal("0.6") * RESULT_SCORE)
    assert (board.rating, board.rating_label) == ("improve", "Needs improvement")


def test_it_draws_a_bullet_chart_per_group_with_the_bands_and_the_target(
    plan: AccountPlan,
) -> None:
    result = plan_scoreboard(plan=plan, on=ON).groups[1]
    option = scoreboard_option(result)
    series = option["series"][0]
    assert option["yAxis"]["data"] == ["Share of wallet", "Gross margin"]
    assert [item["value"] for item in series["data"]] == [80.0, 150.0]
    assert option["xAxis"]["max"] == 150
    assert series["markLine"]["data"] == [{"xAxis": 100}]
    assert [[band[0]["xAxis"], band[1]["xAxis"]] for band in series["markArea"]["data"]] == [
        [0.0, 70.0], [70.0, 85.0], [85.0, 100.0], [100.0, 150.0],
    ]  # fmt: skip
    assert series["data"][0]["tooltip"]["formatter"] == (
        "Share of wallet: actual 20 · target 25 · achievement 80.0 %"
    )


def test_it_shows_the_scoreboard_page_with_charts_and_tables(
    client_for: ClientFor, owner: object, plan: AccountPlan
) -> None:
    page = client_for(owner).get(reverse("plans:plan", args=[plan.account.uuid, plan.uuid]))
    url = reverse("plans:scoreboard", args=[plan.account.uuid, plan.uuid])
    assert f'href="{url}" data-testid="plan-scoreboard"' in page.content.decode()
    html = client_for(owner).get(url).content.decode()
    assert html.count('data-testid="scoreboard-row"') == 3
    assert 'data-chart="scoreboard-process"' in html and 'data-chart="scoreboard-result"' in html
    assert 'role="img" aria-label="Process objectives: achievement against the target' in html
    assert '<dd data-testid="scoreboard-rating">Needs improvement</dd>' in html


def test_it_says_what_to_do_when_the_plan_has_no_objective(
    client_for: ClientFor, owner: object, make_plan: Callable[..., AccountPlan]
) -> None:
    plan = make_plan()
    url = reverse("plans:scoreboard", args=[plan.account.uuid, plan.uuid])
    assert 'data-testid="scoreboard-empty"' in client_for(owner).get(url).content.decode()


def test_it_serves_the_scoreboard_through_the_api(
    client_for: ClientFor, owner: object, plan: AccountPlan
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{plan.account.uuid}/plans/2026/scoreboard"
    body = client.get(url, {"on": "2026-12-31"}).json()
    assert (body["on"], body["rating"], body["process_score"]) == ("2026-12-31", "improve", "0.00")
    assert (body["result_score"], body["score"]) == ("97.14", "58.29")
    margin = body["groups"][1]["objectives"][1]
    assert (margin["metric_code"], margin["actual"], margin["achievement"], margin["counted"]) == (
        "gross_margin", "30.0000", "1.5000", "1.2000",
    )  # fmt: skip
    assert client.get(url, {"on": "31.12.2026"}).status_code == 422
    missing = client.get(f"/api/v1/accounts/{plan.account.uuid}/plans/2019/scoreboard")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")


def test_it_hides_the_scoreboard_from_an_outsider_and_shows_it_to_a_viewer(
    client_for: ClientFor, outsider: object, viewer: object, plan: AccountPlan
) -> None:
    page = reverse("plans:scoreboard", args=[plan.account.uuid, plan.uuid])
    api = f"/api/v1/accounts/{plan.account.uuid}/plans/2026/scoreboard"
    before = database_fingerprint()
    stranger = client_for(outsider)
    assert stranger.get(page).status_code == 404
    response = stranger.get(api)
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert client_for(viewer).get(page).status_code == 200
    assert client_for(viewer).get(api).status_code == 200
    assert database_fingerprint() == before


def test_the_scoreboard_reads_a_constant_number_of_queries(
    client_for: ClientFor, owner: object, plan: AccountPlan
) -> None:
    client = client_for(owner)
    page = reverse("plans:scoreboard", args=[plan.account.uuid, plan.uuid])
    api = f"/api/v1/accounts/{plan.account.uuid}/plans/2026/scoreboard"
    few = (count_queries(lambda: client.get(page)), count_queries(lambda: client.get(api)))
    # more objectives on the metrics the plan measures already: each metric is read once
    for code, kind in (("executive_meetings", "process"), ("executive_meetings", "process"),
                       ("share_of_wallet", "result"), ("gross_margin", "result")):  # fmt: skip
        add_objective(owner, plan, kind=kind, metric_code=code, weight=Decimal("1"))
    assert plan.objectives.count() == 7
    many = (count_queries(lambda: client.get(page)), count_queries(lambda: client.get(api)))
    assert many == few
    assert json.loads(client.get(api).content)["on"] == timezone.localdate().isoformat()

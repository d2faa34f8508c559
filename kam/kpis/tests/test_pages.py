"""The KPI board from real records, checks as snapshots, the portfolio, access and queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.assessments.models import Assessment
from kam.broad.models import CoverageTarget
from kam.core.exceptions import ApplicationError
from kam.engagement.models import ActionItem, CalendarEntry, Mechanism
from kam.kpis.selectors import kpi_board, quarter_of
from kam.kpis.services import kpi_check_record
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERIOD = quarter_of(TODAY)


def _records(account: object, owner: object) -> None:
    """2 target cells, one covered; 4 active contacts, 3 in touch in the target departments,
    2 supporters; 4 calendar entries due, 3 held; one of our actions closed in 2 days."""
    account.category = "strategic"
    account.save(update_fields=["category"])
    for function in ("procurement", "it"):
        CoverageTarget.objects.create(account=account, function=function, level="middle")
    ContactFactory(
        account=account, function="procurement", seniority="middle", coverage="multiple", support=2
    )
    ContactFactory(
        account=account,
        function="procurement",
        seniority="operational",
        coverage="brief",
        support=1,
    )
    ContactFactory(account=account, function="it", seniority="middle", coverage="brief", support=0)
    ContactFactory(account=account, function="finance", seniority="middle", coverage="unknown")
    mechanism = Mechanism.objects.first()
    start = TODAY.replace(month=(TODAY.month - 1) // 3 * 3 + 1, day=1)
    for index, status in enumerate(["done", "done", "done", "planned"]):
        CalendarEntry.objects.create(
            account=account,
            mechanism=mechanism,
            title=f"拜访{index}",
            planned_on=start,
            status=status,
        )
    CalendarEntry.objects.create(
        account=account, mechanism=mechanism, title="取消", planned_on=start, status="cancelled"
    )
    action = ActionItem.objects.create(
        account=account,
        description="回复报价",
        owner_side="ours",
        owner_user=owner,
        due_on=TODAY,
        status="done",
        closed_on=TODAY,
    )
    ActionItem.objects.filter(pk=action.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )  # fmt: skip


def test_it_computes_the_seven_kpis_from_the_records(owner: object, account: object) -> None:
    _records(account, owner)
    board = kpi_board(account=account, period=PERIOD)
    rows = {row.code: row for row in board.rows}
    assert rows["coverage_rate"].actual == 50.0
    assert rows["coverage_rate"].achievement == pytest.approx(62.5)  # 50 / 80
    assert rows["coverage_rate"].light == "red"
    assert rows["contacts_per_dept"].actual == 1.5  # 3 contacts in touch / 2 departments
    assert rows["contacts_per_dept"].achievement == pytest.approx(75.0)
    assert rows["supporter_share"].actual == 50.0  # 2 of 4
    assert rows["supporter_share"].light == "green"
    assert rows["contact_frequency"].actual == 75.0  # 3 of 4 (cancelled not counted)
    assert rows["contact_frequency"].achievement == pytest.approx(75 / 85 * 100)
    assert rows["response_time"].actual == 48  # 2 days
    assert rows["response_time"].achievement == pytest.approx(50.0)  # 24 / 48, inverted
    assert rows["ops_satisfaction"].actual is None
    assert rows["platform_events"].actual is None
    # (62.5 + 75 + 100 + 88.235 + 50) / 5
    assert board.score == pytest.approx((62.5 + 75 + 100 + 75 / 85 * 100 + 50) / 5)
    assert board.light == "red"


def test_it_records_a_check_as_an_immutable_snapshot_from_the_page(
    client_for: object, owner: object, account: object
) -> None:
    _records(account, owner)
    url = reverse("kpis:account", args=[account.uuid])
    client = client_for(owner)
    page = client.get(url).content.decode()
    assert 'data-testid="kpi-row-response_time"' in page
    assert "≤ 24h" in page and "48h" in page
    refused = client.post(url, {"period": "2026-13"})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
    assert not Assessment.objects.filter(tool_code="broad_kpi").exists()
    response = client.post(url, {"period": PERIOD, "note": "季度检查"})
    assert response.status_code == 302
    check = Assessment.objects.get(tool_code="broad_kpi")
    assert check.inputs["targets"]["coverage_rate"] == 80
    assert check.inputs["actuals"]["coverage_rate"] == 50.0
    assert check.band == "red"
    assert float(check.total) == 75.15  # (62.5 + 75 + 100 + 88.24 + 50) / 5
    second = kpi_check_record(actor=owner, account=account, period=PERIOD)
    check.refresh_from_db()
    assert (check.is_current, second.supersedes_id) == (False, check.pk)


def test_it_refuses_a_check_without_targets_or_actuals(owner: object, account: object) -> None:
    account.category = ""
    account.save(update_fields=["category"])
    with pytest.raises(ApplicationError, match="no category"):
        kpi_check_record(actor=owner, account=account, period=PERIOD)
    account.category = "star"
    account.save(update_fields=["category"])
    with pytest.raises(ApplicationError, match="No KPI can be measured"):
        kpi_check_record(actor=owner, account=account, period=PERIOD)
    assert not Assessment.objects.filter(tool_code="broad_kpi").exists()


def test_it_hides_kpis_from_an_outsider_and_refuses_a_viewer(
    client_for: object, owner: object, outsider: object, viewer: object, account: object
) -> None:
    _records(account, owner)
    url = reverse("kpis:account", args=[account.uuid])
    before = database_fingerprint()
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url, {"period": PERIOD}).status_code == 404
    page = client_for(viewer).get(url).content.decode()
    assert "Record the check" not in page
    assert client_for(viewer).post(url, {"period": PERIOD}).status_code == 403
    portfolio = client_for(outsider).get(reverse("kpis:portfolio")).content.decode()
    assert account.name not in portfolio
    assert database_fingerprint() == before


def test_it_keeps_board_and_portfolio_queries_constant(
    client_for: object, director: object, owner: object, account: object
) -> None:
    _records(account, owner)
    kpi_check_record(actor=owner, account=account, period=PERIOD)
    client, portfolio = client_for(owner), client_for(director)
    board_url = reverse("kpis:account", args=[account.uuid])
    portfolio_url = reverse("kpis:portfolio") + f"?period={PERIOD}"
    few = (count_queries(lambda: client.get(board_url)),
           count_queries(lambda: portfolio.get(portfolio_url)))  # fmt: skip
    for index in range(4):
        other = AccountFactory(name=f"客户{index}", owner=owner, category="star")
        _records(other, owner)
        kpi_check_record(actor=owner, account=other, period=PERIOD)
    kpi_check_record(actor=owner, account=account, period=PERIOD)
    many = (count_queries(lambda: client.get(board_url)),
            count_queries(lambda: portfolio.get(portfolio_url)))  # fmt: skip
    assert many == few
    page = portfolio.get(portfolio_url + "&sort=score").content.decode()
    assert page.count('data-testid="kpi-portfolio"') == 1
    assert "50%" in page  # live coverage of each account


def test_it_serves_kpis_checks_and_the_portfolio_in_the_api(
    client_for: object, owner: object, viewer: object, outsider: object, director: object,
    account: object,
) -> None:  # fmt: skip
    _records(account, owner)
    client = client_for(owner)
    api = f"/api/v1/accounts/{account.uuid}"
    board = client.get(api + f"/kpis?period={PERIOD}").json()
    rows = {row["code"]: row for row in board["kpis"]}
    assert rows["response_time"]["actual"] == 48
    assert rows["response_time"]["achievement"] == 50.0
    assert rows["coverage_rate"]["light"] == "red"
    assert client.get(api + "/kpis?period=2026-Q5").status_code == 422
    created = client.post(api + "/kpi-checks", {"period": PERIOD}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["score"] == 75.15
    assert client.post(api + "/kpi-checks", {"period": "soon"},
                       content_type="application/json").status_code == 422  # fmt: skip
    before = database_fingerprint()
    for period in ("0000", "0999-Q1"):  # no year 0: a 422, not a 500 on the window's dates
        answer = client.post(
            api + "/kpi-checks", {"period": period}, content_type="application/json"
        )
        assert answer.status_code == 422
        assert answer.json()["error"]["fields"] == {"period": ["Enter a valid value."]}
    assert client.get(api + "/kpis?period=0000").status_code == 422
    assert database_fingerprint() == before
    before = database_fingerprint()
    assert client_for(viewer).post(api + "/kpi-checks", {"period": PERIOD},
                                   content_type="application/json").status_code == 403  # fmt: skip
    assert client_for(outsider).get(api + "/kpis").status_code == 404
    assert client_for(outsider).get(api + "/kpi-checks").status_code == 404
    assert database_fingerprint() == before
    checks = client.get(api + "/kpi-checks").json()
    assert checks["count"] == 1
    assert checks["items"][0]["actuals"]["contacts_per_dept"] == 1.5
    listed = client_for(director).get(f"/api/v1/portfolio/kpis?period={PERIOD}").json()
    assert listed["items"][0]["coverage_percent"] == 50
    assert listed["items"][0]["light"] == "red"
    assert client_for(outsider).get("/api/v1/portfolio/kpis").json()["count"] == 1  # own account

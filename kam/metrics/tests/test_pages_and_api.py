"""Manual entries (audited, refused when not manual), the pages, the API, access and queries."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kam.audit.models import AuditEntry
from kam.engagement.models import Activity, CalendarEntry, Mechanism
from kam.health.tests.conftest import save_wallets, submit_survey
from kam.metrics.models import ManualMetricEntry
from kam.metrics.registry import catalogue
from kam.metrics.selectors import metric_value
from kam.metrics.services import manual_metric_record
from kam.metrics.tests.test_values import ORG_VALUES, _key_person, _sheet
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _record(actor: object, account: object, **changes: object) -> ManualMetricEntry:
    values: dict[str, object] = {
        "metric_code": "gross_margin",
        "measured_on": date(2026, 3, 31),
        "value": Decimal("23.5"),
        "note": "财务月报",
        "period": "2026-Q1",
    }
    values.update(changes)
    return manual_metric_record(actor=actor, account=account, **values)  # type: ignore[arg-type]


def test_it_records_a_manual_value_audited_and_reads_it_as_of_the_date(
    owner: object, account: object
) -> None:
    entry = _record(owner, account)
    assert AuditEntry.objects.filter(object_uuid=entry.uuid, action="create").count() == 1
    found = metric_value("gross_margin", account, date(2026, 4, 1))
    assert (found.value, found.as_of) == (Decimal("23.5000"), date(2026, 3, 31))
    assert found.source == "Entered by 用户0 for 2026-03-31. 财务月报".replace("用户0", str(owner))
    assert metric_value("gross_margin", account, date(2026, 3, 30)).value is None
    # a second value for the same date corrects the first, audited as an update
    corrected = _record(owner, account, value=Decimal("24"))
    assert corrected.pk == entry.pk
    assert ManualMetricEntry.objects.get().value == Decimal("24.0000")
    assert AuditEntry.objects.filter(object_uuid=entry.uuid, action="update").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"metric_code": "revenue"}, "metric_code", "computed from the records"),
        ({"metric_code": "no_such_metric"}, "metric_code", "No such metric"),
        ({"value": Decimal("150")}, "value", "at most 100"),
        ({"value": Decimal("-101")}, "value", "at least -100"),
    ],
)
def test_it_refuses_a_value_for_a_computed_or_unknown_metric_and_writes_nothing(
    owner: object, account: object, changes: dict, field: str, message: str
) -> None:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        _record(owner, account, **changes)
    assert message in error.value.message_dict[field][0]
    assert database_fingerprint() == before


def test_it_refuses_a_viewer_in_the_service(viewer: object, account: object) -> None:
    before = database_fingerprint()
    with pytest.raises(PermissionDenied):
        _record(viewer, account)
    assert database_fingerprint() == before


def test_it_shows_every_metric_on_the_account_page_and_records_a_value(
    client_for: object, owner: object, account: object
) -> None:
    _sheet(owner, account, ORG_VALUES, "2026", date(2026, 1, 15))
    url = reverse("metrics:account", args=[account.uuid])
    client = client_for(owner)
    page = client.get(url, {"on": "2026-02-01"}).content.decode()
    for definition in catalogue():
        assert f'data-testid="metric-{definition.code}"' in page
    assert "73.33" in page and "2026-01-15" in page
    # a bad value is shown next to its field and nothing is written
    refused = client.post(
        url, {"metric_code": "gross_margin", "measured_on": "2026-03-31", "value": "150"}
    )
    assert refused.status_code == 400
    assert "Enter a value of at most 100." in refused.content.decode()
    assert not ManualMetricEntry.objects.exists()
    response = client.post(
        url, {"metric_code": "gross_margin", "measured_on": "2026-03-31", "value": "23.5"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?on=2026-03-31"
    assert ManualMetricEntry.objects.get().entered_by == owner


def test_it_links_the_page_from_the_overview_and_shows_the_catalogue(
    client_for: object, viewer: object, account: object
) -> None:
    overview = client_for(viewer).get(reverse("workspace:account", args=[account.uuid]))
    assert reverse("metrics:account", args=[account.uuid]) in overview.content.decode()
    page = client_for(viewer).get(reverse("metrics:account", args=[account.uuid]))
    assert 'data-testid="manual-metric-form"' not in page.content.decode()
    catalogue_page = client_for(viewer).get(reverse("metrics:catalogue")).content.decode()
    assert 'data-testid="catalogue-gross_margin"' in catalogue_page
    assert "Higher is better" in catalogue_page


def test_it_hides_the_page_from_an_outsider_and_refuses_a_viewer(
    client_for: object, outsider: object, viewer: object, account: object
) -> None:
    url = reverse("metrics:account", args=[account.uuid])
    body = {"metric_code": "gross_margin", "measured_on": "2026-03-31", "value": "23.5"}
    before = database_fingerprint()
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url, body).status_code == 404
    assert client_for(viewer).post(url, body).status_code == 403
    assert database_fingerprint() == before


def _grow(owner: object, account: object, size: int) -> None:
    """More of every record the metrics read: snapshots, people, ladders, activities, entries."""
    routine = Mechanism.objects.get(code="exec_strategy_meeting")
    for index in range(size):
        _sheet(owner, account, ORG_VALUES, f"{2020 + index}", date(2020 + index, 1, 15))
        _key_person(owner, account, 8, [2, 2, 0, 0, 0, 0], target=2)
        ContactFactory(account=account, is_key_person=True)
        CalendarEntry.objects.create(
            account=account, mechanism=routine, title="拜访", planned_on=TODAY, status="done"
        )
        Activity.objects.create(account=account, mechanism=routine, title="会谈", occurred_on=TODAY)
        _record(owner, account, measured_on=TODAY - timedelta(days=index))


def test_it_reads_the_metrics_page_in_a_constant_number_of_queries(
    client_for: object, owner: object, account: object
) -> None:
    submit_survey(owner, account)
    save_wallets(owner, account)
    client = client_for(owner)
    url = reverse("metrics:account", args=[account.uuid])
    _grow(owner, account, 1)
    small = count_queries(lambda: client.get(url))
    _grow(owner, account, 4)
    assert count_queries(lambda: client.get(url)) == small


# --- API -----------------------------------------------------------------------------------------


def test_it_lists_the_catalogue_in_the_api(client_for: object, viewer: object) -> None:
    body = client_for(viewer).get("/api/v1/metrics", {"page_size": 100}).json()
    assert body["count"] == len(catalogue())
    margin = next(item for item in body["items"] if item["code"] == "gross_margin")
    assert margin == {
        "code": "gross_margin",
        "label": "Gross margin",
        "unit": "percent",
        "direction": "higher",
        "kind": "result",
        "dimension": "business",
        "source_tool": "manual",
        "data_source": "Finance figures entered by the account team",
        "formula": margin["formula"],
        "frequency": "quarterly",
        "is_manual": True,
        "is_stage": False,
    }


def test_it_reads_and_records_metrics_in_the_api(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    _sheet(owner, account, ORG_VALUES, "2026", date(2026, 1, 15))
    response = client.post(
        f"/api/v1/accounts/{account.uuid}/manual-metrics",
        json.dumps({"metric_code": "gross_margin", "measured_on": "2026-01-31", "value": "21.5"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["value"] == "21.5"
    body = client.get(f"/api/v1/accounts/{account.uuid}/metrics", {"on": "2026-02-01"}).json()
    assert body["on"] == "2026-02-01"
    metrics = {item["code"]: item for item in body["metrics"]}
    assert metrics["gross_margin"]["value"] == 21.5
    assert metrics["org_level"]["value"] == 3
    assert metrics["org_level"]["text"] == "Cooperative"
    assert metrics["org_total"]["as_of"] == "2026-01-15"
    assert metrics["org_total"]["links"][0]["url"].startswith("/assessments/")
    assert metrics["revenue"]["value"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"metric_code": "org_total", "value": "3"}, "metric_code"),
        ({"metric_code": "gross_margin", "value": "lots"}, "value"),
        ({"metric_code": "gross_margin", "value": "101"}, "value"),
    ],
)
def test_it_answers_422_to_a_bad_code_or_value_and_writes_nothing(
    client_for: object, owner: object, account: object, payload: dict, field: str
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        f"/api/v1/accounts/{account.uuid}/manual-metrics",
        json.dumps({"measured_on": "2026-01-31", **payload}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert database_fingerprint() == before


def test_it_answers_404_to_an_outsider_and_403_to_a_viewer_in_the_api(
    client_for: object, outsider: object, viewer: object, account: object
) -> None:
    url = f"/api/v1/accounts/{account.uuid}/manual-metrics"
    body = json.dumps({"metric_code": "gross_margin", "measured_on": "2026-01-31", "value": "1"})
    before = database_fingerprint()
    assert client_for(outsider).get(f"/api/v1/accounts/{account.uuid}/metrics").status_code == 404
    outsider_post = client_for(outsider).post(url, body, content_type="application/json")
    assert outsider_post.status_code == 404
    viewer_post = client_for(viewer).post(url, body, content_type="application/json")
    assert viewer_post.status_code == 403
    assert database_fingerprint() == before

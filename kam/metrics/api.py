"""API of the metric catalogue (the same registry, selectors, services and access as the pages)."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.api.pagination import PagePagination
from kam.api.schemas import ErrorOut
from kam.metrics import services
from kam.metrics.models import ManualMetricEntry
from kam.metrics.registry import MetricDefinition, MetricValue, catalogue
from kam.metrics.selectors import metric_values
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["metrics"])


class MetricDefinitionOut(Schema):
    code: str
    label: str
    unit: str
    direction: str = Field(..., description="higher or lower (is better).")
    kind: str = Field(..., description="result or process.")
    dimension: str
    source_tool: str = Field(..., description="T1 … T12, or manual.")
    data_source: str
    formula: str = Field(..., description="How the actual is computed.")
    frequency: str = Field(..., description="monthly, quarterly or yearly.")
    is_manual: bool
    is_stage: bool


class MetricLinkOut(Schema):
    label: str
    url: str


class MetricValueOut(Schema):
    code: str
    label: str
    unit: str
    value: float | None
    text: str = Field(..., description="The value in words where a number alone does not say it.")
    as_of: date | None
    derived_from: str
    links: list[MetricLinkOut]


class AccountMetricsOut(Schema):
    account_id: uuid.UUID
    on: date
    metrics: list[MetricValueOut]


class AccountMetricsQuery(Schema):
    on: date | None = Field(None, description="The date to measure on. Default: today.")


class ManualMetricIn(Schema):
    metric_code: str = Field(..., max_length=50)
    measured_on: date
    value: Decimal = Field(..., max_digits=16, decimal_places=4)
    period: str = Field("", pattern=r"^(\d{4}(-(Q[1-4]|H[12]))?)?$")
    note: str = Field("", max_length=5000)


class ManualMetricOut(Schema):
    id: uuid.UUID
    metric_code: str
    measured_on: date
    value: Decimal
    period: str
    note: str


def _definition_out(definition: MetricDefinition) -> dict[str, object]:
    return {
        "code": definition.code,
        "label": str(definition.label),
        "unit": definition.unit.value,
        "direction": definition.direction.value,
        "kind": definition.kind.value,
        "dimension": definition.dimension.value,
        "source_tool": definition.source_tool.value,
        "data_source": str(definition.data_source),
        "formula": str(definition.formula),
        "frequency": definition.frequency.value,
        "is_manual": definition.is_manual,
        "is_stage": definition.is_stage,
    }


def _value_out(definition: MetricDefinition, found: MetricValue) -> dict[str, object]:
    return {
        "code": definition.code,
        "label": str(definition.label),
        "unit": definition.unit.value,
        "value": float(found.value) if found.value is not None else None,
        "text": found.text,
        "as_of": found.as_of,
        "derived_from": found.source,
        "links": [{"label": link.label, "url": link.url} for link in found.links],
    }


def _entry_out(entry: ManualMetricEntry) -> dict[str, object]:
    return {
        "id": entry.uuid,
        "metric_code": entry.metric_code,
        "measured_on": entry.measured_on,
        "value": entry.value,
        "period": entry.period,
        "note": entry.note,
    }


@router.get("/metrics", response=list[MetricDefinitionOut], url_name="api_metric_catalogue")
@paginate(PagePagination)
def list_metrics(request: AuthenticatedHttpRequest) -> Sequence[dict[str, object]]:
    """The metric catalogue: what each tool measures, how, in which unit and how often."""
    return _Rows([_definition_out(definition) for definition in catalogue()])


@router.get(
    "/accounts/{account_id}/metrics",
    response={200: AccountMetricsOut, 404: ErrorOut, 422: ErrorOut},
    url_name="api_account_metrics",
)
def get_account_metrics(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[AccountMetricsQuery]
) -> object:
    """Every metric's actual for the account as of a date, with what it was derived from."""
    account = account_get_for_user(request.user, account_id)
    on = filters.on or timezone.localdate()
    rows = metric_values(account, on)
    return {
        "account_id": account.uuid,
        "on": on,
        "metrics": [_value_out(row.definition, row.value) for row in rows],
    }


@router.post(
    "/accounts/{account_id}/manual-metrics",
    response={201: ManualMetricOut, 403: ErrorOut, 404: ErrorOut,
              422: ErrorOut},
)  # fmt: skip
def create_manual_metric(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: ManualMetricIn
) -> Status:
    """Enter a manual metric's value as of a date (a second value for the date corrects it)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    entry = services.manual_metric_record(
        actor=request.user, account=account, **payload.model_dump()
    )
    return Status(201, _entry_out(entry))


class _Rows(list):
    """A list the paginator can count (it calls `count()` with no argument)."""

    def count(self) -> int:  # type: ignore[override]
        return len(self)

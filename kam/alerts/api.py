"""API of the alert centre (same selectors and access rules as the pages): the open alerts a
user may see, filtered and paginated, and one account's. Read-only: the alerts are computed by
the background refresh."""

import uuid
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.alerts.choices import AlertSeverity
from kam.alerts.models import Alert
from kam.alerts.registry import rule_for
from kam.alerts.selectors import (
    AlertFilters,
    alert_fix_url,
    alert_label,
    alert_reason,
    open_alerts,
)
from kam.api.pagination import PagePagination
from kam.api.schemas import ErrorOut
from kam.core.exceptions import ApplicationError
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["alerts"])

LIST_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 422: ErrorOut}
ACCOUNT_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class AlertOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account_id: uuid.UUID
    account_name: str
    kind: str
    kind_label: str
    severity: AlertSeverity
    reason: str = Field(..., description="Why, in the request's language.")
    params: dict[str, Any] = Field(..., description="The reason as data (per kind).")
    fix_url: str = Field(..., description="The page where it is fixed.")
    subject_type: str
    subject_id: uuid.UUID | None
    first_seen: datetime
    last_seen: datetime

    @staticmethod
    def resolve_account_id(alert: Alert) -> uuid.UUID:
        return alert.account.uuid

    @staticmethod
    def resolve_account_name(alert: Alert) -> str:
        return alert.account.name

    @staticmethod
    def resolve_kind_label(alert: Alert) -> str:
        return alert_label(alert)

    @staticmethod
    def resolve_reason(alert: Alert) -> str:
        return alert_reason(alert)

    @staticmethod
    def resolve_fix_url(alert: Alert) -> str:
        return alert_fix_url(alert)

    @staticmethod
    def resolve_subject_id(alert: Alert) -> uuid.UUID | None:
        return alert.subject_uuid


class AlertListQuery(Schema):
    kind: str = Field("", max_length=40, description="A rule's kind, e.g. red_flag.")
    severity: AlertSeverity | None = None
    manager: uuid.UUID | None = Field(None, description="The account manager's user id.")
    account: str = Field("", max_length=100, description="Part of the account's name.")


def _filters(query: AlertListQuery) -> AlertFilters:
    if query.kind and rule_for(query.kind) is None:
        raise ApplicationError(_("No such kind of alert."), code="invalid_kind", status=422)
    return AlertFilters(
        kind=query.kind,
        severity=query.severity or "",
        manager_uuid=str(query.manager) if query.manager else "",
        account_query=query.account.strip(),
    )


@router.get("/alerts", response={200: list[AlertOut], **LIST_ERRORS}, url_name="api_alerts_list")
@paginate(PagePagination)
def list_alerts(request: AuthenticatedHttpRequest, filters: Query[AlertListQuery]) -> object:
    """The open alerts of every account you may see, most urgent first, then newest."""
    return open_alerts(user=request.user, filters=_filters(filters))


@router.get(
    "/accounts/{account_id}/alerts",
    response={200: list[AlertOut], **ACCOUNT_ERRORS},
    url_name="api_alerts_account",
)
@paginate(PagePagination)
def list_account_alerts(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[AlertListQuery]
) -> object:
    """One account's open alerts (404 when you may not see the account)."""
    account = account_get_for_user(request.user, account_id)
    return open_alerts(user=request.user, filters=_filters(filters), account=account)

"""Reads of the alert centre: the thresholds in force, the open alerts a user may see (with
their reason in words and the page where each is fixed), and when they were last computed."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.accounts.access import accounts_visible_to, scope_to_visible_accounts
from kam.accounts.models import Account
from kam.alerts.choices import AlertSeverity
from kam.alerts.models import Alert, AlertRules, AlertRun
from kam.alerts.registry import rule_for
from kam.users.models import User

TASK_PATH = "kam.alerts.tasks.refresh_alerts"
HISTORY_LIMIT = 20
# What the lists show of an alert, its account and manager (nothing else is read).
LIST_FIELDS = (
    "uuid", "account", "kind", "severity", "severity_rank", "key", "params", "fix_url_name",
    "fix_url_kwargs", "subject_type", "subject_uuid", "first_seen", "last_seen", "resolved_at",
    "account__uuid", "account__name", "account__owner",
    "account__owner__username", "account__owner__display_name",
    "account__owner__first_name", "account__owner__last_name",
)  # fmt: skip


def alert_rules() -> AlertRules:
    """The thresholds in force: the newest row, or an unsaved row of defaults when there is
    none (reading never writes)."""
    current = AlertRules.objects.order_by("-created_at", "-id").first()
    return current if current is not None else AlertRules()


def alert_rules_history(*, limit: int = HISTORY_LIMIT) -> list[AlertRules]:
    return list(
        AlertRules.objects.select_related("created_by").order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class AlertFilters:
    kind: str = ""
    severity: str = ""
    manager_uuid: str = ""
    account_query: str = ""


def open_alerts(
    *, user: User, filters: AlertFilters | None = None, account: Account | None = None
) -> QuerySet[Alert]:
    """The open alerts of the accounts the user may see, most urgent first, then newest (one
    query with their account and its manager)."""
    filters = filters or AlertFilters()
    alerts = Alert.objects.filter(resolved_at=None)
    if account is not None:
        alerts = alerts.filter(account=account)
    else:
        alerts = scope_to_visible_accounts(alerts, user)
    if filters.kind:
        alerts = alerts.filter(kind=filters.kind)
    if filters.severity:
        alerts = alerts.filter(severity=filters.severity)
    if filters.manager_uuid:
        alerts = alerts.filter(account__owner__uuid=filters.manager_uuid)
    if filters.account_query:
        alerts = alerts.filter(account__name__icontains=filters.account_query)
    return (
        alerts.select_related("account", "account__owner")
        .only(*LIST_FIELDS)
        .order_by("severity_rank", "-first_seen", "-pk")
    )


def alert_reason(alert: Alert) -> str:
    """The alert's reason in the active language (from its stored parameters)."""
    rule = rule_for(alert.kind)
    if rule is None:
        return alert.kind
    try:
        return rule.describe(alert.params)
    except (KeyError, ValueError, TypeError):
        return str(rule.label)


def alert_label(alert: Alert) -> str:
    rule = rule_for(alert.kind)
    return str(rule.label) if rule else alert.kind


def alert_fix_url(alert: Alert) -> str:
    try:
        return reverse(alert.fix_url_name, kwargs=alert.fix_url_kwargs)
    except NoReverseMatch:
        return reverse("workspace:account", args=[alert.account.uuid])


@dataclass(frozen=True)
class AlertRow:
    """An alert as the pages show it, every value built once in Python (a list of fifty rows
    then renders without template lookups per cell)."""

    alert: Alert
    label: str
    reason: str
    fix_url: str
    severity_label: str
    account_url: str
    manager: str
    since: str


def alert_rows(alerts: list[Alert]) -> list[AlertRow]:
    severity_labels = {code: str(label) for code, label in AlertSeverity.choices}
    return [
        AlertRow(
            alert=alert,
            label=alert_label(alert),
            reason=alert_reason(alert),
            fix_url=alert_fix_url(alert),
            severity_label=severity_labels.get(alert.severity, alert.severity),
            account_url=reverse("alerts:account", args=[alert.account.uuid]),
            manager=str(alert.account.owner) if alert.account.owner_id else "—",
            since=timezone.localdate(alert.first_seen).isoformat(),
        )
        for alert in alerts
    ]


@dataclass(frozen=True)
class RefreshStatus:
    """When the alerts were last computed, and the newest refresh job's state."""

    last_run: AlertRun | None
    job_status: str
    job_enqueued_at: datetime | None

    @property
    def last_computed_at(self) -> datetime | None:
        return self.last_run.finished_at if self.last_run else None

    @property
    def job_status_label(self) -> str:
        if self.job_status not in TaskResultStatus.values:
            return ""
        return str(TaskResultStatus(self.job_status).label)


def refresh_status() -> RefreshStatus:
    """Two queries: the last finished run, and the newest refresh job."""
    last_run = AlertRun.objects.order_by("-finished_at").first()
    job: Any = (
        DBTaskResult.objects.filter(task_path=TASK_PATH)
        .only("status", "enqueued_at")
        .order_by("-enqueued_at")
        .first()
    )
    return RefreshStatus(
        last_run=last_run,
        job_status=job.status if job else "",
        job_enqueued_at=job.enqueued_at if job else None,
    )


def alert_managers(*, user: User) -> QuerySet[User]:
    """The managers of the accounts the user sees (the directors' filter)."""
    return User.objects.filter(pk__in=accounts_visible_to(user).values("owner_id")).order_by(
        "username"
    )


def open_alert_count(*, user: User) -> int:
    return scope_to_visible_accounts(Alert.objects.filter(resolved_at=None), user).count()

"""Writes of the alert centre: the refresh (upsert the findings, resolve the vanished ones, in
bulk) and a change of the thresholds (a new row, audited)."""

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, require
from kam.accounts.choices import AccountStatus
from kam.accounts.models import Account
from kam.alerts.choices import SEVERITY_ORDER, AlertSeverity
from kam.alerts.models import Alert, AlertRules, AlertRun
from kam.alerts.registry import Finding, rules
from kam.alerts.selectors import alert_rules
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.exceptions import ApplicationError
from kam.users.models import User

# Accounts per batch: every rule reads a batch in a constant number of queries; the batch bounds
# the size of an `IN (…)` list and of the memory a run holds.
CHUNK = 500
# Accounts the rules watch; the others' alerts are resolved.
WATCHED_STATUSES = (AccountStatus.ACTIVE,)
RULES_FIELDS = ["plan_due_month", "plan_due_day", "review_overdue_days", "off_track_below"]
UPDATED_FIELDS = [
    "severity", "severity_rank", "params", "fix_url_name", "fix_url_kwargs", "subject_type",
    "subject_uuid", "last_seen", "resolved_at", "updated_at",
]  # fmt: skip


@dataclass(frozen=True)
class RefreshResult:
    accounts: int
    found: int
    resolved: int


def _chunks(account_ids: Sequence[int] | None) -> Iterator[list[Account]]:
    accounts = Account.objects.only("pk", "uuid", "name", "status", "current_revenue")
    if account_ids is not None:
        accounts = accounts.filter(pk__in=list(account_ids))
    last = 0
    while True:
        chunk = list(accounts.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _alert(kind: str, finding: Finding, now: datetime) -> Alert:
    return Alert(
        account_id=finding.account_id, kind=kind, key=finding.key, severity=finding.severity,
        severity_rank=SEVERITY_ORDER[AlertSeverity(finding.severity)],
        params=finding.params, fix_url_name=finding.fix_url_name,
        fix_url_kwargs=finding.fix_url_kwargs, subject_type=finding.subject_type,
        subject_uuid=finding.subject_uuid, first_seen=now, last_seen=now, resolved_at=None,
    )  # fmt: skip


@transaction.atomic
def _refresh_chunk(
    chunk: list[Account], on: date, thresholds: AlertRules, now: datetime
) -> tuple[int, int]:
    """Upsert the chunk's findings (one statement per batch) and resolve its open alerts that
    were not found in this run (one statement); returns (found, resolved)."""
    watched = [account for account in chunk if account.status in WATCHED_STATUSES]
    alerts = [
        _alert(rule.kind, finding, now)
        for rule in rules()
        for finding in (rule.find(watched, on, thresholds) if watched else [])
    ]
    if alerts:
        Alert.objects.bulk_create(
            alerts,
            batch_size=CHUNK,
            update_conflicts=True,
            unique_fields=["account", "kind", "key"],
            update_fields=UPDATED_FIELDS,
        )
    resolved = (
        Alert.objects.filter(account_id__in=[account.pk for account in chunk], resolved_at=None)
        .exclude(last_seen=now)
        .update(resolved_at=now, updated_at=now)
    )
    return len(alerts), resolved


def alerts_refresh(
    *, account_ids: Sequence[int] | None = None, on: date | None = None
) -> RefreshResult:
    """Run every rule over the accounts (all, or the given ids) as of `on` (today): open or
    update what they find, resolve what they no longer find. Each chunk of accounts is one
    transaction, so a reader never sees a half-written chunk."""
    started = timezone.now()
    on = on or timezone.localdate()
    thresholds = alert_rules()
    accounts = found = resolved = 0
    for chunk in _chunks(account_ids):
        now = timezone.now()
        chunk_found, chunk_resolved = _refresh_chunk(chunk, on, thresholds, now)
        accounts += len(chunk)
        found += chunk_found
        resolved += chunk_resolved
    AlertRun.objects.create(
        started_at=started, finished_at=timezone.now(), accounts=accounts, found=found,
        resolved=resolved, is_complete=account_ids is None,
    )  # fmt: skip
    return RefreshResult(accounts=accounts, found=found, resolved=resolved)


def can_change_alert_rules(user: User) -> bool:
    """The alert thresholds belong to KAM directors and administrators."""
    return can_administer_portfolio(user)


@transaction.atomic
def alert_rules_update(
    *, actor: User, data: dict[str, object], expected_version: uuid.UUID | None = None
) -> AlertRules:
    """Add a rules row with the changed values (audited); unchanged values write nothing. The
    next refresh uses them."""
    require(can_change_alert_rules(actor))
    current = AlertRules.objects.select_for_update().order_by("-created_at", "-id").first()
    current = current if current is not None else AlertRules()
    if expected_version is not None and current.pk and current.uuid != expected_version:
        raise ApplicationError(
            _("Someone else changed the settings after you opened them: reload the page."),
            code="stale_version",
            status=409,
        )
    values = {name: data.get(name, getattr(current, name)) for name in RULES_FIELDS}
    changes = {
        name: [getattr(current, name), value]
        for name, value in values.items()
        if getattr(current, name) != value
    }
    if not changes:
        return current
    new = AlertRules(created_by=actor, **values)
    new.full_clean()
    new.save()
    audit_record(actor=actor, instance=new, action=AuditAction.CREATE, changes=changes)
    return new

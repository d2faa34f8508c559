"""Writes of the metric catalogue: a manual metric's value for an account (audited)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.services import audited_create, audited_update
from kam.metrics.models import ManualMetricEntry, manual_value_errors
from kam.users.models import User

ENTRY_FIELDS = ["metric_code", "measured_on", "period", "value", "note", "entered_by"]


@transaction.atomic
def manual_metric_record(
    *,
    actor: User,
    account: Account,
    metric_code: str,
    measured_on: date,
    value: Decimal,
    note: str = "",
    period: str = "",
) -> ManualMetricEntry:
    """Enter the value of a manual metric as of a date; a second value for the same date
    corrects the first. Refused (nothing written) for a metric that is computed from the
    records, an unknown one, or a value outside the metric's range."""
    require(can_change_account(actor, account))
    errors = manual_value_errors(metric_code, value)
    if errors:
        raise ValidationError(errors)
    existing = (
        ManualMetricEntry.objects.select_for_update()
        .filter(account=account, metric_code=metric_code, measured_on=measured_on)
        .first()
    )
    data = {"value": value, "note": note, "period": period, "entered_by": actor}
    if existing is not None:
        return audited_update(
            actor=actor,
            instance=existing,
            data=data,
            fields=list(data),
            account_uuid=account.uuid,
        )
    entry = ManualMetricEntry(
        account=account, metric_code=metric_code, measured_on=measured_on, **data
    )
    return audited_create(
        actor=actor, instance=entry, fields=ENTRY_FIELDS, account_uuid=account.uuid
    )

"""Writes on the broad relationships (T10): matrix rows and their letters, coverage targets.
All audited; every write checks that the actor may change the account; a row that breaks the
matrix rules (`rules.RACI_RULES`) is refused whole, nothing written."""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kam.accounts.access import account_workers, can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audited_create, audited_update
from kam.broad.choices import RaciRole
from kam.broad.models import CoverageTarget, RaciAssignment, RaciRow
from kam.broad.rules import raci_row_problems
from kam.core.services import refuse_stale_write
from kam.users.models import User

ROW_FIELDS = ["function", "level", "touchpoint"]


@transaction.atomic
def raci_row_create(
    *, actor: User, account: Account, function: str = "", level: str = "", touchpoint: str = ""
) -> RaciRow:
    """Add a row (a customer cell or a named touchpoint) to the account's matrix, empty."""
    require(can_change_account(actor, account))
    row = RaciRow(account=account, function=function, level=level, touchpoint=touchpoint.strip())
    return audited_create(actor=actor, instance=row, fields=ROW_FIELDS, account_uuid=account.uuid)


def _letters(row: RaciRow) -> dict[int, str]:
    return dict(row.assignments.values_list("user_id", "role"))


@transaction.atomic
def raci_row_set(
    *,
    actor: User,
    row: RaciRow,
    letters: Mapping[int, str],
    expected_version: datetime | None = None,
) -> RaciRow:
    """Set who holds which letter on the row (user id → "R"/"A"/"C"/"I", "" for none).

    Refused with the rules' messages (a ValidationError on the row) when the row would break
    them; only people on the account (owner and team) may hold a letter. `expected_version` is
    the row's `updated_at` the user saw; a row saved since is refused as stale."""
    account = row.account
    require(can_change_account(actor, account))
    wanted = {user_id: role for user_id, role in letters.items() if role}
    unknown_roles = set(wanted.values()) - set(RaciRole.values)
    if unknown_roles:
        raise ValidationError(_("Choose R, A, C or I."))
    workers = set(account_workers(account).filter(pk__in=wanted).values_list("pk", flat=True))
    if set(wanted) - workers:
        raise ValidationError(_("Only people on the account team can take part in a row."))
    problems = raci_row_problems(wanted.values())
    if problems:
        raise ValidationError([str(message) for _code, message in problems])
    RaciRow.objects.select_for_update().filter(pk=row.pk).first()
    refuse_stale_write(instance=row, expected_version=expected_version)
    before = _letters(row)
    if before == wanted:
        return row
    row.assignments.exclude(user_id__in=wanted).delete()
    for user_id, role in wanted.items():
        RaciAssignment.objects.update_or_create(row=row, user_id=user_id, defaults={"role": role})
    audit_record(
        actor=actor,
        instance=row,
        action=AuditAction.UPDATE,
        changes={"letters": [_named(before), _named(wanted)]},
        account_uuid=account.uuid,
    )
    row.save(update_fields=["updated_at"])
    return row


def _named(letters: Mapping[int, str]) -> dict[str, str]:
    """Letters by username for the audit trail (user ids are internal)."""
    names = dict(User.objects.filter(pk__in=letters).values_list("pk", "username"))
    return {names.get(user_id, str(user_id)): role for user_id, role in sorted(letters.items())}


@transaction.atomic
def coverage_target_set(
    *, actor: User, account: Account, function: str, level: str, is_target: bool
) -> CoverageTarget:
    """Mark a cell of the coverage heat map as a target, or not."""
    require(can_change_account(actor, account))
    target = CoverageTarget.objects.filter(account=account, function=function, level=level).first()
    if target is None:
        return audited_create(
            actor=actor,
            instance=CoverageTarget(
                account=account, function=function, level=level, is_target=is_target
            ),
            fields=["function", "level", "is_target"],
            account_uuid=account.uuid,
        )
    return audited_update(
        actor=actor,
        instance=target,
        data={"is_target": is_target},
        fields=["is_target"],
        account_uuid=account.uuid,
    )

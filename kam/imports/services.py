"""Writes of the imports: a batch is created from an upload, checked by a job, confirmed by its
uploader and imported by a second job whose write phase is ONE transaction (a failed or killed
job leaves nothing of its batch behind). Progress is written outside that transaction."""

import logging
import uuid
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kam.accounts.access import require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_record_many
from kam.core.exceptions import ApplicationError
from kam.imports.access import ACCOUNT_KINDS, PORTFOLIO_KINDS, can_import
from kam.imports.choices import ImportKind, ImportStatus
from kam.imports.columns import COLUMNS
from kam.imports.kinds import accounts, competitors, contacts, org_units, team_members
from kam.imports.models import ImportBatch
from kam.imports.planning import Plan, Progress
from kam.imports.reader import ParsedFile
from kam.users.models import User

logger = logging.getLogger(__name__)


__all__ = ["ACCOUNT_KINDS", "PORTFOLIO_KINDS", "can_import"]


@transaction.atomic
def import_batch_create(
    *, actor: User, kind: str, parsed: ParsedFile, account: Account | None = None
) -> ImportBatch:
    """Keep the upload's rows and queue the job that checks them."""
    require(can_import(actor, kind=kind, account=account))
    batch = ImportBatch(
        account=account,
        kind=kind,
        file_name=parsed.file_name,
        rows=parsed.rows,
        total_rows=len(parsed.rows),
        created_by=actor,
    )
    batch.full_clean(exclude=["rows", "errors"])
    batch.save()
    _enqueue(batch, "check_import_batch")
    return batch


def _enqueue(batch: ImportBatch, name: str) -> None:
    """Queue a job for the batch. The database backend writes the job in the caller's
    transaction, so the job exists exactly when the batch change commits (no on_commit)."""
    from kam.imports import tasks

    result = getattr(tasks, name).enqueue(str(batch.uuid))
    batch.task_id = str(result.id)
    batch.save(update_fields=["task_id"])


@transaction.atomic
def import_batch_confirm(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """ "Import the valid rows": queue the import job (again, after a failure)."""
    require(can_import(actor, kind=batch.kind, account=batch.account))
    updated = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[ImportStatus.PREVIEW, ImportStatus.FAILED]
    ).update(status=ImportStatus.QUEUED, processed_rows=0, failure="")
    if not updated:
        raise ApplicationError(_("This import has already started."), status=409)
    batch.refresh_from_db()
    if not batch.valid_rows:
        raise ApplicationError(
            _("No row of this file can be imported: fix it and upload it again.")
        )
    _enqueue(batch, "apply_import_batch")
    audit_record(
        actor=actor,
        instance=batch,
        action=AuditAction.UPDATE,
        changes={"status": [ImportStatus.PREVIEW, ImportStatus.QUEUED]},
        account_uuid=batch.account.uuid if batch.account else None,
    )
    return batch


def _progress(batch: ImportBatch) -> Progress:
    def write(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=done)

    return write


def _plan(batch: ImportBatch, progress: Progress | None) -> Plan:
    """Check every row. In English: the model's own messages are kept as their msgids and shown
    translated to each reader (the preview may be read in 中文 and in English)."""
    with translation.override("en"):
        return _plan_kind(batch, progress)


def _plan_kind(batch: ImportBatch, progress: Progress | None) -> Plan:
    if batch.kind == ImportKind.CONTACTS:
        assert batch.account is not None
        return contacts.plan(account=batch.account, rows=batch.rows, progress=progress)
    if batch.kind == ImportKind.ORG_UNITS:
        assert batch.account is not None
        return org_units.plan(account=batch.account, rows=batch.rows, progress=progress)
    if batch.kind == ImportKind.TEAM_MEMBERS:
        assert batch.account is not None
        return team_members.plan(account=batch.account, rows=batch.rows, progress=progress)
    assert batch.created_by is not None
    if batch.kind == ImportKind.COMPETITORS:
        return competitors.plan(actor=batch.created_by, rows=batch.rows, progress=progress)
    return accounts.plan(actor=batch.created_by, rows=batch.rows, progress=progress)


def _counts(plan: Plan) -> dict[str, int]:
    valid = plan.valid_rows()
    return {
        "valid_rows": len(valid),
        "created_count": sum(row.action == "create" for row in valid),
        "updated_count": sum(row.action == "update" for row in valid),
        "unchanged_count": sum(row.action == "unchanged" for row in valid),
        "skipped_count": len(plan.error_lines),
    }


def _load(batch_uuid: str) -> ImportBatch:
    return ImportBatch.objects.select_related("account", "created_by").get(
        uuid=uuid.UUID(batch_uuid)
    )


def _guarded(batch: ImportBatch, step: Callable[[], str]) -> str:
    """Run a job step; an unexpected error fails the batch (its page says so) and the job."""
    try:
        return step()
    except Exception as error:
        logger.exception("Import batch %s failed", batch.uuid)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.FAILED, failure=str(error)[:2000], finished_at=timezone.now()
        )
        raise


def import_batch_check(*, batch_uuid: str) -> str:
    """The check job: every row's errors, and what the valid rows would do."""
    batch = _load(batch_uuid)
    if batch.status != ImportStatus.CHECKING:
        return batch.status

    def step() -> str:
        plan = _plan(batch, _progress(batch))
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.CHECKING).update(
            status=ImportStatus.PREVIEW,
            processed_rows=batch.total_rows,
            errors=plan.sorted_errors(COLUMNS[batch.kind]),
            **_counts(plan),
        )
        return ImportStatus.PREVIEW

    return _guarded(batch, step)


def import_batch_apply(*, batch_uuid: str) -> str:
    """The import job: check the rows again against today's data (progress as it goes), then
    write every valid row, its audit entries and the batch's end state in ONE transaction."""
    batch = _load(batch_uuid)
    if batch.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.WRITING):
        return batch.status  # done already (or never confirmed): nothing to do
    actor = batch.created_by
    assert actor is not None

    def step() -> str:
        # the uploader may have lost the right to change the account since: the batch fails
        require(can_import(actor, kind=batch.kind, account=batch.account))
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.RUNNING, processed_rows=0
        )
        plan = _plan(batch, _progress(batch))
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.WRITING, processed_rows=batch.total_rows
        )
        _write(batch, actor, plan)
        return ImportStatus.DONE

    return _guarded(batch, step)


@transaction.atomic
def _write(batch: ImportBatch, actor: User, plan: Plan) -> None:
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status == ImportStatus.DONE:
        return
    rows = plan.valid_rows()
    account_uuid = batch.account.uuid if batch.account else None
    if batch.kind == ImportKind.CONTACTS:
        audit_record_many(
            actor=actor,
            records=contacts.write(plan_rows=rows),
            fields=contacts.AUDIT_FIELDS,
            account_uuid=account_uuid,
        )
    elif batch.kind == ImportKind.ORG_UNITS:
        audit_record_many(
            actor=actor,
            records=org_units.write(plan_rows=rows),
            fields=org_units.AUDIT_FIELDS,
            account_uuid=account_uuid,
        )
    elif batch.kind == ImportKind.TEAM_MEMBERS:
        assert batch.account is not None
        team_members.write(actor=actor, account=batch.account, plan_rows=rows)  # audited there
    elif batch.kind == ImportKind.COMPETITORS:
        competitors.write(actor=actor, plan_rows=rows)  # audited by the accounts services
    else:
        accounts.write(actor=actor, plan_rows=rows)  # audited by the accounts services
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.DONE,
        errors=plan.sorted_errors(COLUMNS[batch.kind]),
        finished_at=timezone.now(),
        **_counts(plan),
    )

"""Writes of the broad-relationship KPIs: record a check (an immutable engine snapshot).

A KPI check stores each KPI's achievement as the engine's answer, and the window, category,
targets and actuals it was computed from in the snapshot's `inputs`; a later check of the same
period supersedes it (a PDCA cycle keeps the one it made)."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.assessments.models import PERIOD_VALIDATOR, Assessment
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.core.exceptions import ApplicationError
from kam.kpis.selectors import KpiBoard, kpi_board
from kam.users.models import User


def snapshot_inputs(board: KpiBoard) -> dict[str, object]:
    """What the snapshot keeps besides the engine's result."""
    return {
        "window": [board.start.isoformat(), board.end.isoformat()],
        "category": board.category,
        "targets": {row.code: row.target for row in board.rows},
        "actuals": {row.code: row.actual for row in board.rows},
        "achievements": {row.code: row.achievement for row in board.rows},
    }


@transaction.atomic
def kpi_check_record(
    *, actor: User, account: Account, period: str, note: str = "", on: date | None = None
) -> Assessment:
    """Measure the account's KPIs for the period now and keep them as a snapshot."""
    require(can_change_account(actor, account))
    PERIOD_VALIDATOR(period)
    # One check at a time per account: the lock orders two people pressing "check" together.
    Account.objects.select_for_update().filter(pk=account.pk).first()
    board = kpi_board(account=account, period=period)
    if not board.has_targets:
        raise ApplicationError(
            _("This account has no category yet, so no KPI targets: classify it first."),
            code="no_kpi_targets",
        )
    answers = [
        AnswerInput(criterion_code=row.code, value=Decimal(str(round(row.achievement, 2))))
        for row in board.rows
        if row.achievement is not None
    ]
    if not answers:
        raise ApplicationError(
            _("No KPI can be measured yet: add coverage targets, contacts or calendar entries."),
            code="no_kpi_actuals",
        )
    try:
        with transaction.atomic():
            return assessment_submit(
                actor=actor,
                account=account,
                template=board.template,
                data=AssessmentInput(
                    period=period,
                    assessed_on=on or timezone.localdate(),
                    answers=answers,
                    note=note,
                    inputs=snapshot_inputs(board),
                ),
            )
    except IntegrityError as error:
        raise ApplicationError(
            _("Someone recorded this check at the same time: reload and try again."),
            code="concurrent_assessment",
            status=409,
        ) from error

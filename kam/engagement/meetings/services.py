"""Writes of activities, meeting records and action items (T5 execution log, 会议服务流程).

Every write checks that the actor may change the account, runs in one transaction, validates with
`full_clean()` and is audited. Logging an activity marks its planned calendar entry done and turns
the rungs it evidences into ladder evidence (T7) for each customer participant.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_snapshot
from kam.core.exceptions import ApplicationError
from kam.core.services import NEVER_SAVED, refuse_stale_write, stale_write_error
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.choices import EntryStatus
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.meetings.validators import (
    account_worker_ids,
    validate_contacts,
    validate_not_future,
    validate_workers,
)
from kam.engagement.models import (
    ActionItem,
    Activity,
    ActivityEvidence,
    CalendarEntry,
    Mechanism,
    MeetingIssue,
    MeetingRecord,
)
from kam.ladder.choices import EvidenceKind
from kam.ladder.selectors import ladder_rungs
from kam.ladder.services import ladder_evidence_create
from kam.people.models import Contact
from kam.people.rules import SENIORITY_RANK
from kam.users.models import User

ACTIVITY_FIELDS = ["mechanism", "title", "occurred_on", "lead", "notes", "outcomes", "follow_ups"]
MEETING_FIELDS = ["listen", "discuss", "share", "execution_plan"]
# Mechanisms whose activities are events or visits rather than meetings (the evidence kind).
EVENT_MECHANISMS = {
    "business_social_teambuilding",
    "mgmt_training_study_visit",
    "routine_visit_advisory",
}
EVIDENCE_DESCRIPTION_LENGTH = 2000


def is_level_matched(
    our_seniorities: Iterable[str], customer_seniorities: Iterable[str]
) -> bool | None:
    """将对将: our most senior participant is at most one level below the customer's most senior
    participant. None when either side has nobody."""
    ours = [SENIORITY_RANK.get(value, 0) for value in our_seniorities]
    theirs = [SENIORITY_RANK.get(value, 0) for value in customer_seniorities]
    if not ours or not theirs:
        return None
    return max(ours) >= max(theirs) - 1


def _check_entry(account: Account, entry: CalendarEntry) -> CalendarEntry:
    """The planned entry, locked; it must be this account's and not done yet."""
    locked = CalendarEntry.objects.select_for_update().filter(pk=entry.pk).first()
    if locked is None or locked.account_id != account.pk:
        raise ValidationError({"calendar_entry": _("Choose a planned entry of this account.")})
    if locked.status == EntryStatus.DONE or Activity.objects.filter(calendar_entry=locked).exists():
        raise ValidationError(
            {"calendar_entry": _("This planned entry already has its activity logged.")}
        )
    return locked


def _check_rungs(
    rung_evidence: Mapping[Contact, Iterable[str]], customers: list[Contact]
) -> dict[Contact, list[str]]:
    codes = [code for _level, code, _label in ladder_rungs()]
    cleaned: dict[Contact, list[str]] = {}
    for contact, rungs in rung_evidence.items():
        chosen = list(dict.fromkeys(rungs))
        if not chosen:
            continue
        if contact not in customers:
            message = _("{name} did not take part: add them to the customer participants.")
            raise ValidationError({"rung_evidence": message.format(name=contact.name)})
        unknown = [code for code in chosen if code not in codes]
        if unknown:
            message = _("Unknown rung: {codes}.").format(codes=", ".join(unknown))
            raise ValidationError({"rung_evidence": message})
        cleaned[contact] = sorted(chosen, key=codes.index)
    return cleaned


def _evidence_kind(mechanism: Mechanism) -> str:
    return EvidenceKind.EVENT if mechanism.code in EVENT_MECHANISMS else EvidenceKind.MEETING


def _participant_names(activity: Activity) -> dict[str, list[object]]:
    return {
        "our_participants": [None, sorted(str(user) for user in activity.our_participants.all())],
        "customer_participants": [
            None,
            sorted(contact.name for contact in activity.customer_participants.all()),
        ],
    }


@dataclass(frozen=True)
class ActivityInput:
    """What happened with the customer; the rungs evidenced per customer participant."""

    mechanism: Mechanism
    title: str
    occurred_on: date
    lead: User | None = None
    calendar_entry: CalendarEntry | None = None
    our_participants: Sequence[User] = ()
    customer_participants: Sequence[Contact] = ()
    notes: str = ""
    outcomes: str = ""
    follow_ups: str = ""
    rung_evidence: Mapping[Contact, Iterable[str]] | None = None


def _validate_activity(
    account: Account, activity: ActivityInput, actor: User
) -> tuple[User, list[User], list[Contact]]:
    """The lead (the actor when none is named), our people with the lead first, the customers."""
    ours = list(dict.fromkeys(activity.our_participants))
    customers = list(dict.fromkeys(activity.customer_participants))
    validate_workers(account, ours, "our_participants")
    if activity.lead is not None:
        validate_workers(account, [activity.lead], "lead")
    lead = activity.lead or actor
    if lead not in ours:
        ours.insert(0, lead)
    validate_contacts(account, customers, "customer_participants")
    if not activity.mechanism.is_active:
        raise ValidationError({"mechanism": _("This mechanism is no longer in use.")})
    validate_not_future("occurred_on", activity.occurred_on)
    return lead, ours, customers


def _save_activity(activity: Activity) -> None:
    # is_level_matched is nullable but not blank=True on the model: None means "no one to compare".
    activity.full_clean()
    try:
        with transaction.atomic():
            activity.save()
    except IntegrityError as error:
        raise ApplicationError(
            _("Someone logged this planned entry at the same time: reload and try again."),
            code="entry_already_logged",
            status=409,
        ) from error


@transaction.atomic
def activity_log(*, actor: User, account: Account, activity: ActivityInput) -> Activity:
    """Log what happened with the customer; a planned entry becomes done, and the rungs it
    evidences become ladder evidence of each customer participant."""
    require(can_change_account(actor, account))
    lead, ours, customers = _validate_activity(account, activity, actor)
    rungs = _check_rungs(activity.rung_evidence or {}, customers)
    calendar_entry = activity.calendar_entry
    if calendar_entry is not None:
        calendar_entry = _check_entry(account, calendar_entry)
    logged = Activity(
        account=account,
        calendar_entry=calendar_entry,
        mechanism=activity.mechanism,
        title=activity.title.strip(),
        occurred_on=activity.occurred_on,
        lead=lead,
        notes=activity.notes.strip(),
        outcomes=activity.outcomes.strip(),
        follow_ups=activity.follow_ups.strip(),
        is_level_matched=is_level_matched(
            [user.seniority for user in ours], [contact.seniority for contact in customers]
        ),
    )
    _save_activity(logged)
    logged.our_participants.set(ours)
    logged.customer_participants.set(customers)
    _audit_activity_created(actor, logged)
    if calendar_entry is not None:
        _mark_done(actor, calendar_entry)
    _record_evidence(actor, logged, rungs)
    return logged


def _audit_activity_created(actor: User, activity: Activity) -> None:
    changes = audit_snapshot(activity, [*ACTIVITY_FIELDS, "calendar_entry", "is_level_matched"])
    changes.update(_participant_names(activity))
    audit_record(
        actor=actor,
        instance=activity,
        action=AuditAction.CREATE,
        changes=changes,
        account_uuid=activity.account.uuid,
    )


def _mark_done(actor: User, entry: CalendarEntry) -> None:
    before = entry.status
    entry.status = EntryStatus.DONE
    entry.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        instance=entry,
        action=AuditAction.UPDATE,
        changes={"status": [before, entry.status]},
        account_uuid=entry.account.uuid,
    )


def _record_evidence(actor: User, activity: Activity, rungs: dict[Contact, list[str]]) -> None:
    description = "\n".join(part for part in (activity.title, activity.outcomes) if part)
    kind = _evidence_kind(activity.mechanism)
    for contact, codes in rungs.items():
        for code in codes:
            evidence = ladder_evidence_create(
                actor=actor,
                contact=contact,
                rung_code=code,
                occurred_on=activity.occurred_on,
                description=description[:EVIDENCE_DESCRIPTION_LENGTH],
                kind=kind,
            )
            ActivityEvidence.objects.create(activity=activity, evidence=evidence)


@transaction.atomic
def activity_update(
    *,
    actor: User,
    activity: Activity,
    data: Mapping[str, Any],
    expected_version: datetime | None = None,
) -> Activity:
    """Change what was logged; participants may change (the level match follows them).
    `expected_version` is the `updated_at` the user saw; an activity saved since is refused."""
    require(can_change_account(actor, activity.account))
    activity = Activity.objects.select_for_update().select_related("account").get(pk=activity.pk)
    refuse_stale_write(instance=activity, expected_version=expected_version)
    account = activity.account
    changes: dict[str, list[object]] = {}
    mechanism = data.get("mechanism")
    if mechanism is not None and mechanism != activity.mechanism and not mechanism.is_active:
        raise ValidationError({"mechanism": _("This mechanism is no longer in use.")})
    if "lead" in data and data["lead"] is not None:
        validate_workers(account, [data["lead"]], "lead")
    if data.get("occurred_on"):
        validate_not_future("occurred_on", data["occurred_on"])
    for field in ACTIVITY_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if isinstance(value, str):
            value = value.strip()
        if getattr(activity, field) != value:
            changes[field] = [getattr(activity, field), value]
            setattr(activity, field, value)
    people_changed = _update_participants(activity, data, changes)
    if people_changed or "lead" in changes:
        matched = is_level_matched(
            [user.seniority for user in activity.our_participants.all()],
            [contact.seniority for contact in activity.customer_participants.all()],
        )
        if matched != activity.is_level_matched:
            changes["is_level_matched"] = [activity.is_level_matched, matched]
            activity.is_level_matched = matched
    # is_level_matched is nullable but not blank=True on the model: None means "no one to compare".
    activity.full_clean()
    activity.save()
    audit_record(
        actor=actor,
        instance=activity,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=account.uuid,
    )
    return activity


def _update_participants(
    activity: Activity, data: Mapping[str, Any], changes: dict[str, list[object]]
) -> bool:
    changed = False
    if "our_participants" in data:
        ours = list(dict.fromkeys(data["our_participants"]))
        validate_workers(activity.account, ours, "our_participants")
        if activity.lead is not None and activity.lead not in ours:
            ours.insert(0, activity.lead)
        before = sorted(str(user) for user in activity.our_participants.all())
        activity.our_participants.set(ours)
        after = sorted(str(user) for user in ours)
        if before != after:
            changes["our_participants"] = [before, after]
            changed = True
    if "customer_participants" in data:
        customers = list(dict.fromkeys(data["customer_participants"]))
        validate_contacts(activity.account, customers, "customer_participants")
        before = sorted(contact.name for contact in activity.customer_participants.all())
        activity.customer_participants.set(customers)
        after = sorted(contact.name for contact in customers)
        if before != after:
            changes["customer_participants"] = [before, after]
            changed = True
    return changed


# --- action items (行动计划) -----------------------------------------------------------------


# --- meeting records (会议服务流程) ----------------------------------------------------------


def _issue_rows(issues: Iterable[tuple[str, str, str, str]]) -> list[MeetingIssue]:
    rows = []
    for position, (text, domain, need_type, priority) in enumerate(issues, start=1):
        issue = MeetingIssue(
            position=position,
            text=(text or "").strip(),
            domain=domain,
            need_type=need_type,
            priority=priority,
        )
        try:
            issue.full_clean(exclude=["meeting"])
        except ValidationError as error:
            details = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
            message = _("Issue {number}: {details}").format(number=position, details=details)
            raise ValidationError({"issues": message}) from error
        rows.append(issue)
    return rows


@dataclass(frozen=True)
class NextMeetingInput:
    """The next meeting to schedule from a record (the activity's mechanism and title when
    left empty)."""

    planned_on: date | None
    mechanism: Mechanism | None = None
    title: str = ""


@dataclass(frozen=True)
class MeetingRecordInput:
    """The six sections of a meeting record: 倾听 → 区分 → 研讨 → 分享 → 行动计划 → 执行计划.
    Issues are (text, domain, need type, priority)."""

    listen: str = ""
    issues: Sequence[tuple[str, str, str, str]] = ()
    discuss: str = ""
    share: str = ""
    actions: Sequence[ActionItemInput] = ()
    execution_plan: str = ""
    next_meeting: NextMeetingInput | None = None


def _locked_meeting(
    activity: Activity, record: MeetingRecordInput, expected_version: datetime | None
) -> MeetingRecord:
    """The activity's record, locked (a new unsaved one when there is none yet); refused as
    stale when its `updated_at` (`NEVER_SAVED` before the first save) is not `expected_version`."""
    # The activity's lock orders two first saves of its record (there is no record row to lock).
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    meeting = MeetingRecord.objects.select_for_update().filter(activity=activity).first()
    current = meeting.updated_at if meeting is not None else NEVER_SAVED
    if expected_version is not None and current != expected_version:
        raise stale_write_error()
    if meeting is None:
        return MeetingRecord(activity=activity, account=activity.account)
    if record.next_meeting and meeting.next_entry_id:
        raise ValidationError(
            {"next_meeting": _("The next meeting is already scheduled from this record.")}
        )
    return meeting


def _write_sections(
    meeting: MeetingRecord, record: MeetingRecordInput, rows: list[MeetingIssue]
) -> dict[str, list[object]]:
    """Save the text sections and replace the issues; the changes for the audit."""
    is_new = meeting.pk is None
    before = {field: getattr(meeting, field) for field in MEETING_FIELDS}
    meeting.listen, meeting.discuss = record.listen.strip(), record.discuss.strip()
    meeting.share, meeting.execution_plan = record.share.strip(), record.execution_plan.strip()
    meeting.full_clean()
    meeting.save()
    old_issues = [issue.text for issue in meeting.issues.all()]
    meeting.issues.all().delete()
    for issue in rows:
        issue.meeting = meeting
    MeetingIssue.objects.bulk_create(rows)
    changes: dict[str, list[object]] = {
        field: [None if is_new else before[field], getattr(meeting, field)]
        for field in MEETING_FIELDS
        if before[field] != getattr(meeting, field)
    }
    new_issues = [issue.text for issue in rows]
    if old_issues != new_issues:
        changes["issues"] = [old_issues or None, new_issues]
    return changes


@transaction.atomic
def meeting_record_save(
    *,
    actor: User,
    activity: Activity,
    record: MeetingRecordInput,
    expected_version: datetime | None = None,
) -> MeetingRecord:
    """Write the six sections of the activity's meeting record (one per activity): the issues
    heard replace the last ones, the agreed actions are added, the next meeting is scheduled.
    `expected_version` is the record's `updated_at` the user saw (`NEVER_SAVED` for none)."""
    account = activity.account
    require(can_change_account(actor, account))
    rows = _issue_rows(record.issues)
    meeting = _locked_meeting(activity, record, expected_version)
    is_new = meeting.pk is None
    changes = _write_sections(meeting, record, rows)
    for number, action in enumerate(record.actions, start=1):
        _meeting_action(actor, meeting, number, action)
    if record.next_meeting:
        meeting.next_entry = _schedule_next(actor, activity, record.next_meeting)
        meeting.save(update_fields=["next_entry", "updated_at"])
        changes["next_entry"] = [None, str(meeting.next_entry)]
    audit_record(
        actor=actor,
        instance=meeting,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        changes=changes,
        account_uuid=account.uuid,
    )
    return meeting


def _meeting_action(
    actor: User, meeting: MeetingRecord, number: int, action: ActionItemInput
) -> ActionItem:
    try:
        return action_item_create(
            actor=actor, account=meeting.account, action=action, meeting=meeting
        )
    except ValidationError as error:
        details = "; ".join(" ".join(messages) for messages in error.message_dict.values())
        message = _("Action {number}: {details}").format(number=number, details=details)
        raise ValidationError({"actions": message}) from error


def _schedule_next(
    actor: User, activity: Activity, next_meeting: NextMeetingInput
) -> CalendarEntry:
    planned_on = next_meeting.planned_on
    if not planned_on:
        raise ValidationError({"next_meeting": _("Enter the date of the next meeting.")})
    if planned_on < activity.occurred_on:
        raise ValidationError({"next_meeting": _("The next meeting cannot be before this one.")})
    workers = account_worker_ids(activity.account)
    entry = CalendarEntryInput(
        mechanism=next_meeting.mechanism or activity.mechanism,
        title=next_meeting.title.strip() or activity.title,
        planned_on=planned_on,
        our_participants=[user for user in activity.our_participants.all() if user.pk in workers],
        customer_participants=list(activity.customer_participants.all()),
        purpose=_("Follow-up of {title}").format(title=activity.title),
    )
    try:
        return calendar_entry_create(actor=actor, account=activity.account, entry=entry)
    except ValidationError as error:
        details = "; ".join(error.messages)
        raise ValidationError({"next_meeting": details}) from error

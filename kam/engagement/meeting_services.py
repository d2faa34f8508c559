"""Writes of activities, meeting records and action items (T5 execution log, 会议服务流程).

Every write checks that the actor may change the account, runs in one transaction, validates with
`full_clean()` and is audited. Logging an activity marks its planned calendar entry done and turns
the rungs it evidences into ladder evidence (T7) for each customer participant.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audit_snapshot
from kam.core.exceptions import ApplicationError
from kam.engagement.calendar_services import calendar_entry_create
from kam.engagement.choices import ActionStatus, EntryStatus, OwnerSide
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
ACTION_FIELDS = ["description", "owner_side", "owner_user", "owner_contact", "due_on", "status"]
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


def _team_user_ids(account: Account) -> set[int]:
    ids = set(account.team_memberships.values_list("user_id", flat=True))
    ids.add(account.owner_id)
    return ids


def _check_our_people(account: Account, users: Iterable[User], field: str) -> None:
    team = _team_user_ids(account)
    outside = [str(user) for user in users if user.pk not in team]
    if outside:
        message = _("Not on the account team: {names}.").format(names=", ".join(outside))
        raise ValidationError({field: message})


def _check_contacts(account: Account, contacts: Iterable[Contact], field: str) -> None:
    outside = [contact.name for contact in contacts if contact.account_id != account.pk]
    if outside:
        message = _("Not a contact of this account: {names}.").format(names=", ".join(outside))
        raise ValidationError({field: message})


def _refuse_future(field: str, day: date) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future: enter a date up to today.")})


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


@transaction.atomic
def activity_log(
    *,
    actor: User,
    account: Account,
    mechanism: Mechanism,
    title: str,
    occurred_on: date,
    lead: User | None = None,
    calendar_entry: CalendarEntry | None = None,
    our_participants: Iterable[User] = (),
    customer_participants: Iterable[Contact] = (),
    notes: str = "",
    outcomes: str = "",
    follow_ups: str = "",
    rung_evidence: Mapping[Contact, Iterable[str]] | None = None,
) -> Activity:
    """Log what happened with the customer; a planned entry becomes done, and the rungs it
    evidences become ladder evidence of each customer participant."""
    require(can_change_account(actor, account))
    ours = list(dict.fromkeys(our_participants))
    customers = list(dict.fromkeys(customer_participants))
    _check_our_people(account, ours, "our_participants")
    if lead is not None:
        _check_our_people(account, [lead], "lead")
    lead = lead or actor
    if lead not in ours:
        ours.insert(0, lead)
    _check_contacts(account, customers, "customer_participants")
    if not mechanism.is_active:
        raise ValidationError({"mechanism": _("This mechanism is no longer in use.")})
    _refuse_future("occurred_on", occurred_on)
    rungs = _check_rungs(rung_evidence or {}, customers)
    if calendar_entry is not None:
        calendar_entry = _check_entry(account, calendar_entry)
    activity = Activity(
        account=account,
        calendar_entry=calendar_entry,
        mechanism=mechanism,
        title=title.strip(),
        occurred_on=occurred_on,
        lead=lead,
        notes=notes.strip(),
        outcomes=outcomes.strip(),
        follow_ups=follow_ups.strip(),
        is_level_matched=is_level_matched(
            [user.seniority for user in ours], [contact.seniority for contact in customers]
        ),
    )
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
    activity.our_participants.set(ours)
    activity.customer_participants.set(customers)
    changes = audit_snapshot(activity, [*ACTIVITY_FIELDS, "calendar_entry", "is_level_matched"])
    changes.update(_participant_names(activity))
    audit_record(
        actor=actor,
        instance=activity,
        action=AuditAction.CREATE,
        changes=changes,
        account_uuid=account.uuid,
    )
    if calendar_entry is not None:
        _mark_done(actor, calendar_entry)
    _record_evidence(actor, activity, rungs)
    return activity


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
def activity_update(*, actor: User, activity: Activity, data: Mapping[str, object]) -> Activity:
    """Change what was logged; participants may change (the level match follows them)."""
    require(can_change_account(actor, activity.account))
    activity = Activity.objects.select_for_update().select_related("account").get(pk=activity.pk)
    account = activity.account
    changes: dict[str, list[object]] = {}
    mechanism = data.get("mechanism")
    if mechanism is not None and mechanism != activity.mechanism and not mechanism.is_active:  # type: ignore[union-attr]
        raise ValidationError({"mechanism": _("This mechanism is no longer in use.")})
    if "lead" in data and data["lead"] is not None:
        _check_our_people(account, [data["lead"]], "lead")  # type: ignore[list-item]
    if data.get("occurred_on"):
        _refuse_future("occurred_on", data["occurred_on"])  # type: ignore[arg-type]
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
    activity: Activity, data: Mapping[str, object], changes: dict[str, list[object]]
) -> bool:
    changed = False
    if "our_participants" in data:
        ours = list(dict.fromkeys(data["our_participants"]))  # type: ignore[call-overload]
        _check_our_people(activity.account, ours, "our_participants")
        if activity.lead is not None and activity.lead not in ours:
            ours.insert(0, activity.lead)
        before = sorted(str(user) for user in activity.our_participants.all())
        activity.our_participants.set(ours)
        after = sorted(str(user) for user in ours)
        if before != after:
            changes["our_participants"] = [before, after]
            changed = True
    if "customer_participants" in data:
        customers = list(dict.fromkeys(data["customer_participants"]))  # type: ignore[call-overload]
        _check_contacts(activity.account, customers, "customer_participants")
        before = sorted(contact.name for contact in activity.customer_participants.all())
        activity.customer_participants.set(customers)
        after = sorted(contact.name for contact in customers)
        if before != after:
            changes["customer_participants"] = [before, after]
            changed = True
    return changed


# --- action items (行动计划) -----------------------------------------------------------------


def _action_owner(
    account: Account, owner_side: str, owner_user: User | None, owner_contact: Contact | None
) -> tuple[User | None, Contact | None]:
    """Keep only the owner of the chosen side; ours must be on the team."""
    if owner_side == OwnerSide.OURS:
        if owner_user is not None:
            _check_our_people(account, [owner_user], "owner_user")
        return owner_user, None
    if owner_contact is not None:
        _check_contacts(account, [owner_contact], "owner_contact")
    return None, owner_contact


@transaction.atomic
def action_item_create(
    *,
    actor: User,
    account: Account,
    description: str,
    owner_side: str,
    due_on: date,
    owner_user: User | None = None,
    owner_contact: Contact | None = None,
    meeting: MeetingRecord | None = None,
    status: str = ActionStatus.OPEN,
) -> ActionItem:
    """Agree an action, owned on our side (a team member) or the customer's (a contact)."""
    require(can_change_account(actor, account))
    if meeting is not None and meeting.account_id != account.pk:
        raise ValidationError({"meeting": _("The meeting belongs to another account.")})
    owner_user, owner_contact = _action_owner(account, owner_side, owner_user, owner_contact)
    item = ActionItem(
        account=account,
        meeting=meeting,
        description=(description or "").strip(),
        owner_side=owner_side,
        owner_user=owner_user,
        owner_contact=owner_contact,
        due_on=due_on,
        status=status,
        closed_on=timezone.localdate() if status == ActionStatus.DONE else None,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        instance=item,
        action=AuditAction.CREATE,
        changes=audit_snapshot(item, [*ACTION_FIELDS, "closed_on"]),
        account_uuid=account.uuid,
    )
    return item


@transaction.atomic
def action_item_update(
    *, actor: User, action_item: ActionItem, data: Mapping[str, object]
) -> ActionItem:
    """Edit an action or change its status: done sets the closing date, reopening clears it."""
    require(can_change_account(actor, action_item.account))
    item = ActionItem.objects.select_for_update().select_related("account").get(pk=action_item.pk)
    values = {name: data.get(name, getattr(item, name)) for name in ACTION_FIELDS}
    if isinstance(values["description"], str):
        values["description"] = values["description"].strip()
    values["owner_user"], values["owner_contact"] = _action_owner(
        item.account, values["owner_side"], values["owner_user"], values["owner_contact"]
    )
    if values["status"] == ActionStatus.DONE:
        values["closed_on"] = item.closed_on or timezone.localdate()
    else:
        values["closed_on"] = None
    changes = {}
    for name, value in values.items():
        before = getattr(item, name)
        if before != value:
            changes[name] = [before, value]
            setattr(item, name, value)
    if changes:
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            instance=item,
            action=AuditAction.UPDATE,
            changes=changes,
            account_uuid=item.account.uuid,
        )
    return item


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


@transaction.atomic
def meeting_record_save(
    *,
    actor: User,
    activity: Activity,
    listen: str = "",
    issues: Iterable[tuple[str, str, str, str]] = (),
    discuss: str = "",
    share: str = "",
    actions: Iterable[Mapping[str, object]] = (),
    execution_plan: str = "",
    next_meeting: Mapping[str, object] | None = None,
) -> MeetingRecord:
    """Write the six sections of the activity's meeting record (one per activity): the issues
    heard replace the last ones, the agreed actions are added, the next meeting is scheduled."""
    account = activity.account
    require(can_change_account(actor, account))
    rows = _issue_rows(issues)
    meeting = MeetingRecord.objects.select_for_update().filter(activity=activity).first()
    is_new = meeting is None
    if meeting is None:
        meeting = MeetingRecord(activity=activity, account=account)
    if next_meeting and meeting.next_entry_id:
        raise ValidationError(
            {"next_meeting": _("The next meeting is already scheduled from this record.")}
        )
    before = {field: getattr(meeting, field) for field in MEETING_FIELDS}
    meeting.listen, meeting.discuss = listen.strip(), discuss.strip()
    meeting.share, meeting.execution_plan = share.strip(), execution_plan.strip()
    meeting.full_clean()
    meeting.save()
    old_issues = [issue.text for issue in meeting.issues.all()]
    meeting.issues.all().delete()
    for issue in rows:
        issue.meeting = meeting
    MeetingIssue.objects.bulk_create(rows)
    changes = {
        field: [None if is_new else before[field], getattr(meeting, field)]
        for field in MEETING_FIELDS
        if before[field] != getattr(meeting, field)
    }
    new_issues = [issue.text for issue in rows]
    if old_issues != new_issues:
        changes["issues"] = [old_issues or None, new_issues]
    for number, action in enumerate(actions, start=1):
        _meeting_action(actor, meeting, number, action)
    if next_meeting:
        meeting.next_entry = _schedule_next(actor, activity, next_meeting)
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
    actor: User, meeting: MeetingRecord, number: int, action: Mapping[str, object]
) -> ActionItem:
    try:
        return action_item_create(
            actor=actor,
            account=meeting.account,
            meeting=meeting,
            description=str(action.get("description") or ""),
            owner_side=str(action.get("owner_side") or ""),
            owner_user=action.get("owner_user"),  # type: ignore[arg-type]
            owner_contact=action.get("owner_contact"),  # type: ignore[arg-type]
            due_on=action.get("due_on"),  # type: ignore[arg-type]
        )
    except ValidationError as error:
        details = "; ".join(" ".join(messages) for messages in error.message_dict.values())
        message = _("Action {number}: {details}").format(number=number, details=details)
        raise ValidationError({"actions": message}) from error


def _schedule_next(
    actor: User, activity: Activity, next_meeting: Mapping[str, object]
) -> CalendarEntry:
    planned_on = next_meeting.get("planned_on")
    if not planned_on:
        raise ValidationError({"next_meeting": _("Enter the date of the next meeting.")})
    if planned_on < activity.occurred_on:  # type: ignore[operator]
        raise ValidationError({"next_meeting": _("The next meeting cannot be before this one.")})
    try:
        return calendar_entry_create(
            actor=actor,
            account=activity.account,
            mechanism=next_meeting.get("mechanism") or activity.mechanism,
            title=str(next_meeting.get("title") or "").strip() or activity.title,
            planned_on=planned_on,
            our_participants=[
                user
                for user in activity.our_participants.all()
                if user.pk in _team_user_ids(activity.account)
            ],
            customer_participants=list(activity.customer_participants.all()),
            purpose=_("Follow-up of {title}").format(title=activity.title),
        )
    except ValidationError as error:
        details = "; ".join(error.messages)
        raise ValidationError({"next_meeting": details}) from error

"""The handover checklist as a list of item providers.

A provider turns a batch of handovers into their checklist items in a constant number of
queries, whatever the number of handovers and persons. Adding an item to every handover (the
responsibility letter, say) is one more function in `PROVIDERS`.

Item status comes from the records: a ladder snapshot of the person saved by the new owner
after the handover re-rates the ladder; a power-map change of the person saved by the new
owner after the handover, or an explicit "confirmed unchanged", confirms the power map; a
responsibility letter of the year's plan generated for the new owner after the handover and
signed (by them and the approver) signs the new letter.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment
from kam.audit.choices import AuditAction
from kam.audit.models import AuditEntry
from kam.handover.choices import ItemCode, ItemStatus
from kam.handover.models import Handover, HandoverPerson
from kam.letters.choices import LetterStatus
from kam.letters.models import ResponsibilityLetter
from kam.people.models import Contact
from kam.plans.models import AccountPlan, Objective

# The power-map attributes whose change by the new owner confirms the person's map (T8.1).
POWER_MAP_ATTRIBUTES = [
    "decision_roles",
    "buying_influence",
    "visibility",
    "influence",
    "political_status",
    "support",
    "response_mode",
    "decision_focus",
    "coverage",
    "closeness",
    "competitor_affinity",
]
PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a handover's checklist (about one person, or the whole handover)."""

    handover_id: int
    code: str
    label: str | Promise
    status: str
    fix_url: str
    person: HandoverPerson | None = None
    # How it was done: "rated", "updated" (a natural record) or "confirmed" (explicitly).
    done_by: str = ""
    can_be_confirmed: bool = False
    # What the link to `fix_url` says (a whole-handover item; person items say it by code).
    action: str | Promise = ""

    @property
    def is_done(self) -> bool:
        return self.status == ItemStatus.DONE

    @property
    def is_pending(self) -> bool:
        return self.status == ItemStatus.PENDING


@dataclass
class ChecklistBatch:
    """What every provider reads: the handovers, their persons (contact loaded) and the
    explicit confirmations as (person id, item code)."""

    handovers: Sequence[Handover]
    persons: list[HandoverPerson]
    confirmed: set[tuple[int, str]] = field(default_factory=set)

    def by_id(self) -> dict[int, Handover]:
        return {handover.pk: handover for handover in self.handovers}

    def earliest(self) -> datetime | None:
        return min((handover.created_at for handover in self.handovers), default=None)


ItemProvider = Callable[[ChecklistBatch], list[ChecklistItem]]


def _url_maker(name: str) -> Callable[[Contact], str]:
    """Reverse once, fill in per person (a handover may cover dozens of people)."""
    pattern = reverse(name, args=[PLACEHOLDER])
    return lambda contact: pattern.replace(PLACEHOLDER, str(contact.uuid))


def _status(person: HandoverPerson, done_by: str) -> str:
    if person.is_superseded:
        return ItemStatus.SUPERSEDED
    return ItemStatus.DONE if done_by else ItemStatus.PENDING


def _newest_by_owner(rows: Sequence[tuple[object, int | None, datetime]]) -> dict[tuple, datetime]:
    """The newest record per (subject, user) from (subject, user id, created at) rows."""
    newest: dict[tuple, datetime] = {}
    for subject, user_id, created_at in rows:
        key = (str(subject), user_id)
        if key not in newest or created_at > newest[key]:
            newest[key] = created_at
    return newest


def ladder_items(batch: ChecklistBatch) -> list[ChecklistItem]:
    """Re-rate the key-person ladder of each person (one query)."""
    earliest = batch.earliest()
    if earliest is None or not batch.persons:
        return []
    handovers = batch.by_id()
    rows = Assessment.objects.filter(
        tool_code=ToolCode.KEY_PERSON_LADDER,
        account_id__in={handover.account_id for handover in batch.handovers},
        created_by_id__in={handover.new_owner_id for handover in batch.handovers},
        created_at__gt=earliest,
    ).values_list("subject", "created_by_id", "created_at")
    newest = _newest_by_owner(list(rows))
    url_for = _url_maker("ladder:assess")
    items = []
    for person in batch.persons:
        handover = handovers[person.handover_id]
        rated_at = newest.get((str(person.contact.uuid), handover.new_owner_id))
        done_by = "rated" if rated_at and rated_at > handover.created_at else ""
        items.append(
            ChecklistItem(
                handover_id=handover.pk,
                code=ItemCode.LADDER,
                label=ItemCode.LADDER.label,
                status=_status(person, done_by),
                fix_url=url_for(person.contact),
                person=person,
                done_by=done_by,
            )
        )
    return items


def power_map_items(batch: ChecklistBatch) -> list[ChecklistItem]:
    """Confirm the power-map attributes of each person (one query, plus the cached type)."""
    earliest = batch.earliest()
    if earliest is None or not batch.persons:
        return []
    handovers = batch.by_id()
    rows = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Contact),
        action=AuditAction.UPDATE,
        account_uuid__in={handover.account.uuid for handover in batch.handovers},
        actor_id__in={handover.new_owner_id for handover in batch.handovers},
        created_at__gt=earliest,
        changes__has_any_keys=POWER_MAP_ATTRIBUTES,
    ).values_list("object_uuid", "actor_id", "created_at")
    newest = _newest_by_owner(list(rows))
    url_for = _url_maker("people:contact_map")
    items = []
    for person in batch.persons:
        handover = handovers[person.handover_id]
        done_by = ""
        if (person.pk, ItemCode.POWER_MAP) in batch.confirmed:
            done_by = "confirmed"
        else:
            updated_at = newest.get((str(person.contact.uuid), handover.new_owner_id))
            done_by = "updated" if updated_at and updated_at > handover.created_at else ""
        items.append(
            ChecklistItem(
                handover_id=handover.pk,
                code=ItemCode.POWER_MAP,
                label=ItemCode.POWER_MAP.label,
                status=_status(person, done_by),
                fix_url=url_for(person.contact),
                person=person,
                done_by=done_by,
                can_be_confirmed=not done_by and not person.is_superseded,
            )
        )
    return items


SIGNED_LETTER_STATUSES = (LetterStatus.SIGNED, LetterStatus.CLOSED)


def _handover_year(handover: Handover) -> int:
    """The plan a handover concerns: the one of the year it was made in (a stable item)."""
    return timezone.localdate(handover.created_at).year


def _plans_of(handovers: Sequence[Handover]) -> dict[tuple[int, int], AccountPlan]:
    """The plan of each handover's account and year, by (account id, year) (one query)."""
    plans = AccountPlan.objects.filter(
        account_id__in={handover.account_id for handover in handovers},
        year__in={_handover_year(handover) for handover in handovers},
    ).only("pk", "uuid", "account_id", "year")
    return {(plan.account_id, plan.year): plan for plan in plans}


def _letter_item(
    handover: Handover, plan: AccountPlan, *, owns: bool, signed: bool
) -> ChecklistItem:
    account_uuid = handover.account.uuid
    if owns or signed:
        label = _("Sign a new responsibility letter for the {year} plan").format(year=plan.year)
        url, action = reverse("letters:plan", args=[account_uuid, plan.uuid]), _("Open the letters")
    else:
        label = _("Take over the objectives in the {year} plan and generate your letter").format(
            year=plan.year
        )
        url, action = reverse("plans:plan", args=[account_uuid, plan.uuid]), _("Open the plan")
    return ChecklistItem(
        handover_id=handover.pk, code=ItemCode.LETTER, label=label,
        status=ItemStatus.DONE if signed else ItemStatus.PENDING, fix_url=url,
        done_by="signed" if signed else "", action=action,
    )  # fmt: skip


def letter_items(batch: ChecklistBatch) -> list[ChecklistItem]:
    """Sign a new responsibility letter for the year's plan, once per handover whose account has
    one (three queries: the plans, the new owners' objectives, their signed letters)."""
    earliest = batch.earliest()
    if earliest is None:
        return []
    plans = _plans_of(batch.handovers)
    if not plans:
        return []
    plan_ids = [plan.pk for plan in plans.values()]
    owner_ids = {handover.new_owner_id for handover in batch.handovers}
    owned = set(
        Objective.objects.filter(plan_id__in=plan_ids, owner_id__in=owner_ids)
        .values_list("plan_id", "owner_id")
        .order_by()
        .distinct()
    )
    rows = ResponsibilityLetter.objects.filter(
        plan_id__in=plan_ids, owner_id__in=owner_ids, status__in=SIGNED_LETTER_STATUSES,
        created_at__gt=earliest,
    ).values_list("plan_id", "owner_id", "created_at")  # fmt: skip
    newest = _newest_by_owner(list(rows))
    items = []
    for handover in batch.handovers:
        plan = plans.get((handover.account_id, _handover_year(handover)))
        if plan is None:
            continue
        signed_at = newest.get((str(plan.pk), handover.new_owner_id))
        items.append(
            _letter_item(
                handover, plan, owns=(plan.pk, handover.new_owner_id) in owned,
                signed=signed_at is not None and signed_at > handover.created_at,
            )
        )  # fmt: skip
    return items


# The items about each person handed over (the "rated by the previous owner" marks read them).
PERSON_PROVIDERS: list[ItemProvider] = [ladder_items, power_map_items]
# The checklist, in order.
PROVIDERS: list[ItemProvider] = [*PERSON_PROVIDERS, letter_items]
# The items the new owner may confirm unchanged (the others are done by a natural record).
CONFIRMABLE_ITEMS = {ItemCode.POWER_MAP}

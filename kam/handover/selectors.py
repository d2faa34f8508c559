"""Reads of the handovers: my handovers, an account's handovers, one handover's checklist, and
the "rated by the previous owner" marks the ladder page and the power map show.

Every read makes a constant number of queries, whatever the number of handovers and persons."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.handover.choices import ItemStatus
from kam.handover.items import PERSON_PROVIDERS, PROVIDERS, ChecklistBatch, ChecklistItem
from kam.handover.models import Handover, HandoverConfirmation, HandoverPerson
from kam.users.models import User

PERSON_FIELDS = ["contact__name", "pk"]


def handovers_visible(user: User) -> QuerySet[Handover]:
    """Every handover of an account the user may see, newest first."""
    queryset = Handover.objects.select_related("account", "new_owner", "previous_owner")
    return scope_to_visible_accounts(queryset, user).order_by("-created_at", "-pk")


def handovers_of_user(user: User) -> QuerySet[Handover]:
    """我的交接: the handovers the user received, on accounts they may still see."""
    return handovers_visible(user).filter(new_owner=user)


def handovers_of_account(account: Account) -> QuerySet[Handover]:
    return (
        Handover.objects.filter(account=account)
        .select_related("account", "new_owner", "previous_owner")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class HandoverChecklist:
    """A handover with its checklist items, in provider order, person by person."""

    handover: Handover
    items: list[ChecklistItem]

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.is_done)

    @property
    def total_count(self) -> int:
        return sum(1 for item in self.items if item.status != ItemStatus.SUPERSEDED)

    @property
    def pending_count(self) -> int:
        return sum(1 for item in self.items if item.is_pending)

    @property
    def is_complete(self) -> bool:
        return self.pending_count == 0

    @property
    def persons(self) -> list[tuple[HandoverPerson, list[ChecklistItem]]]:
        """The person items grouped per person (for the handover page)."""
        grouped: dict[int, tuple[HandoverPerson, list[ChecklistItem]]] = {}
        for item in self.items:
            if item.person is not None:
                grouped.setdefault(item.person.pk, (item.person, []))[1].append(item)
        return sorted(grouped.values(), key=lambda pair: (pair[0].contact.name, pair[0].pk))

    @property
    def handover_items(self) -> list[ChecklistItem]:
        """Items about the whole handover rather than one person."""
        return [item for item in self.items if item.person is None]


def _batch(handovers: Sequence[Handover]) -> ChecklistBatch:
    persons = list(
        HandoverPerson.objects.filter(handover__in=[handover.pk for handover in handovers])
        .select_related("contact")
        .order_by(*PERSON_FIELDS)
    )
    confirmed = set(
        HandoverConfirmation.objects.filter(person__in=[person.pk for person in persons])
        .values_list("person_id", "item_code")
        .order_by()
    )
    return ChecklistBatch(handovers=handovers, persons=persons, confirmed=confirmed)


def checklists(handovers: Iterable[Handover]) -> list[HandoverChecklist]:
    """The checklist of each handover (accounts loaded with them), in the order given."""
    handovers = list(handovers)
    if not handovers:
        return []
    batch = _batch(handovers)
    items: dict[int, list[ChecklistItem]] = {handover.pk: [] for handover in handovers}
    for provider in PROVIDERS:
        for item in provider(batch):
            items[item.handover_id].append(item)
    return [HandoverChecklist(handover, items[handover.pk]) for handover in handovers]


def checklist(handover: Handover) -> HandoverChecklist:
    return checklists([handover])[0]


@dataclass(frozen=True)
class PreviousOwnerMarks:
    """Which of a contact's ratings the previous owner made and nobody has re-rated or
    confirmed since the handover (item codes still to do)."""

    pending: frozenset[str]

    @property
    def ladder(self) -> bool:
        return "ladder" in self.pending

    @property
    def power_map(self) -> bool:
        return "power_map" in self.pending


def previous_owner_marks(*, account: Account) -> dict[int, PreviousOwnerMarks]:
    """Per contact of the account: the ratings still marked "rated by the previous owner".

    A constant number of queries for the whole account (the ladder page and the power map
    call it once per page, never per row)."""
    persons = list(
        HandoverPerson.objects.filter(handover__account=account, is_superseded=False)
        .select_related("contact", "handover", "handover__account")
        .order_by(*PERSON_FIELDS)
    )
    if not persons:
        return {}
    handovers = list({person.handover_id: person.handover for person in persons}.values())
    confirmed = set(
        HandoverConfirmation.objects.filter(person__in=[person.pk for person in persons])
        .values_list("person_id", "item_code")
        .order_by()
    )
    batch = ChecklistBatch(handovers=handovers, persons=persons, confirmed=confirmed)
    pending: dict[int, set[str]] = {}
    for provider in PERSON_PROVIDERS:
        for item in provider(batch):
            if item.person is not None and item.is_pending:
                pending.setdefault(item.person.contact_id, set()).add(item.code)
    return {
        contact_id: PreviousOwnerMarks(frozenset(codes)) for contact_id, codes in pending.items()
    }


def previous_owner_marks_for_contact(
    contact_id: int, account: Account
) -> PreviousOwnerMarks | None:
    return previous_owner_marks(account=account).get(contact_id)

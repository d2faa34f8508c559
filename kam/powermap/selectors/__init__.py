"""Reads behind the power map, its red flags, the account figures and the assessment table.

One load per account (a constant number of queries however many people and lines it has);
every view of the map, the table and the API is built from the same `PowerMap`.
"""

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Q
from django.utils import timezone

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.cards.selectors import open_actions_for_account
from kam.handover.selectors import PreviousOwnerMarks, previous_owner_marks
from kam.ladder.models import LadderEvidence
from kam.ladder.selectors import (
    LadderState,
    ladder_histories_for_account,
    ladder_states_for_account,
    ladder_states_for_accounts,
    state_as_of,
)
from kam.people.choices import Coverage, DecisionRole, Support, Visibility
from kam.people.models import Contact, ContactEdge, PowerMapSettings
from kam.people.selectors import power_map_settings
from kam.powermap import rules
from kam.users.choices import Seniority
from kam.users.models import User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STATUS_ORDER = {"off_track": 0, "at_risk": 1, "on_track": 2, "no_target": 3}


MAP_FIELDS = (
    "pk",
    "uuid",
    "name",
    "title",
    "seniority",
    "function",
    "org_unit__name",
    "reports_to_id",
    "decision_roles",
    "buying_influence",
    "visibility",
    "influence",
    "support",
    "response_mode",
    "coverage",
    "is_key_person",
    "key_person_reasons",
    "key_person_since",
    "relationship_owner_id",
)


# What the red-flag rules read of a contact (`_person`), besides its owner: the portfolio-wide
# read (我的工作台) fetches only these, without the org-unit join or the map's display fields.
FLAG_FIELDS = (
    "pk",
    "uuid",
    "name",
    "seniority",
    "decision_roles",
    "buying_influence",
    "influence",
    "support",
    "response_mode",
    "coverage",
    "is_key_person",
    "key_person_since",
    "relationship_owner_id",
)


@dataclass(frozen=True)
class FlagContact:
    """A contact as the red-flag rules see it (a subset of MapContact's fields)."""

    pk: int
    uuid: uuid.UUID
    name: str
    seniority: str
    decision_roles: list[str]
    buying_influence: str
    influence: int | None
    support: int | None
    response_mode: str
    coverage: str
    is_key_person: bool
    key_person_since: date | None
    owner_name: str
    owner_seniority: str


@dataclass(frozen=True)
class MapContact:
    """The fields of a contact the map needs (read as plain values: 500 people stay cheap)."""

    pk: int
    uuid: uuid.UUID
    name: str
    title: str
    seniority: str
    function: str
    org_unit_name: str
    reports_to_id: int | None
    decision_roles: list[str]
    buying_influence: str
    visibility: str
    influence: int | None
    support: int | None
    response_mode: str
    coverage: str
    is_key_person: bool
    key_person_reasons: list[str]
    key_person_since: date | None
    owner_name: str
    owner_seniority: str

    def get_support_display(self) -> str:
        return str(Support(self.support).label) if self.support is not None else ""

    def get_visibility_display(self) -> str:
        return str(Visibility(self.visibility).label)

    def get_seniority_display(self) -> str:
        return str(Seniority(self.seniority).label)

    def get_coverage_display(self) -> str:
        return str(Coverage(self.coverage).label)


@dataclass(frozen=True)
class NextAction:
    description: str
    due_on: date | None
    owner: str
    is_overdue: bool


@dataclass
class MapPerson:
    """One contact on the map with everything the map, the flags and the table show."""

    contact: MapContact
    person: rules.Person
    state: LadderState | None
    supporting: list[str]
    last_contact: date | None
    next_actions: list[NextAction] = field(default_factory=list)
    # Ratings made before a handover and not re-rated or confirmed since (kam.handover).
    previous_owner: PreviousOwnerMarks | None = None

    @property
    def role_labels(self) -> list["StrOrPromise"]:
        return [DecisionRole(role).label for role in self.contact.decision_roles or []]

    @property
    def gap(self) -> int | None:
        if self.person.target_level is None:
            return None
        return self.person.target_level - (self.person.level or 0)

    @property
    def status(self) -> str:
        return rules.row_status(
            level=self.person.level,
            target=self.person.target_level,
            has_overdue_action=any(action.is_overdue for action in self.next_actions),
        )


@dataclass
class PowerMap:
    account: Account
    people: list[MapPerson]
    edges: Sequence[Mapping[str, Any]]
    flags: list[rules.Flag]
    figures: rules.Figures
    limits: rules.Thresholds = rules.DEFAULTS

    @property
    def key_people(self) -> list[MapPerson]:
        return [row for row in self.people if row.contact.is_key_person]


def _person(contact: MapContact | FlagContact, state: LadderState | None) -> rules.Person:
    return rules.Person(
        id=contact.pk,
        name=contact.name,
        seniority=contact.seniority,
        influence=contact.influence,
        support=contact.support,
        is_key_person=contact.is_key_person,
        decision_roles=tuple(contact.decision_roles or ()),
        buying_influence=contact.buying_influence,
        response_mode=contact.response_mode,
        coverage=contact.coverage,
        key_person_since=contact.key_person_since,
        owner_name=contact.owner_name,
        owner_seniority=contact.owner_seniority,
        level=state.current_level if state else None,
        level_index=state.level_index if state else None,
        target_level=state.target_level if state else None,
    )


def _users(account: Account) -> dict[int, User]:
    """Our people on the map: the account team, and anyone who owns or supports a contact."""
    through = Contact.supporting_users.through
    users = User.objects.filter(
        Q(pk__in=account_workers(account).values("pk"))
        | Q(pk__in=account.contacts.values("relationship_owner_id"))
        | Q(pk__in=through.objects.filter(contact__account=account).values("user_id"))
    )
    return {user.pk: user for user in users}


def _supporting(account: Account, users: dict[int, User]) -> dict[int, list[str]]:
    through = Contact.supporting_users.through
    found: dict[int, list[str]] = {}
    rows = through.objects.filter(contact__account=account).values_list("contact_id", "user_id")
    for contact_id, user_id in rows.order_by("pk"):
        user = users.get(user_id)
        found.setdefault(contact_id, []).append(str(user) if user else "")
    return found


def map_contacts(
    *, account: Account, users: dict[int, User], key_only: bool = False
) -> list[MapContact]:
    """The account's active contacts (or only its key persons) as plain values, by name."""
    rows = account.contacts.filter(is_active=True)
    if key_only:
        rows = rows.filter(is_key_person=True)
    contacts = []
    for row in rows.order_by("name", "pk").values_list(*MAP_FIELDS):
        values = dict(zip(MAP_FIELDS, row, strict=True))
        owner = users.get(values.pop("relationship_owner_id"))
        values["org_unit_name"] = values.pop("org_unit__name") or ""
        values["owner_name"] = str(owner) if owner else ""
        values["owner_seniority"] = owner.seniority if owner else ""
        contacts.append(MapContact(**values))
    return contacts


def _last_contacts(account: Account) -> dict[int, date]:
    rows = (
        LadderEvidence.objects.filter(account=account)
        .values("contact_id")
        .annotate(last=Max("occurred_on"))
        .order_by()
    )
    return {row["contact_id"]: row["last"] for row in rows}


def _next_actions(account: Account, today: date) -> dict[int, list[NextAction]]:
    """Open development-plan actions per contact (the key-person cards), soonest first."""
    found: dict[int, list[NextAction]] = {}
    for action in open_actions_for_account(account=account):
        found.setdefault(action.contact_id, []).append(
            NextAction(
                description=action.description,
                due_on=action.due_on,
                owner=action.owner_name,
                is_overdue=action.due_on is not None and action.due_on < today,
            )
        )
    return found


def thresholds_from(settings: PowerMapSettings) -> rules.Thresholds:
    return rules.Thresholds(
        strong_opponent_influence=settings.strong_opponent_influence,
        coach_level=settings.coach_level,
        covered_level=settings.covered_level,
        new_player_days=settings.new_player_days,
        min_deep_threads=settings.min_deep_threads,
        max_seniority_gap=settings.max_seniority_gap,
    )


def power_map(
    *,
    account: Account,
    today: date | None = None,
    key_only: bool = False,
    with_handover_marks: bool = False,
    with_details: bool = True,
) -> PowerMap:
    """The account's active contacts, their informal lines, red flags and figures.

    `key_only` loads the key persons alone (the assessment table): the figures are the same
    (they are about key persons), the lines and the red flags are left out. Without
    `with_details` the people carry no last contact, next actions or supporters and the map
    no lines (what the plan's gap list reads: levels, targets and red flags).
    `with_handover_marks` marks the ratings made before a handover (pages only)."""
    today = today or timezone.localdate()
    users = _users(account)
    contacts = map_contacts(account=account, users=users, key_only=key_only)
    states = ladder_states_for_account(
        account=account, contact_ids_by_uuid={str(c.uuid): c.pk for c in contacts}
    )
    last_contacts = _last_contacts(account) if with_details else {}
    actions = _next_actions(account, today) if with_details else {}
    supporting = _supporting(account, users) if with_details else {}
    marks = previous_owner_marks(account=account) if with_handover_marks else {}
    people = [
        MapPerson(
            contact=contact,
            person=_person(contact, states.get(contact.pk)),
            state=states.get(contact.pk),
            supporting=supporting.get(contact.pk, []),
            last_contact=last_contacts.get(contact.pk),
            next_actions=actions.get(contact.pk, []),
            previous_owner=marks.get(contact.pk),
        )
        for contact in contacts
    ]
    persons = [row.person for row in people]
    settings = power_map_settings()
    limits = thresholds_from(settings)
    if key_only:
        return PowerMap(
            account, people, [], [], rules.figures(persons, settings.covered_level), limits
        )
    edges = (
        list(
            ContactEdge.objects.filter(account=account)
            .values("uuid", "source_id", "target_id", "edge_type", "strength", "is_confirmed")
            .order_by("pk")
        )
        if with_details
        else []
    )
    return PowerMap(
        account=account,
        people=people,
        edges=edges,
        flags=rules.red_flags(persons, today, limits, timezone.localdate(account.created_at)),
        figures=rules.figures(persons, settings.covered_level),
        limits=limits,
    )


def _sort_key(sort: str) -> Callable[[MapPerson], tuple]:
    far = date(9999, 12, 31)
    keys: dict[str, Callable[[MapPerson], tuple]] = {
        "name": lambda row: (row.contact.name,),
        "-influence": lambda row: (-(row.contact.influence or -1), row.contact.name),
        "support": lambda row: (
            row.contact.support if row.contact.support is not None else 9,
            row.contact.name,
        ),
        "-gap": lambda row: (-(row.gap if row.gap is not None else -99), row.contact.name),
        "level": lambda row: (row.person.level or 0, row.contact.name),
        "status": lambda row: (STATUS_ORDER[row.status], row.contact.name),
        "last_contact": lambda row: (row.last_contact or far, row.contact.name),
    }
    return keys.get(sort, keys["-influence"])


def table_rows(the_map: PowerMap, sort: str) -> list[MapPerson]:
    """The key persons of the assessment table (T8.2) in the chosen order."""
    return sorted(the_map.key_people, key=_sort_key(sort))


def key_person_index_by_period(
    *, account: Account, periods: Iterable[str] = ()
) -> dict[str, float]:
    """KPI_kp per period (T8.3 → T2 key_person), for the given periods and every period in which
    a key person was assessed: the influence-weighted ladder index of the account's current key
    persons, each at their state as of that period (`state_as_of`: the latest snapshot on or
    before it, carried forward, as the power map shows it). A period before any key person's
    first snapshot is left out (the coordinate names the input as missing)."""
    rows = account.contacts.filter(is_key_person=True, is_active=True, influence__gt=0)
    key_people, ids_by_uuid = [], {}
    for pk, contact_uuid, influence in rows.values_list("pk", "uuid", "influence"):
        key_people.append(rules.Person(id=pk, name="", influence=influence, is_key_person=True))
        ids_by_uuid[str(contact_uuid)] = pk
    histories = (
        ladder_histories_for_account(account=account, contact_ids_by_uuid=ids_by_uuid)
        if ids_by_uuid
        else {}
    )
    assessed = {state.period for history in histories.values() for state in history}
    result: dict[str, float] = {}
    for period in sorted(assessed | set(periods)):
        states = {pk: state_as_of(history, period) for pk, history in histories.items()}
        people = [
            replace(person, level_index=state.level_index)
            for person in key_people
            if (state := states.get(person.id)) is not None
        ]
        index = rules.key_person_index(people)
        if index is not None:
            result[period] = index
    return result


def red_flags_for_accounts(
    *, account_ids: Sequence[int], today: date | None = None
) -> tuple[dict[int, list[rules.Flag]], rules.Thresholds]:
    """The raised red flags of several accounts' maps (我的工作台), by account id, and the
    thresholds they were raised with.

    The same rules and settings as `power_map`, over every account at once: a constant number of
    queries however many accounts and people."""
    limits = thresholds_from(power_map_settings())
    if not account_ids:
        return {}, limits
    today = today or timezone.localdate()
    rows = list(
        Contact.objects.filter(account_id__in=account_ids, is_active=True)
        .order_by("account_id", "name", "pk")
        .values_list("account_id", *FLAG_FIELDS)
    )
    owner_ids = {row[-1] for row in rows if row[-1] is not None}
    users = {user.pk: user for user in User.objects.filter(pk__in=owner_ids)}
    states = ladder_states_for_accounts(
        account_ids=account_ids, contact_ids_by_uuid={str(row[2]): row[1] for row in rows}
    )
    people: dict[int, list[rules.Person]] = {account_id: [] for account_id in account_ids}
    for account_id, *values in rows:
        fields = dict(zip(FLAG_FIELDS, values, strict=True))
        owner = users.get(fields.pop("relationship_owner_id"))
        fields["owner_name"] = str(owner) if owner else ""
        fields["owner_seniority"] = owner.seniority if owner else ""
        contact = FlagContact(**fields)
        people[account_id].append(_person(contact, states.get(contact.pk)))
    flags = {
        account_id: rules.red_flags(persons, today, limits)
        for account_id, persons in people.items()
    }
    return flags, limits

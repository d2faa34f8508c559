"""T8.3 rules over an account's power map: red flags, account-level figures and row status.

Pure functions over `Person` records (no database), so every rule has an exact-value test.
Thresholds are the spec's [D] defaults, named here once.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from kam.people.rules import SENIORITY_RANK

HIGH_INFLUENCE = 7
COACH_LEVEL = 4  # T7 业务指导 (≈ coach)
INFORMATION_LEVEL = 3  # T7 信息传递: a key person counts as covered from here
NEW_PLAYER_DAYS = 90
# "New player" means the key-person lineup changed after we had mapped the account (T8.3: a key
# person changed in the last 90 days). Everyone marked a key person while the account's map was
# first drawn — up to this many days after the account was created — is the starting lineup,
# not a change, so a new account does not raise the flag for every person on it.
INITIAL_MAPPING_DAYS = 30
MIN_DEEP_THREADS = 3
COVERED = frozenset({"brief", "multiple", "in_depth"})
DEEP = frozenset({"multiple", "in_depth"})
COMPLACENT_MODES = frozenset({"even_keel", "overconfident"})
# Buying-centre roles that must each be reached (decision role or Miller Heiman influence).
BASE_ROLES = {
    "decider": ({"decider"}, {"economic_buyer"}),
    "technical": ({"gatekeeper"}, {"technical_buyer"}),
    "user": ({"user"}, {"user_buyer"}),
}


@dataclass(frozen=True)
class Thresholds:
    """The red flags' thresholds (from the power-map settings; these are the [D] defaults)."""

    strong_opponent_influence: int = HIGH_INFLUENCE
    coach_level: int = COACH_LEVEL
    covered_level: int = INFORMATION_LEVEL
    new_player_days: int = NEW_PLAYER_DAYS
    min_deep_threads: int = MIN_DEEP_THREADS
    max_seniority_gap: int = 1


DEFAULTS = Thresholds()


@dataclass(frozen=True)
class Person:
    """What the rules need to know about one contact on the map."""

    id: int
    name: str
    seniority: str = "operational"
    influence: int | None = None
    support: int | None = None
    is_key_person: bool = False
    decision_roles: tuple[str, ...] = ()
    buying_influence: str = ""
    response_mode: str = ""
    coverage: str = "unknown"
    key_person_since: date | None = None
    owner_name: str = ""
    owner_seniority: str = ""
    level: int | None = None  # T7 current level (None: never assessed)
    level_index: float | None = None
    target_level: int | None = None


@dataclass(frozen=True)
class Flag:
    """A raised red flag: a stable code, an optional qualifier and the people it is about."""

    code: str
    qualifier: str = ""
    people: tuple[str, ...] = field(default_factory=tuple)


def _holds(person: Person, role: str) -> bool:
    roles, influences = BASE_ROLES[role]
    return bool(roles & set(person.decision_roles)) or person.buying_influence in influences


def uncovered_base(people: Sequence[Person]) -> list[Flag]:
    """A buying-centre role (decider/EB, technical, user) nobody with coverage ≥ brief holds."""
    return [
        Flag("uncovered_base", role)
        for role in BASE_ROLES
        if not any(_holds(person, role) and person.coverage in COVERED for person in people)
    ]


def no_coach(people: Sequence[Person], limits: Thresholds = DEFAULTS) -> list[Flag]:
    """Nobody is a mentor (support +2) or at ladder level ≥ 4 (guides us)."""
    has_coach = any(
        person.support == 2 or (person.level or 0) >= limits.coach_level for person in people
    )
    return [] if has_coach else [Flag("no_coach")]


def strong_opponent(people: Sequence[Person], limits: Thresholds = DEFAULTS) -> list[Flag]:
    """Anyone with influence ≥ the threshold who does not support us (support ≤ −1), whatever
    their decision role or buying influence: gatekeepers included."""
    names = tuple(
        person.name
        for person in people
        if (person.influence or 0) >= limits.strong_opponent_influence
        and person.support is not None
        and person.support <= -1
    )
    return [Flag("strong_opponent", people=names)] if names else []


def enemy_key_person(people: Sequence[Person]) -> list[Flag]:
    names = tuple(p.name for p in people if p.is_key_person and p.support == -2)
    return [Flag("enemy_key_person", people=names)] if names else []


def complacent_economic_buyer(people: Sequence[Person]) -> list[Flag]:
    names = tuple(
        p.name
        for p in people
        if p.buying_influence == "economic_buyer" and p.response_mode in COMPLACENT_MODES
    )
    return [Flag("complacent_economic_buyer", people=names)] if names else []


def single_threaded(people: Sequence[Person], limits: Thresholds = DEFAULTS) -> list[Flag]:
    deep = sum(1 for person in people if person.coverage in DEEP)
    is_thin = deep < limits.min_deep_threads
    return [Flag("single_threaded", qualifier=str(deep))] if is_thin else []


def new_player(
    people: Sequence[Person],
    today: date,
    limits: Thresholds = DEFAULTS,
    account_started_on: date | None = None,
) -> list[Flag]:
    """Key persons who became key persons in the last `new_player_days` days — and, when the
    account's start is given, later than `INITIAL_MAPPING_DAYS` after it (the starting lineup
    of a newly created account is not a change)."""
    since = today - timedelta(days=limits.new_player_days)
    if account_started_on is not None:
        since = max(since, account_started_on + timedelta(days=INITIAL_MAPPING_DAYS + 1))
    names = tuple(
        p.name
        for p in people
        if p.is_key_person and p.key_person_since is not None and p.key_person_since >= since
    )
    return [Flag("new_player", people=names)] if names else []


def level_mismatch(people: Sequence[Person], limits: Thresholds = DEFAULTS) -> list[Flag]:
    """将对将: our owner's seniority is more than one level below the contact's."""
    names = tuple(
        f"{p.name} ↔ {p.owner_name}"
        for p in people
        if p.owner_seniority
        and SENIORITY_RANK.get(p.seniority, 0) - SENIORITY_RANK.get(p.owner_seniority, 0)
        > limits.max_seniority_gap
    )
    return [Flag("level_mismatch", people=names)] if names else []


def red_flags(
    people: Sequence[Person],
    today: date,
    limits: Thresholds = DEFAULTS,
    account_started_on: date | None = None,
) -> list[Flag]:
    """Every raised flag of an account's map, in the spec's order."""
    return [
        *uncovered_base(people),
        *no_coach(people, limits),
        *strong_opponent(people, limits),
        *enemy_key_person(people),
        *complacent_economic_buyer(people),
        *single_threaded(people, limits),
        *new_player(people, today, limits, account_started_on),
        *level_mismatch(people, limits),
    ]


@dataclass(frozen=True)
class Figures:
    """Account-level key-person figures (T8.3); None when there is nothing to divide by."""

    key_persons: int
    key_person_index: float | None  # 0–100, feeds T2 key_person
    key_coverage: float | None  # 0–1
    support_balance: float | None  # −2..+2
    goal_attainment: float | None  # 0–1


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def key_person_index(people: Sequence[Person]) -> float | None:
    """KPI_kp = Σ influenceᵢ·level_indexᵢ / Σ influenceᵢ over the assessed key persons (T8.3);
    the power map's figure and the T2 coordinate's key-person dimension."""
    indexed = [
        (p.influence, p.level_index)
        for p in people
        if p.is_key_person and p.level_index is not None and p.influence
    ]
    return _ratio(
        sum(influence * level_index for influence, level_index in indexed),
        sum(influence for influence, _level_index in indexed),
    )


def figures(people: Sequence[Person], covered_level: int = INFORMATION_LEVEL) -> Figures:
    key = [person for person in people if person.is_key_person]
    supported = [(p.influence, p.support) for p in key if p.support is not None and p.influence]
    targeted = [(p.level or 0, p.target_level) for p in key if p.target_level is not None]
    return Figures(
        key_persons=len(key),
        key_person_index=key_person_index(key),
        key_coverage=_ratio(sum(1 for p in key if (p.level or 0) >= covered_level), len(key)),
        support_balance=_ratio(
            sum(influence * support for influence, support in supported),
            sum(influence for influence, _support in supported),
        ),
        goal_attainment=_ratio(
            sum(1 for level, target in targeted if level >= target), len(targeted)
        ),
    )


def row_status(*, level: int | None, target: int | None, has_overdue_action: bool) -> str:
    """on_track: at or above target · at_risk: one rung short, nothing overdue ·
    off_track: two or more rungs short, or an action is overdue · no_target."""
    if target is None:
        return "no_target"
    gap = target - (level or 0)
    if gap <= 0:
        return "on_track"
    if gap == 1 and not has_overdue_action:
        return "at_risk"
    return "off_track"

"""The power map between two approved versions of a plan: who appeared among the key persons,
who left, and who changed support, ladder level or target level.

An approval freezes the key persons as the power map shows them that day (`key_people` of the
snapshot). A version approved before that was frozen is read from the key-person ladder's dated
snapshots instead (each person's latest snapshot assessed on or before the approval date); the
ladder records levels, not the power map's support, so support is then left unknown (None) and
never reported as a change."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from kam.accounts.models import Account
from kam.ladder.selectors import LadderState, ladder_histories_for_account
from kam.people.choices import Support
from kam.plans.models import PlanVersion
from kam.powermap.selectors import PowerMap

COMPARED = ("support", "level", "target_level")


def frozen_key_people(the_map: PowerMap) -> list[dict[str, Any]]:
    """The key persons as an approval freezes them (plain JSON)."""
    return [
        {
            "id": str(row.contact.uuid),
            "name": row.contact.name,
            "support": row.contact.support,
            "influence": row.contact.influence,
            "level": row.person.level,
            "target_level": row.person.target_level,
        }
        for row in the_map.key_people
    ]


@dataclass(frozen=True)
class PersonChange:
    id: str
    name: str
    field: str
    before: str | None
    after: str | None


@dataclass
class PeopleDiff:
    appeared: list[dict[str, Any]] = field(default_factory=list)
    left: list[dict[str, Any]] = field(default_factory=list)
    changed: list[PersonChange] = field(default_factory=list)
    # Versions read from the ladder's dated snapshots (approved before key persons were frozen).
    reconstructed: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.appeared or self.left or self.changed)


def _shown(name: str, value: int | None) -> str | None:
    if value is None:
        return None
    if name == "support":
        return f"{value:+d} {Support(value).label}" if value else f"0 {Support(value).label}"
    return f"L{value}"


def _state_on(history: list[LadderState], day: date) -> LadderState | None:
    return next((state for state in history if state.assessed_on <= day), None)


class _Ladder:
    """The account's ladder snapshots, read once for both versions (two queries)."""

    def __init__(self, account: Account) -> None:
        rows = account.contacts.values_list("pk", "uuid", "name")
        self.names = {pk: (str(contact_uuid), name) for pk, contact_uuid, name in rows}
        self.histories = ladder_histories_for_account(
            account=account,
            contact_ids_by_uuid={uuid: pk for pk, (uuid, _name) in self.names.items()},
        )

    def people_on(self, day: date) -> list[dict[str, Any]]:
        people = []
        for pk, history in self.histories.items():
            state = _state_on(history, day)
            if state is not None:
                uuid, name = self.names[pk]
                people.append({"id": uuid, "name": name, "support": None, "influence": None,
                               "level": state.current_level,
                               "target_level": state.target_level})  # fmt: skip
        return sorted(people, key=lambda person: person["name"])


def _people(version: PlanVersion, ladder: "_Ladder | None") -> list[dict[str, Any]] | None:
    frozen = version.snapshot.get("key_people")
    if frozen is not None or ladder is None:
        return frozen
    return ladder.people_on(timezone.localdate(version.approved_at))


def people_diff(*, account: Account, before: PlanVersion, after: PlanVersion) -> PeopleDiff:
    """The key persons' changes from one version's date to the other's (no query when both
    versions froze their key persons, two otherwise)."""
    needs_ladder = any("key_people" not in item.snapshot for item in (before, after))
    ladder = _Ladder(account) if needs_ladder else None
    old = {person["id"]: person for person in _people(before, ladder) or []}
    new = {person["id"]: person for person in _people(after, ladder) or []}
    changed = [
        PersonChange(key, person["name"], name, _shown(name, old[key].get(name)),
                     _shown(name, person.get(name)))
        for key, person in new.items()
        if key in old
        for name in COMPARED
        if old[key].get(name) != person.get(name)
        and not (name == "support" and None in (old[key].get(name), person.get(name)))
    ]  # fmt: skip
    return PeopleDiff(
        appeared=[person for key, person in new.items() if key not in old],
        left=[person for key, person in old.items() if key not in new],
        changed=changed,
        reconstructed=[v.number for v in (before, after) if "key_people" not in v.snapshot],
    )

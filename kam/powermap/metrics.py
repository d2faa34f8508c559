"""The key-person metrics of T8 (power map) and T7 (ladder levels), for the catalogue."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.ladder.selectors import LadderState, ladder_histories_for_account
from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)
from kam.metrics.registry import (
    MetricContext,
    MetricDefinition,
    MetricLink,
    MetricValue,
    register,
)
from kam.powermap import rules


@dataclass(frozen=True)
class KeyPeopleAsOf:
    """The account's current key persons, each with the ladder state in force on the date."""

    people: list[rules.Person]
    as_of: date | None


def key_people_as_of(context: MetricContext) -> KeyPeopleAsOf:
    """Each active key person at their latest ladder snapshot assessed on or before the date."""
    rows = context.account.contacts.filter(is_key_person=True, is_active=True)
    people, ids_by_uuid = {}, {}
    for pk, contact_uuid, influence in rows.values_list("pk", "uuid", "influence"):
        people[pk] = rules.Person(id=pk, name="", influence=influence, is_key_person=True)
        ids_by_uuid[str(contact_uuid)] = pk
    histories = (
        ladder_histories_for_account(account=context.account, contact_ids_by_uuid=ids_by_uuid)
        if ids_by_uuid
        else {}
    )
    states: dict[int, LadderState] = {}
    for pk, history in histories.items():
        # Newest first: the first one assessed by the date is the one in force on it.
        state = next((item for item in history if item.assessed_on <= context.on), None)
        if state is not None:
            states[pk] = state
    assessed = [
        replace(
            person,
            level=states[pk].current_level,
            level_index=states[pk].level_index,
            target_level=states[pk].target_level,
        )
        if pk in states
        else person
        for pk, person in people.items()
    ]
    as_of = max((state.assessed_on for state in states.values()), default=None)
    return KeyPeopleAsOf(assessed, as_of)


def _shared(context: MetricContext) -> KeyPeopleAsOf:
    return context.shared("key_people", lambda: key_people_as_of(context))


def _link(context: MetricContext) -> MetricLink:
    return MetricLink(_("Power map"), reverse("powermap:account", args=[context.account.uuid]))


def key_person_index(context: MetricContext) -> MetricValue:
    found = _shared(context)
    value = rules.key_person_index(found.people)
    if value is None:
        return MetricValue(None, None, _("No key person's ladder assessed on or before this date."))
    assessed = sum(1 for person in found.people if person.level_index is not None)
    source = _("{assessed} of {total} key persons assessed on the ladder by this date.").format(
        assessed=assessed, total=len(found.people)
    )
    return MetricValue(value, found.as_of, source, (_link(context),))


def key_persons_at_target(context: MetricContext) -> MetricValue:
    found = _shared(context)
    targeted = [person for person in found.people if person.target_level is not None]
    if not targeted:
        return MetricValue(None, None, _("No key person has a target level on this date."))
    reached = sum(1 for person in targeted if (person.level or 0) >= (person.target_level or 0))
    source = _("{reached} of {total} key persons with a target level are at or above it.").format(
        reached=reached, total=len(targeted)
    )
    return MetricValue(Decimal(reached), found.as_of, source, (_link(context),))


register(
    MetricDefinition(
        code="key_person_index",
        label=gettext_lazy("Key-person index"),
        unit=MetricUnit.POINTS,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.KEY_PERSON,
        source_tool=SourceTool.T8,
        data_source=gettext_lazy("Key-person ladder snapshots of the power map's key persons"),
        formula=gettext_lazy(
            "Σ influence × ladder index ÷ Σ influence over the key persons assessed, each at "
            "their latest ladder snapshot on or before the date."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=key_person_index,
    )
)
register(
    MetricDefinition(
        code="key_persons_at_target",
        label=gettext_lazy("Key persons at target level"),
        unit=MetricUnit.COUNT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.KEY_PERSON,
        source_tool=SourceTool.T7,
        data_source=gettext_lazy("Key-person ladder snapshots (current and target levels)"),
        formula=gettext_lazy(
            "The key persons whose ladder level is at or above their target level, each at "
            "their latest ladder snapshot on or before the date."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=key_persons_at_target,
    )
)

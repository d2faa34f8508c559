"""Translated wording of the red flags and the row status (kept apart from the pure rules)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.powermap.rules import DEFAULTS, Flag, Thresholds

BASE_ROLE_LABELS = {
    "decider": gettext_lazy("Decider / economic buyer"),
    "technical": gettext_lazy("Technical buyer / gatekeeper"),
    "user": gettext_lazy("User buyer"),
}
STATUS_LABELS = {
    "on_track": gettext_lazy("On track"),
    "at_risk": gettext_lazy("At risk"),
    "off_track": gettext_lazy("Off track"),
    "no_target": gettext_lazy("No target yet"),
}


@dataclass(frozen=True)
class FlagText:
    code: str
    title: str
    detail: str


def flag_text(flag: Flag, limits: Thresholds = DEFAULTS) -> FlagText:
    names = "、".join(flag.people)
    if flag.code == "uncovered_base":
        title = _("Uncovered decision role: {role}").format(role=BASE_ROLE_LABELS[flag.qualifier])
        detail = _("Nobody in this role has at least brief contact with us.")
    elif flag.code == "no_coach":
        title = _("No coach")
        detail = _(
            "Nobody guides us: no mentor (support +2) and nobody at ladder level {level} or above."
        ).format(level=limits.coach_level)
    elif flag.code == "strong_opponent":
        title = _("Strong opponent")
        detail = _("{names}: influence {influence} or more and not supporting us.").format(
            names=names, influence=limits.strong_opponent_influence
        )
    elif flag.code == "enemy_key_person":
        title = _("A key person is against us")
        detail = _("{names}: rated as an enemy (−2).").format(names=names)
    elif flag.code == "complacent_economic_buyer":
        title = _("The economic buyer sees no reason to change")
        detail = _("{names}: response mode even keel or overconfident.").format(names=names)
    elif flag.code == "single_threaded":
        title = _("Single-threaded")
        detail = _(
            "Only {count} people with multiple or in-depth contact; reach at least {minimum}."
        ).format(count=flag.qualifier, minimum=limits.min_deep_threads)
    elif flag.code == "new_player":
        title = _("New player")
        detail = _("{names}: became a key person in the last {days} days.").format(
            names=names, days=limits.new_player_days
        )
    else:
        title = _("Owner seniority mismatch")
        detail = _(
            "{names}: our owner is more than {gap} seniority level(s) below the contact."
        ).format(names=names, gap=limits.max_seniority_gap)
    return FlagText(code=flag.code, title=title, detail=detail)

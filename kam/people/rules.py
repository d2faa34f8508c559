"""Key-person identification (T8 ② 定位关键人): pure rules over a contact's map attributes.

The thresholds are the spec's [D] defaults; each rule returns a stable code so that the reason
can be shown (and translated) next to the flag.
"""

from collections.abc import Iterable

DECIDING_ROLES = frozenset({"decider", "approver"})
HIGH_INFLUENCE = 7
HIDDEN_INFLUENCE = 5
SENIORITY_RANK = {"operational": 0, "middle": 1, "executive": 2}


def key_person_reasons(
    *,
    decision_roles: Iterable[str],
    buying_influence: str,
    influence: int | None,
    visibility: str,
    high_influence: int = HIGH_INFLUENCE,
    hidden_influence: int = HIDDEN_INFLUENCE,
) -> list[str]:
    """Why the rules make this contact a key person (empty: they do not). The thresholds come
    from the power-map settings (defaults: the spec's 7 and 5)."""
    reasons = []
    if DECIDING_ROLES & set(decision_roles):
        reasons.append("deciding_role")
    if buying_influence == "economic_buyer":
        reasons.append("economic_buyer")
    if influence is not None and influence >= high_influence:
        reasons.append("high_influence")
    if visibility == "hidden" and influence is not None and influence >= hidden_influence:
        reasons.append("hidden_influence")
    return reasons


def is_title_below_influence(*, seniority: str, influence: int | None, informal_edges: int) -> bool:
    """ "Title vs influence": a candidate hidden influencer — junior by title, yet influential
    (influence ≥ 7, or ≥ 5 from middle management down) or at the centre of ≥ 3 informal lines."""
    rank = SENIORITY_RANK.get(seniority, 1)
    if rank == 2:
        return False
    strong = influence is not None and (influence >= HIGH_INFLUENCE or influence >= 5 + rank * 2)
    return strong or informal_edges >= 3

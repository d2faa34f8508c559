"""The rules and formulas of the broad relationships (T10.2, T10.3), pure functions without
models. The matrix rules are data: each names a role and how often a row must hold it."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kam.broad.choices import CoverageColour, RaciRole

# How each broad-relationship KPI (T10.2) is shown: its unit after the number.
KPI_UNITS: dict[str, str] = {
    "coverage_rate": "%",
    "contacts_per_dept": "",
    "contact_frequency": "%",
    "supporter_share": "%",
    "ops_satisfaction": "/100",
    "response_time": "h",
    "platform_events": "%",
}

# Coverage levels that count as covered: "multiple contacts" and better (T10.3).
COVERED_LEVELS = frozenset({"multiple", "in_depth"})
# Support from +1 (supporter) up counts as a supporter (T10.2).
SUPPORTER_MINIMUM = 1


@dataclass(frozen=True)
class RowRule:
    """A row of the matrix must hold `role` at least `minimum` and at most `maximum` times."""

    code: str
    role: str
    minimum: int
    maximum: int | None
    too_few: Promise
    too_many: Promise | None = None


# T10.2 [S26]: exactly one A per row and at least one R; an A may also do the work ("AR"
# counts once as A and once as R).
RACI_RULES: tuple[RowRule, ...] = (
    RowRule(
        code="one_accountable",
        role=RaciRole.ACCOUNTABLE,
        minimum=1,
        maximum=1,
        too_few=_("Name one person accountable (A) for this row."),
        too_many=_("Only one person can be accountable (A) for a row."),
    ),
    RowRule(
        code="responsible",
        role=RaciRole.RESPONSIBLE,
        minimum=1,
        maximum=None,
        too_few=_("Name at least one person responsible (R) for this row."),
    ),
)


def raci_row_problems(
    roles: Iterable[str], rules: Sequence[RowRule] = RACI_RULES
) -> list[tuple[str, Promise]]:
    """The broken rules of one row as (code, message); empty when the row is valid. A role of
    several letters ("AR") counts for each of its letters."""
    counts = Counter(letter for role in roles for letter in role)
    problems: list[tuple[str, Promise]] = []
    for rule in rules:
        count = counts[rule.role]
        if count < rule.minimum:
            problems.append((rule.code, rule.too_few))
        elif rule.maximum is not None and count > rule.maximum and rule.too_many is not None:
            problems.append((rule.code, rule.too_many))
    return problems


def coverage_rate(*, target_cells: int, covered_target_cells: int) -> Decimal | None:
    """coverage_rate = target cells with ≥ 1 contact at coverage ≥ multiple / target cells
    (0–1, four places; None when no cell is a target)."""
    if target_cells < 0 or not 0 <= covered_target_cells <= target_cells:
        raise ValueError("covered target cells run from 0 to the number of target cells")
    if target_cells == 0:
        return None
    return (Decimal(covered_target_cells) / Decimal(target_cells)).quantize(Decimal("0.0001"))


def cell_colour(*, is_target: bool, contacts: int, covered: int) -> str:
    """The heat-map colour of a cell: only target cells count; a target cell is a gap with no
    contact known, thin with contacts but none at coverage ≥ multiple, covered otherwise."""
    if not is_target:
        return CoverageColour.NOT_TARGET
    if covered > 0:
        return CoverageColour.COVERED
    if contacts > 0:
        return CoverageColour.THIN
    return CoverageColour.GAP

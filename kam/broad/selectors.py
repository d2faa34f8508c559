"""Reads of the broad relationships (T10): the matrix grid, the coverage heat map and the
coverage rate that feeds the T2 broad dimension."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from kam.accounts.models import Account
from kam.broad.models import CoverageTarget, RaciAssignment, RaciRow
from kam.broad.rules import (
    COVERED_LEVELS,
    SUPPORTER_MINIMUM,
    cell_colour,
    coverage_rate,
    raci_row_problems,
)
from kam.people.choices import Function
from kam.people.models import Contact, OrgUnit
from kam.users.choices import Seniority
from kam.users.models import User

LEVELS: list[str] = [Seniority.EXECUTIVE.value, Seniority.MIDDLE.value, Seniority.OPERATIONAL.value]


def raci_rows_queryset() -> QuerySet[RaciRow]:
    """Every matrix row (scope it with the access helper)."""
    return RaciRow.objects.select_related("account")


@dataclass(frozen=True)
class Column:
    """A person on our side: the account owner or a team member."""

    user: User
    team_role: str


@dataclass
class MatrixRow:
    row: RaciRow
    letters: dict[int, str]
    problems: list[str] = field(default_factory=list)

    @property
    def is_uncovered(self) -> bool:
        return not any("R" in role for role in self.letters.values())


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[MatrixRow]
    offered_cells: list[tuple[str, str]]
    idle_columns: list[Column]


def matrix_columns(*, account: Account) -> list[Column]:
    """The owner first, then the team in team-role order."""
    columns = [Column(user=account.owner, team_role="owner")] if account.owner_id else []
    memberships = account.team_memberships.select_related("user").order_by(
        "team_role", "user__username"
    )
    columns += [
        Column(user=membership.user, team_role=membership.get_team_role_display())
        for membership in memberships
        if membership.user_id != account.owner_id
    ]
    return columns


def _offered_cells(account: Account, taken: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The customer's cells that its org units and contacts show and the matrix lacks."""
    cells = set(OrgUnit.objects.filter(account=account).values_list("function", "level"))
    cells |= set(
        Contact.objects.filter(account=account, is_active=True).values_list("function", "seniority")
    )
    order = {code: index for index, code in enumerate(Function.values)}
    level_order = {code: index for index, code in enumerate(LEVELS)}
    return sorted(
        cells - taken, key=lambda cell: (order.get(cell[0], 99), level_order.get(cell[1], 9))
    )


FUNCTION_ORDER = {code: index for index, code in enumerate(Function.values)}
LEVEL_ORDER = {code: index for index, code in enumerate(LEVELS)}


def matrix_row_order(row: RaciRow) -> tuple[bool, int, int, str]:
    """The matrix's row order: the function × level cells by function and level, then the
    touchpoints by name."""
    return (
        bool(row.touchpoint),
        FUNCTION_ORDER.get(row.function, 99),
        LEVEL_ORDER.get(row.level, 9),
        row.touchpoint,
    )


def uncovered_rows(*, account: Account) -> list[RaciRow]:
    """The rows nobody on our side is responsible (R) for, in the matrix's order (one query)."""
    responsible = Count("assignments", filter=Q(assignments__role__contains="R"))
    rows = RaciRow.objects.filter(account=account).annotate(responsible=responsible)
    return sorted(rows.filter(responsible=0), key=matrix_row_order)


def account_matrix(*, account: Account, person_id: int | None = None) -> Matrix:
    """The grid of one account; `person_id` keeps only the rows that person holds a letter on."""
    rows = list(
        RaciRow.objects.filter(account=account).prefetch_related(
            Prefetch(
                "assignments", queryset=RaciAssignment.objects.only("row_id", "user_id", "role")
            )
        )
    )
    rows.sort(key=matrix_row_order)
    matrix_rows = []
    for row in rows:
        letters = {assignment.user_id: assignment.role for assignment in row.assignments.all()}
        problems = [str(message) for _code, message in raci_row_problems(letters.values())]
        matrix_rows.append(MatrixRow(row=row, letters=letters, problems=problems))
    columns = matrix_columns(account=account)
    busy = {user_id for matrix_row in matrix_rows for user_id in matrix_row.letters}
    taken = {(row.function, row.level) for row in rows if not row.touchpoint}
    if person_id is not None:
        matrix_rows = [row for row in matrix_rows if person_id in row.letters]
    return Matrix(
        columns=columns,
        rows=matrix_rows,
        offered_cells=_offered_cells(account, taken),
        idle_columns=[column for column in columns if column.user.pk not in busy],
    )


@dataclass(frozen=True)
class CoverageCell:
    function: str
    level: str
    is_target: bool
    contacts: int
    covered: int
    supporters: int

    @property
    def colour(self) -> str:
        return cell_colour(is_target=self.is_target, contacts=self.contacts, covered=self.covered)


@dataclass
class CoverageGrid:
    rows: list[tuple[str, list[CoverageCell]]]
    target_cells: int
    covered_target_cells: int
    rate: Decimal | None


def coverage_grid(*, account: Account) -> CoverageGrid:
    """Functions × levels with target flag, contacts known, covered (≥ multiple), supporters;
    two queries whatever the number of contacts."""
    counts: dict[tuple[str, str], dict[str, int]] = {
        (row["function"], row["seniority"]): {
            "known": row["known"],
            "covered": row["covered"],
            "supporters": row["supporters"],
        }
        for row in Contact.objects.filter(account=account, is_active=True)
        .values("function", "seniority")
        .annotate(
            known=Count("pk"),
            covered=Count("pk", filter=Q(coverage__in=COVERED_LEVELS)),
            supporters=Count("pk", filter=Q(support__gte=SUPPORTER_MINIMUM)),
        )
    }
    targets = set(
        CoverageTarget.objects.filter(account=account, is_target=True).values_list(
            "function", "level"
        )
    )
    rows = []
    for function in Function.values:
        cells = []
        for level in LEVELS:
            found = counts.get((function, level), {})
            cells.append(
                CoverageCell(
                    function=function,
                    level=level,
                    is_target=(function, level) in targets,
                    contacts=found.get("known", 0),
                    covered=found.get("covered", 0),
                    supporters=found.get("supporters", 0),
                )
            )
        rows.append((function, cells))
    target_cells = [cell for _function, cells in rows for cell in cells if cell.is_target]
    covered = sum(1 for cell in target_cells if cell.covered > 0)
    return CoverageGrid(
        rows=rows,
        target_cells=len(target_cells),
        covered_target_cells=covered,
        rate=coverage_rate(target_cells=len(target_cells), covered_target_cells=covered),
    )


@dataclass(frozen=True)
class CoverageSummary:
    target_cells: int
    covered_target_cells: int
    rate: Decimal | None


def coverage_summary(*, account: Account) -> CoverageSummary:
    """The account's coverage rate alone (for the T2 broad dimension), in one query."""
    covered_contact = Contact.objects.filter(
        account=account,
        is_active=True,
        function=OuterRef("function"),
        seniority=OuterRef("level"),
        coverage__in=COVERED_LEVELS,
    )
    figures = (
        CoverageTarget.objects.filter(account=account, is_target=True)
        .annotate(is_covered=Exists(covered_contact))
        .aggregate(total=Count("pk"), covered=Count("pk", filter=Q(is_covered=True)))
    )
    total, covered = figures["total"], figures["covered"]
    return CoverageSummary(
        total, covered, coverage_rate(target_cells=total, covered_target_cells=covered)
    )


def cell_contacts(*, account: Account, function: str, level: str) -> QuerySet[Contact]:
    """The people of one heat-map cell."""
    return Contact.objects.filter(
        account=account, is_active=True, function=function, seniority=level
    ).order_by("name")

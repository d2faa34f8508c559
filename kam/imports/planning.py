"""What the planners of every import kind share: a row's plan, errors as codes, choice cells,
the model's own validation (full_clean) turned into row errors, and cycle finding."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from kam.imports.columns import Column, choice_lookup, normalise

Progress = Callable[[int], None]
PROGRESS_EVERY = 500  # rows between two progress writes


@dataclass
class RowPlan:
    """What one valid row will do: create or update `instance`, or leave it unchanged."""

    line: int
    action: str  # "create", "update" or "unchanged"
    instance: Any
    changes: dict[str, Any] = field(default_factory=dict)  # field → [before, after]
    values: dict[str, str] = field(default_factory=dict)
    depth: int = 0  # org units and accounts: how far below the top (parents are written first)
    link: Any = None  # the manager / parent row or record this row points to


@dataclass
class Plan:
    """The rows that will be written and the errors of the others."""

    rows: list[RowPlan] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_lines: set[int] = field(default_factory=set)

    def error(self, line: int, column: str, code: str, /, **params: object) -> None:
        """Record an error of `code` on the line's column (params may name another `line`)."""
        self.errors.append({"line": line, "column": column, "code": code, "params": params})
        self.error_lines.add(line)

    def valid_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.line not in self.error_lines]

    def sorted_errors(self, columns: Iterable[Column] = ()) -> list[dict[str, Any]]:
        """By line, then in the file's column order."""
        order = {column.key: position for position, column in enumerate(columns)}
        return sorted(
            self.errors, key=lambda error: (error["line"], order.get(error["column"], 99))
        )


def choice_value(
    plan: Plan, line: int, column: Column, text: str, lookups: dict[str, dict[str, object]]
) -> object:
    """The choice a cell names (code or label, either language); "" when empty; None on error."""
    if not text:
        return ""
    assert column.choices is not None
    if column.key not in lookups:  # built once per column and import
        lookups[column.key] = choice_lookup(column.choices)
    lookup = lookups[column.key]
    value = lookup.get(normalise(text))
    if value is None:
        plan.error(line, column.key, "bad_choice", value=text)
    return value


def required_missing(plan: Plan, line: int, columns: Iterable[Column], values: Mapping) -> bool:
    missing = False
    for column in columns:
        if column.required and not values.get(column.key):
            plan.error(line, column.key, "required")
            missing = True
    return missing


def model_errors(
    plan: Plan,
    line: int,
    instance: models.Model,
    *,
    exclude: list[str],
    field_columns: Mapping[str, str],
) -> bool:
    """Run the model's own validation (field validators and `clean()`), as the pages do; each
    message becomes an error on its column. Foreign keys are resolved (and checked) by the
    planner, so they are excluded here (their validation would cost a query per row)."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, errors in error.error_dict.items():
            for item in errors:
                _record(plan, line, field_columns.get(name, name), item)
        return True
    return False


def _record(plan: Plan, line: int, column: str, item: ValidationError) -> None:
    params = dict(item.params or {})
    if item.code == "max_length":
        plan.error(line, column, "too_long", limit=params.get("limit_value", ""))
        return
    with translation.override("en"):  # the msgid; shown translated to each reader
        text = str(item.message)
    safe = {key: str(value) for key, value in params.items()}
    plan.error(line, column, "message", text=text, **safe)


def find_cycles(parents: Mapping[Any, Any], starts: Iterable[Any]) -> set[Any]:
    """The nodes whose chain of parents comes back to them (one walk per node, linear)."""
    state: dict[Any, int] = {}  # 1: on the path being walked, 2: walked
    in_cycle: set[Any] = set()
    for start in starts:
        path = []
        node = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parents.get(node)
        if node is not None and state.get(node) == 1:
            in_cycle.update(path[path.index(node) :])
        for walked in path:
            state[walked] = 2
    return in_cycle


def report(progress: Progress | None, done: int, *, last: bool = False) -> None:
    if progress is not None and (last or done % PROGRESS_EVERY == 0):
        progress(done)

"""The value portfolio's periods, count and level-sorted ids come from an index alone (SQLite):
no snapshot row, each carrying kilobytes of JSON, is read to learn its account or its level."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kam.value.selectors import value_periods, value_portfolio
from kam.value.tests.test_pages_and_api import _submit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]


def _snapshot_steps(sql: str) -> list[str]:
    """The steps of the query plan that read the snapshots' table or one of its indexes."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        steps = [str(row[-1]) for row in cursor.fetchall()]
    return [step for step in steps if "assessments_assessment" in step]


def test_it_reads_periods_count_and_level_order_from_the_covering_index(
    owner: object, account: object, director: object
) -> None:
    _submit(owner, account)

    with CaptureQueriesContext(connection) as captured:
        periods = value_periods(user=director)
        ids = value_portfolio(user=director, period="2026", sort="level")
        count = ids.count()
        page = list(ids)

    assert (periods, count, len(page)) == (["2026"], 1, 1)
    plans = [_snapshot_steps(query["sql"]) for query in captured.captured_queries]
    assert plans == [
        ["SEARCH assessments_assessment USING COVERING INDEX assessments_tool_co_42766d_idx"
         " (tool_code=?)"],
        ["SEARCH assessments_assessment USING COVERING INDEX assessments_tool_co_42766d_idx"
         " (tool_code=? AND period=?)"],
        ["SEARCH assessments_assessment USING COVERING INDEX assessments_tool_co_42766d_idx"
         " (tool_code=? AND period=?)"],
    ]  # fmt: skip

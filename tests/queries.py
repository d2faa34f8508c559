"""Query-count helper: the number of queries a request makes must not grow with rows."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(request: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        response = request()
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)

"""Jobs used by the jobs tests only (a task must live at module level to be enqueued)."""

from django_tasks import task

CALLS: list[str] = []


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def always_fails(reason: str) -> None:
    raise RuntimeError(reason)

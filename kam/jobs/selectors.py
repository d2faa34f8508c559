"""Reads of background jobs for the administrators' list."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, QuerySet
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.jobs.registry import JOB_LABELS

LIST_FIELDS = (
    "id",
    "status",
    "task_path",
    "enqueued_at",
    "started_at",
    "finished_at",
    "run_after",
    "worker_ids",
    "exception_class_path",
    "traceback",
)


@dataclass(frozen=True)
class JobRow:
    job: DBTaskResult

    @property
    def label(self) -> str:
        return str(JOB_LABELS.get(self.job.task_path, self.job.task_path.rpartition(".")[2]))

    @property
    def attempts(self) -> int:
        return len(self.job.worker_ids)

    @property
    def error(self) -> str:
        """The exception line of the last failure (the traceback's last non-empty line)."""
        lines = [line for line in self.job.traceback.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    @property
    def is_retryable(self) -> bool:
        return self.job.status == TaskResultStatus.FAILED

    @property
    def is_waiting_to_retry(self) -> bool:
        return self.job.status == TaskResultStatus.READY and bool(self.job.traceback)

    @property
    def finished_or_started(self) -> datetime | None:
        return self.job.finished_at or self.job.started_at


def jobs_list(*, status: str = "") -> QuerySet[DBTaskResult]:
    """Newest first; `status` one of the backend's statuses or empty for all."""
    jobs = DBTaskResult.objects.only(*LIST_FIELDS).order_by("-enqueued_at")
    if status in TaskResultStatus.values:
        jobs = jobs.filter(status=status)
    return jobs


def job_counts() -> dict[str, int]:
    counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in TaskResultStatus.values}

"""The periodic jobs: name -> (task, the hour of the day from which it is due, arguments).

A scheduler calls `manage.py enqueue_periodic` (every 15 minutes from cron or a systemd timer;
see README): each job is enqueued once a day, at the first call at or after its hour."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Periodic:
    name: str
    task_path: str
    hour: Callable[[], int]
    kwargs: Callable[[date], dict[str, Any]]


PERIODIC_JOBS: tuple[Periodic, ...] = (
    # An hour before the digests, which list the open alerts.
    Periodic(
        name="refresh_alerts",
        task_path="kam.alerts.tasks.refresh_alerts",
        hour=lambda: max(settings.KAM_DIGEST_HOUR - 1, 0),
        kwargs=lambda day: {"day": day.isoformat()},
    ),
    Periodic(
        name="daily_digests",
        task_path="kam.engagement.digests.tasks.send_daily_digests",
        hour=lambda: settings.KAM_DIGEST_HOUR,
        kwargs=lambda day: {"day": day.isoformat()},
    ),
    # Form tokens and API Idempotency-Keys older than KAM_IDEMPOTENCY_TTL_HOURS.
    Periodic(
        name="purge_idempotency_records",
        task_path="kam.idempotency.tasks.purge_idempotency_records",
        hour=lambda: settings.KAM_DIGEST_HOUR,
        kwargs=lambda day: {},
    ),
)


# What the administrators' job list calls each kind of job (others show their function name).
JOB_LABELS: dict[str, Any] = {
    "kam.engagement.digests.tasks.send_daily_digests": _("Daily digests"),
    "kam.jobs.tasks.check_worker": _("Worker check"),
    "kam.imports.tasks.check_import_batch": _("Import: checking the rows"),
    "kam.imports.tasks.apply_import_batch": _("Import: saving the rows"),
    "kam.documents.tasks.build_document_pack": _("Document pack"),
    "kam.alerts.tasks.refresh_alerts": _("Alerts: computing the alerts"),
    "kam.idempotency.tasks.purge_idempotency_records": _("Forgetting old form tokens"),
}

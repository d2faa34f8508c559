"""`/healthz` for load balancers and supervisors: is the database reachable, are the migrations
applied, has a background worker been seen lately. No sign-in, and nothing but three words."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

from kam.core.outage import CONNECTION_ERRORS, database_is_reachable

_migrations_applied = False  # once they are, they stay applied for this code (cached)


def migrations_state() -> str:
    """ "ok" when no migration of the code is left to apply, else "pending"."""
    global _migrations_applied  # noqa: PLW0603 - a per-process cache of a fact that cannot revert
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_applied = not plan
    return "ok" if _migrations_applied else "pending"


def worker_state(*, now: datetime | None = None) -> str:
    """ "ok" when a background worker started or finished a job within KAM_WORKER_FRESH_SECONDS,
    "stale" when the last one is older, "unknown" when no worker ever ran a job."""
    seen = DBTaskResult.objects.aggregate(started=Max("started_at"), finished=Max("finished_at"))
    times = [moment for moment in seen.values() if moment is not None]
    if not times:
        return "unknown"
    fresh_after = (now or timezone.now()) - timedelta(seconds=settings.KAM_WORKER_FRESH_SECONDS)
    return "ok" if max(times) >= fresh_after else "stale"


def health_report() -> dict[str, str]:
    if not database_is_reachable(is_fresh=False):
        return {"database": "unavailable", "migrations": "unknown", "worker": "unknown"}
    try:
        return {"database": "ok", "migrations": migrations_state(), "worker": worker_state()}
    except CONNECTION_ERRORS:
        return {"database": "unavailable", "migrations": "unknown", "worker": "unknown"}


@require_safe
@never_cache
def healthz_view(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and every migration is applied, else 503; the worker's
    state is reported but does not fail the check (the pages work without it)."""
    report = health_report()
    is_healthy = report["database"] == "ok" and report["migrations"] == "ok"
    return JsonResponse(report, status=200 if is_healthy else 503)

"""The alert refresh as a background job: daily (`manage.py enqueue_periodic`, before the
digests) and on demand for one account."""

from datetime import date

from django_tasks import task

from kam.alerts.services import alerts_refresh


@task()
def refresh_alerts(account_ids: list[int] | None = None, day: str | None = None) -> dict:
    """Recompute the alerts of every account (or of `account_ids`) as of `day` (ISO date,
    default today); returns the counts."""
    result = alerts_refresh(account_ids=account_ids, on=date.fromisoformat(day) if day else None)
    return {"accounts": result.accounts, "found": result.found, "resolved": result.resolved}

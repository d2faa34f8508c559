"""The daily digest as a background job (enqueued once a day by `manage.py enqueue_periodic`)."""

from datetime import date

from django_tasks import task

from kam.engagement.digests.services import digests_send


@task()
def send_daily_digests(day: str) -> int:
    """Send the digests of `day` (ISO date); returns how many were sent."""
    return digests_send(day=date.fromisoformat(day))

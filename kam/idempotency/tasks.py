"""The daily purge of expired form tokens and API keys (`manage.py enqueue_periodic`)."""

from django_tasks import task

from kam.idempotency.services import idempotency_purge


@task()
def purge_idempotency_records() -> dict:
    """Forget the form tokens and Idempotency-Keys older than KAM_IDEMPOTENCY_TTL_HOURS."""
    return {"deleted": idempotency_purge()}

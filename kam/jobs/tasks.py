"""Jobs of the jobs app itself."""

from django.utils import timezone
from django_tasks import task


@task()
def check_worker() -> str:
    """A no-op that proves a worker is running (`manage.py jobs_check`, CI)."""
    return timezone.now().isoformat()

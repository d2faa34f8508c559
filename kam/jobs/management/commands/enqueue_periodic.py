"""`manage.py enqueue_periodic`: enqueue the periodic jobs that are due (the daily digests).

Run it every 15 minutes from cron or a systemd timer (README, "Background jobs"); each job is
enqueued once a day whatever the number of calls or machines. Also hands stale jobs back."""

from typing import Any

from django.core.management.base import BaseCommand

from kam.jobs.services import jobs_reclaim_orphans, periodic_enqueue


class Command(BaseCommand):
    help = "Enqueue the periodic jobs that are due today and not yet enqueued."

    def handle(self, *args: object, **options: Any) -> None:
        jobs_reclaim_orphans()
        names = periodic_enqueue()
        self.stdout.write(f"Enqueued: {', '.join(names)}" if names else "Nothing due.")

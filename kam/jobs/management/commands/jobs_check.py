"""`manage.py jobs_check [--timeout SECONDS]`: enqueue a no-op job and wait for a worker to run
it; exits non-zero when none does in time (CI runs it against PostgreSQL with two workers)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks import TaskResultStatus

from kam.jobs.tasks import check_worker


class Command(BaseCommand):
    help = "Enqueue a no-op job and wait until a worker has run it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=60.0)
        parser.add_argument("--jobs", type=int, default=1, help="how many jobs to enqueue")

    def handle(self, *args: object, **options: Any) -> None:
        results = [check_worker.enqueue() for _ in range(options["jobs"])]
        deadline = time.monotonic() + options["timeout"]
        while time.monotonic() < deadline:
            for result in results:
                result.refresh()
            if all(result.status == TaskResultStatus.SUCCESSFUL for result in results):
                workers = {worker for result in results for worker in result.worker_ids}
                self.stdout.write(
                    f"{len(results)} job(s) done by {len(workers)} worker(s): "
                    + ", ".join(sorted(workers))
                )
                return
            if any(result.status == TaskResultStatus.FAILED for result in results):
                raise CommandError("A check job failed.")
            time.sleep(0.2)
        raise CommandError(f"No worker ran the check job within {options['timeout']} s.")

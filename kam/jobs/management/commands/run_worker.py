"""`manage.py run_worker [db_worker options]`: one background worker.

Hands the jobs of this host's dead workers (and of any worker past its lease) back to the queue,
then runs the django-tasks database backend's worker under a `host:pid` worker id. Start as many
as you like, on as many machines as share the PostgreSQL database.

The worker outlives a database restart: when the database stops answering it waits (1 s, 2 s,
4 s … up to KAM_WORKER_RETRY_MAX_SECONDS), then goes on polling; the job it was running when the
connection broke is handed back to the queue (its work was one transaction, so none was kept)."""

import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

from kam.core.outage import CONNECTION_ERRORS
from kam.jobs.services import jobs_reclaim_orphans, jobs_release_own, worker_id

logger = logging.getLogger("kam.jobs.worker")


class ResilientWorker(Worker):
    """db_worker's polling loop, restarted after a lost database connection instead of exiting."""

    def run(self) -> None:
        first_delay = min(1.0, settings.KAM_WORKER_RETRY_MAX_SECONDS)
        delay = first_delay
        while self.running:
            try:
                super().run()  # returns when done (--batch, --max-tasks) or stopped by a signal
                return
            except CONNECTION_ERRORS as error:
                if not self.running:
                    return
                logger.warning("Database unavailable (%s); retrying in %.0f s", error, delay)
                connections.close_all()
                self._sleep(delay)
                delay = min(delay * 2, settings.KAM_WORKER_RETRY_MAX_SECONDS)
                try:
                    released = jobs_release_own(self.worker_id)
                except CONNECTION_ERRORS:
                    connections.close_all()
                    continue  # still down: wait again
                delay = first_delay
                if released:
                    logger.warning("Handed %d interrupted job(s) back to the queue", released)

    def _sleep(self, seconds: float) -> None:
        """Sleep in short steps so that a stop signal is not kept waiting."""
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(0.2, deadline - time.monotonic()))


class Command(db_worker.Command):
    help = "Recover orphaned jobs, then run a database background worker (db_worker options)."

    def handle(self, *args: object, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        reclaimed = jobs_reclaim_orphans()
        if reclaimed:
            self.stdout.write(f"{reclaimed} orphaned job(s) handed back to the queue.")
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"] and not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id(),
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()

"""`manage.py run_worker [db_worker options]`: one background worker.

Hands the jobs of this host's dead workers (and of any worker past its lease) back to the queue,
then runs the django-tasks database backend's `db_worker` under a `host:pid` worker id. Start as
many as you like, on as many machines as share the PostgreSQL database."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from kam.jobs.services import jobs_reclaim_orphans, worker_id


class Command(BaseCommand):
    help = "Recover orphaned jobs, then run a database background worker (db_worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="stop when the queue is empty")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None, help="stop after N jobs")

    def handle(self, *args: object, **options: Any) -> None:
        reclaimed = jobs_reclaim_orphans()
        if reclaimed:
            self.stdout.write(f"{reclaimed} orphaned job(s) handed back to the queue.")
        argv = ["--worker-id", worker_id(), "--interval", str(options["interval"])]
        if options["batch"]:
            argv += ["--batch", "--no-startup-delay"]
        if options["max_tasks"]:
            argv += ["--max-tasks", str(options["max_tasks"])]
        call_command("db_worker", *argv, verbosity=options["verbosity"])

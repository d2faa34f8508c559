"""`manage.py digest_worker [--once] [--interval SECONDS]`: the background task that sends the
daily digests once a day at settings.KAM_DIGEST_HOUR (local time), sleeping in between."""

import time
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kam.engagement.digests.services import digests_send, is_digest_due

DEFAULT_INTERVAL = 300  # seconds between checks


class Command(BaseCommand):
    help = "Send the daily digests every day at KAM_DIGEST_HOUR; runs until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="check once (send if due) and stop")
        parser.add_argument(
            "--interval", type=int, default=DEFAULT_INTERVAL, help="seconds between checks"
        )

    def tick(self, last_sent: date | None) -> date | None:
        now = timezone.localtime()
        if not is_digest_due(now=now, hour=settings.KAM_DIGEST_HOUR, last_sent=last_sent):
            return last_sent
        count = digests_send(day=now.date())
        self.stdout.write(f"{count} digest(s) sent for {now.date().isoformat()}.")
        return now.date()

    def handle(self, *args: object, **options: Any) -> None:
        last_sent = None
        while True:
            last_sent = self.tick(last_sent)
            if options["once"]:
                return
            time.sleep(max(1, int(options["interval"])))

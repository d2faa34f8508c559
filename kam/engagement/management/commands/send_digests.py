"""`manage.py send_digests [--date YYYY-MM-DD] [--dry-run]`: send the daily digests now."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kam.engagement.digests.services import digests_send


def parse_day(value: str | None) -> date:
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date {value!r} is not a date (YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Send each user their daily digest: upcoming calendar entries and open actions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day of the digest (YYYY-MM-DD); default today")
        parser.add_argument(
            "--dry-run", action="store_true", help="count the digests without sending them"
        )

    def handle(self, *args: object, **options: Any) -> None:
        day = parse_day(options["date"])
        count = digests_send(day=day, is_dry_run=bool(options["dry_run"]))
        verb = "would be sent" if options["dry_run"] else "sent"
        self.stdout.write(f"{count} digest(s) {verb} for {day.isoformat()}.")

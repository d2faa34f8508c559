"""`manage.py backup_database --output PATH`: a consistent online backup of the database.

SQLite: a copy made with the sqlite3 backup API (a SQLite file); PostgreSQL: a `pg_dump
--format=custom` archive. Restore either with `manage.py restore_database --input PATH`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kam.core.backups import BackupError, database_backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database while the site keeps running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="The backup file.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args: object, **options: Any) -> None:
        output: Path = options["output"]
        if output.exists():
            raise CommandError(f"{output} exists already; choose a new file name.")
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a directory.")
        try:
            database_backup(output=output, alias=options["database"])
        except BackupError as error:
            output.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {output} ({output.stat().st_size} bytes).")

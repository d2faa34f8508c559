"""`manage.py restore_database --input PATH [--yes]`: replace the database with a backup.

Stop the web and worker processes first. SQLite: the backup file is copied back with the backup
API; PostgreSQL: `pg_restore --clean --if-exists --no-owner` in a single transaction."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kam.core.backups import BackupError, database_restore
from kam.core.management.commands._confirm import confirm_or_refuse


class Command(BaseCommand):
    help = "Replace the database's content with a backup made by backup_database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="The backup file.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt (refuses unless --yes).",
        )

    def handle(self, *args: object, **options: Any) -> None:
        source: Path = options["input"]
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        confirm_or_refuse(
            yes=options["yes"],
            interactive=options["interactive"],
            what=f"Every table of the database will be replaced by the content of {source}",
        )
        try:
            database_restore(source=source, alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database restored from {source}.")

"""`manage.py copy_database --to URL [--from URL] [--yes]`: a lossless copy between databases,
e.g. from the SQLite file to a new PostgreSQL database (README, "Backup, restore and migration").

The target is migrated, emptied, filled table by table with the source's rows (primary keys and
microseconds kept) in one transaction, its sequences reset; then every table's row count and
checksum are compared with the source's. `--from` defaults to the configured database."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kam.core.backups import BackupError
from kam.core.dbcopy import (
    SOURCE_ALIAS,
    TARGET_ALIAS,
    database_alias,
    database_copy,
    database_migrate,
    table_fingerprints,
)
from kam.core.management.commands._confirm import confirm_or_refuse


class Command(BaseCommand):
    help = "Copy every row of one database into another (SQLite to PostgreSQL), losslessly."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="source", help="Source URL (default: DATABASE_URL).")
        parser.add_argument("--to", dest="target", required=True, help="Target database URL.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt (refuses unless --yes).",
        )

    def handle(self, *args: object, **options: Any) -> None:
        confirm_or_refuse(
            yes=options["yes"],
            interactive=options["interactive"],
            what="Every table of the target database will be emptied and filled from the source",
        )
        try:
            database_migrate(options["target"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        with database_alias(TARGET_ALIAS, options["target"]) as target:
            if options["source"]:
                with database_alias(SOURCE_ALIAS, options["source"]) as source:
                    self._copy(source, target)
            else:
                self._copy("default", target)

    def _copy(self, source: str, target: str) -> None:
        try:
            copied = database_copy(source=source, target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        expected, found = table_fingerprints(source), table_fingerprints(target)
        differing = sorted(table for table in expected if expected[table] != found.get(table))
        if differing:
            raise CommandError(f"The copy differs from the source in: {', '.join(differing)}")
        rows = sum(copied.values())
        self.stdout.write(
            f"Copied {rows} rows in {len(copied)} tables; every table's checksum matches."
        )

"""The confirmation shared by the commands that replace a database's content."""

from django.core.management.base import CommandError


def confirm_or_refuse(*, yes: bool, interactive: bool, what: str) -> None:
    """Go on with --yes, or when a person at a terminal types "yes"; refuse otherwise."""
    if yes:
        return
    if not interactive:
        raise CommandError(f"Refused: {what}. Pass --yes to confirm.")
    answer = input(f"{what}. Type 'yes' to continue: ")
    if answer.strip().lower() != "yes":
        raise CommandError("Cancelled: nothing was changed.")

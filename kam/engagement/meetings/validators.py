"""Checks shared by the activity, meeting-record and action-item services: the people named must
work on the account (its owner or team) or be its contacts, and logged dates are not in the
future. Each raises a ValidationError on the field named."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.people.models import Contact
from kam.users.models import User


def account_worker_ids(account: Account) -> set[int]:
    """The ids of the people who work on the account (its owner and team)."""
    return set(account_workers(account).values_list("pk", flat=True))


def validate_workers(account: Account, users: Iterable[User], field: str) -> None:
    workers = account_worker_ids(account)
    outside = [str(user) for user in users if user.pk not in workers]
    if outside:
        message = _("Not on the account team: {names}.").format(names=", ".join(outside))
        raise ValidationError({field: message})


def validate_contacts(account: Account, contacts: Iterable[Contact], field: str) -> None:
    outside = [contact.name for contact in contacts if contact.account_id != account.pk]
    if outside:
        message = _("Not a contact of this account: {names}.").format(names=", ".join(outside))
        raise ValidationError({field: message})


def validate_not_future(field: str, day: date | None) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future: enter a date up to today.")})

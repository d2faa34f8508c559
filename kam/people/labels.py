"""Display labels of the contact list, translated once per language rather than once per cell."""

from functools import cache
from typing import NamedTuple

from django.utils.translation import get_language, gettext, pgettext

from kam.people.choices import Function
from kam.people.models import Contact
from kam.users.choices import Seniority


class ContactRow(NamedTuple):
    """A contact-list row: the contact and its labels in the active language."""

    contact: Contact
    seniority: str
    function: str


@cache
def _choice_labels(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    del language  # the cache key: the labels below are translated in the active language
    return (
        {value: str(label) for value, label in Seniority.choices},
        {value: str(label) for value, label in Function.choices},
    )


def contact_rows(contacts: list[Contact]) -> list[ContactRow]:
    seniority, function = _choice_labels(get_language())
    return [
        ContactRow(
            contact,
            seniority.get(contact.seniority, contact.seniority),
            function.get(contact.function, contact.function),
        )
        for contact in contacts
    ]


def contact_columns() -> dict[str, str]:
    """The column headings, repeated as each cell's label on a narrow screen."""
    return {
        "name": pgettext("person", "Name"),
        "title": gettext("Title"),
        "account": gettext("Account"),
        "org_unit": gettext("Org unit"),
        "seniority": gettext("Seniority"),
        "function": gettext("Function"),
        "reports_to": gettext("Reports to"),
    }

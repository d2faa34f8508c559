"""The columns of each import kind, how headers and choice labels are recognised in both
languages, and the wording of every row error (kept as a code, shown in the reader's language)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils import translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountStatus, Currency, Industry, Region, TeamRole
from kam.imports.choices import ImportKind
from kam.people.choices import Function
from kam.users.choices import Seniority

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LANGUAGES = ("en", "zh-hans")


@dataclass(frozen=True)
class Column:
    """One column of an import file: its key, header, whether it is required, its choices."""

    key: str
    label: "StrOrPromise"
    required: bool = False
    choices: type[models.Choices] | None = None
    example: str = ""
    help: "StrOrPromise" = ""
    aliases: tuple[str, ...] = field(default=())


CONTACT_COLUMNS = (
    Column("name", pgettext_lazy("person", "Name"), required=True, example="张伟"),
    Column("email", _("Email"), example="zhang.wei@example.com",
           help=_("The key: a row with the e-mail of a contact updates that contact.")),
    Column("title", _("Title"), example="采购总监"),
    Column("org_unit", _("Org unit"), example="集团总部/采购部",
           help=_("The unit's name, or its path from the top: Parent/Unit.")),
    Column("reports_to", _("Reports to"), example="wang.zong@example.com",
           help=_("The manager's e-mail or name (a contact of the account or of this file).")),
    Column("function", _("Function"), choices=Function),
    Column("seniority", _("Level"), choices=Seniority),
    Column("phone", _("Phone"), example="+86 138 0013 8000"),
    Column("notes", _("Notes")),
)  # fmt: skip

ORG_UNIT_COLUMNS = (
    Column("name", _("Unit"), required=True, example="采购部"),
    Column("parent", _("Parent unit"), example="集团总部",
           help=_("The parent's name, or its path from the top: Parent/Unit. Empty: a top unit.")),
    Column("function", _("Function"), choices=Function),
    Column("level", _("Level"), choices=Seniority),
)  # fmt: skip

ACCOUNT_COLUMNS = (
    Column("name", _("Account name"), required=True, example="华东电力集团",
           help=_("The key: a row with the name of an account you may change updates it.")),
    Column("alternate_name", _("Name in the other language"), example="East China Power"),
    Column("industry", _("Industry"), required=True, choices=Industry),
    Column("region", _("Region"), required=True, choices=Region),
    Column("status", _("Status"), choices=AccountStatus),
    Column("owner", _("Account manager (login name)"), help=_("Empty: you.")),
    Column("group", _("Account group"), help=_("The name of an existing account group.")),
    Column("parent", _("Parent account"),
           help=_("The name of an account you can see, or of an account in this file.")),
    Column("currency", _("Currency"), choices=Currency),
    Column("current_revenue", _("Current annual revenue"), example="86000000"),
    Column("description", _("Description")),
)  # fmt: skip

COMPETITOR_COLUMNS = (
    Column("name", _("Competitor"), required=True, example="西门子能源",
           help=_("The key: a row with the name of a competitor updates it.")),
    Column("website", _("Website"), example="https://www.example.com"),
    Column("notes", _("Notes")),
)  # fmt: skip

TEAM_MEMBER_COLUMNS = (
    Column("user", _("Colleague (login name or e-mail)"), required=True, example="member.chen",
           help=_("The key: a colleague already on the team gets the role of this row.")),
    Column("team_role", _("Role on the team"), required=True, choices=TeamRole),
)  # fmt: skip

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.CONTACTS: CONTACT_COLUMNS,
    ImportKind.ORG_UNITS: ORG_UNIT_COLUMNS,
    ImportKind.TEAM_MEMBERS: TEAM_MEMBER_COLUMNS,
    ImportKind.ACCOUNTS: ACCOUNT_COLUMNS,
    ImportKind.COMPETITORS: COMPETITOR_COLUMNS,
}


def normalise(text: object) -> str:
    """A header or a label as compared: no case, no spaces, no required-star, half-width."""
    value = str(text or "").strip().lower().rstrip("*＊").strip()
    return value.replace("（", "(").replace("）", ")").replace(" ", "")


def _in_every_language(text: "StrOrPromise") -> set[str]:
    names = set()
    for language in LANGUAGES:
        with translation.override(language):
            names.add(normalise(str(text)))
    return names


def header_map(kind: str, headers: Iterable[object]) -> dict[int, str]:
    """Column position → column key, for the headers that name a column (in any language)."""
    known: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for name in {column.key, *column.aliases, *_in_every_language(column.label)}:
            known[normalise(name)] = column.key
    return {
        position: known[normalise(header)]
        for position, header in enumerate(headers)
        if normalise(header) in known
    }


def choice_lookup(choices: type[models.Choices]) -> dict[str, object]:
    """Every way a choice may be written (code, English or Chinese label) → its value."""
    lookup: dict[str, object] = {}
    for value, label in choices.choices:
        lookup[normalise(value)] = value
        for name in _in_every_language(label):
            lookup[name] = value
    return lookup


def column_of(kind: str, key: str) -> Column:
    return next(column for column in COLUMNS[kind] if column.key == key)


# The wording of each row error. Parameters: {column} (the column's header), {value} (what the
# cell holds), {line} (another line of the file), {limit}, {choices}, {names}.
ERROR_MESSAGES: dict[str, "StrOrPromise"] = {
    "required": _("{column} is required."),
    "bad_choice": _("“{value}” is not a choice of {column}: use one of {choices}."),
    "too_long": _("{column} has at most {limit} characters."),
    "duplicate": _("The same {column} is already on line {line} of this file."),
    "unknown_org_unit": _("There is no org unit “{value}” in this account: import it first."),
    "ambiguous_org_unit": _("Several org units are called “{value}”: write the path, Parent/Unit."),
    "unknown_contact": _("There is no contact “{value}” in this account or this file."),
    "ambiguous_contact": _("Several contacts are called “{value}”: give the e-mail instead."),
    "reports_to_self": _("A contact cannot report to themselves."),
    "reporting_cycle": _("This reporting line would form a cycle: {names}."),
    "manager_has_errors": _("The manager on line {line} has errors: fix that line first."),
    "unknown_parent_unit": _("There is no unit “{value}” in this account or this file."),
    "ambiguous_parent_unit": _("Several units are called “{value}”: write its path, Parent/Unit."),
    "unit_cycle": _("These units would sit under each other: {names}."),
    "parent_has_errors": _("The parent unit on line {line} has errors: fix that line first."),
    "unknown_owner": _("There is no active user with the login name “{value}”."),
    "unknown_group": _("There is no account group “{value}”."),
    "unknown_account": _("There is no account “{value}” you can see, nor one in this file."),
    "ambiguous_account": _("Several accounts you can see are called “{value}”."),
    "account_cycle": _("These accounts would be each other's parent: {names}."),
    "not_allowed": _("You may look at the account “{value}” but not change it."),
    "owner_change_not_allowed": _("Only the account manager or a director can hand it over."),
    "bad_number": _("“{value}” is not a number."),
    "unknown_user": _("There is no active colleague with the login name or e-mail “{value}”."),
    "owner_role_fixed": _("The account manager's role on the team follows the account."),
}  # fmt: skip


def error_message(kind: str, error: dict) -> str:
    """One stored row error in the active language."""
    params = {key: str(value) for key, value in (error.get("params") or {}).items()}
    code = error["code"]
    column = next((c for c in COLUMNS[kind] if c.key == error.get("column")), None)
    if code == "message":  # a message of the model's own validation, kept as its English msgid
        text = gettext(params.pop("text", ""))
        return text % params if params else text
    if column is not None:
        params.setdefault("column", str(column.label))
        if column.choices is not None:
            params["choices"] = pgettext("list separator", ", ").join(
                str(label) for label in column.choices.labels
            )
    return str(ERROR_MESSAGES[code]).format(**params)


def column_label(kind: str, key: str) -> str:
    column = next((c for c in COLUMNS[kind] if c.key == key), None)
    return str(column.label) if column is not None else ""

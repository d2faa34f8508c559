"""Who may import what: the one rule the pages, the API, the services and the batch reads ask."""

from kam.accounts.access import (
    can_change_account,
    can_create_account,
    can_manage_reference_data,
    can_manage_team,
)
from kam.accounts.models import Account
from kam.imports.choices import ImportKind
from kam.users.models import User

ACCOUNT_KINDS = (ImportKind.CONTACTS, ImportKind.ORG_UNITS, ImportKind.TEAM_MEMBERS)
PORTFOLIO_KINDS = (ImportKind.ACCOUNTS, ImportKind.COMPETITORS)


def can_import(user: User, *, kind: str, account: Account | None) -> bool:
    """Contacts and org units: whoever may change the account; its team: who may manage the
    team. Accounts: who may create them; competitors: who keeps the reference data."""
    if kind == ImportKind.ACCOUNTS:
        return account is None and can_create_account(user)
    if kind == ImportKind.COMPETITORS:
        return account is None and can_manage_reference_data(user)
    if kind == ImportKind.TEAM_MEMBERS:
        return account is not None and can_manage_team(user, account)
    return account is not None and can_change_account(user, account)

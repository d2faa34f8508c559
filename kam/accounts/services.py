"""Writes on accounts, account teams, account groups and competitors. Every write is audited."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kam.accounts.access import (
    can_change_account,
    can_create_account,
    can_manage_reference_data,
    can_manage_team,
    require,
)
from kam.accounts.choices import TeamRole
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.audit.choices import AuditAction
from kam.audit.services import (
    audit_record,
    audit_snapshot,
    audited_create,
    audited_delete,
    audited_update,
)
from kam.core.exceptions import ApplicationError
from kam.core.services import model_update
from kam.handover.services import handover_on_account_manager_change
from kam.users.models import User

ACCOUNT_FIELDS = [
    "name",
    "alternate_name",
    "parent",
    "group",
    "industry",
    "region",
    "status",
    "owner",
    "currency",
    "current_revenue",
    "description",
]


@dataclass(frozen=True, kw_only=True)
class AccountInput:
    """What a new key account is made of: the fields of `ACCOUNT_FIELDS`."""

    name: str
    industry: str
    region: str
    owner: User
    status: str = "active"
    currency: str = "CNY"
    current_revenue: Decimal = Decimal("0")
    alternate_name: str = ""
    parent: Account | None = None
    group: AccountGroup | None = None
    description: str = ""


@transaction.atomic
def account_create(*, actor: User, data: AccountInput) -> Account:
    """Create a key account; its owner joins its team as account manager."""
    require(can_create_account(actor))
    account = Account(**{name: getattr(data, name) for name in ACCOUNT_FIELDS})
    account.full_clean()
    account.save()
    AccountTeamMembership.objects.create(
        account=account, user=data.owner, team_role=TeamRole.ACCOUNT_MANAGER
    )
    audit_record(
        actor=actor,
        instance=account,
        action=AuditAction.CREATE,
        changes=audit_snapshot(account, ACCOUNT_FIELDS),
        account_uuid=account.uuid,
    )
    return account


@transaction.atomic
def account_update(
    *,
    actor: User,
    account: Account,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> Account:
    require(can_change_account(actor, account))
    if "owner" in data and data["owner"] != account.owner and not can_manage_team(actor, account):
        raise ApplicationError(
            _("Only the account manager or a director can hand an account over.")
        )
    previous_owner = account.owner
    account, changes = model_update(
        instance=account, data=data, fields=ACCOUNT_FIELDS, expected_version=expected_version
    )
    if "owner" in changes:
        AccountTeamMembership.objects.get_or_create(
            account=account, user=account.owner, defaults={"team_role": TeamRole.ACCOUNT_MANAGER}
        )
        handover_on_account_manager_change(
            actor=actor, account=account, previous_owner=previous_owner
        )
    audit_record(
        actor=actor,
        instance=account,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=account.uuid,
    )
    return account


@transaction.atomic
def account_delete(*, actor: User, account: Account) -> None:
    require(can_manage_team(actor, account))
    if account.subsidiaries.exists():
        raise ApplicationError(_("Move or delete the subsidiaries of this account first."))
    try:
        audited_delete(actor=actor, instance=account, changes={}, account_uuid=account.uuid)
    except ProtectedError as error:
        raise ApplicationError(_("This account is still referenced by other records.")) from error


@transaction.atomic
def team_member_add(
    *, actor: User, account: Account, user: User, team_role: str
) -> AccountTeamMembership:
    require(can_manage_team(actor, account))
    if AccountTeamMembership.objects.filter(account=account, user=user).exists():
        raise ApplicationError(
            _("{user} is already on this account team.").format(user=user), code="duplicate"
        )
    return audited_create(
        actor=actor,
        instance=AccountTeamMembership(account=account, user=user, team_role=team_role),
        fields=["user", "team_role"],
        account_uuid=account.uuid,
    )


@transaction.atomic
def team_member_set_role(
    *, actor: User, membership: AccountTeamMembership, team_role: str
) -> AccountTeamMembership:
    """Change a colleague's role on the team (the account manager keeps theirs)."""
    account = membership.account
    require(can_manage_team(actor, account))
    if membership.user_id == account.owner_id and team_role != membership.team_role:
        raise ApplicationError(
            _("The account manager's role on the team follows the account."), code="owner_role"
        )
    return audited_update(
        actor=actor,
        instance=membership,
        data={"team_role": team_role},
        fields=["team_role"],
        account_uuid=account.uuid,
    )


@transaction.atomic
def team_member_remove(*, actor: User, membership: AccountTeamMembership) -> None:
    account = membership.account
    require(can_manage_team(actor, account))
    if membership.user_id == account.owner_id:
        raise ApplicationError(
            _("The account manager stays on the team; hand the account over first.")
        )
    audited_delete(
        actor=actor,
        instance=membership,
        changes={"user": [str(membership.user), None]},
        account_uuid=account.uuid,
    )


GROUP_FIELDS = ["name", "description"]


@transaction.atomic
def account_group_create(*, actor: User, name: str, description: str = "") -> AccountGroup:
    require(can_manage_reference_data(actor))
    return audited_create(
        actor=actor,
        instance=AccountGroup(name=name, description=description),
        fields=GROUP_FIELDS,
    )


@transaction.atomic
def account_group_update(
    *,
    actor: User,
    group: AccountGroup,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> AccountGroup:
    require(can_manage_reference_data(actor))
    return audited_update(
        actor=actor,
        instance=group,
        data=data,
        fields=GROUP_FIELDS,
        expected_version=expected_version,
    )


COMPETITOR_FIELDS = ["name", "website", "notes"]


@transaction.atomic
def competitor_create(*, actor: User, name: str, website: str = "", notes: str = "") -> Competitor:
    require(can_manage_reference_data(actor))
    return audited_create(
        actor=actor,
        instance=Competitor(name=name, website=website, notes=notes),
        fields=COMPETITOR_FIELDS,
    )


@transaction.atomic
def competitor_update(
    *,
    actor: User,
    competitor: Competitor,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> Competitor:
    require(can_manage_reference_data(actor))
    return audited_update(
        actor=actor,
        instance=competitor,
        data=data,
        fields=COMPETITOR_FIELDS,
        expected_version=expected_version,
    )

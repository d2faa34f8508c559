"""The one place that decides who may see or change an account and everything hanging from it.

Rules:
* administrators and KAM directors see and change every account;
* key account managers and account team members see the accounts they own or whose team they are
  on, and change those;
* viewers see the accounts whose team they are on and change nothing.

An account a user may not see does not exist for them (404). An account they may see but not
change answers 403 to a change, and nothing is written.
"""

import uuid
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from kam.accounts.models import Account, AccountTeamMembership
from kam.users.choices import ACCOUNT_CREATOR_ROLES, PORTFOLIO_ROLES, Role
from kam.users.models import User

ModelT = TypeVar("ModelT", bound=models.Model)


def _team_account_ids(user: User) -> models.QuerySet:
    return AccountTeamMembership.objects.filter(user=user).values("account_id")


def visible_account_filter(user: User, *, prefix: str = "") -> models.Q:
    """A Q that keeps rows whose account (reached through `prefix`) the user may see."""
    if not user.is_authenticated or not user.is_active:
        return models.Q(pk__in=[])
    if user.role in PORTFOLIO_ROLES:
        return models.Q()
    return models.Q(**{f"{prefix}owner": user}) | models.Q(
        **{f"{prefix}pk__in": _team_account_ids(user)}
    )


def accounts_visible_to(user: User) -> models.QuerySet[Account]:
    return Account.objects.filter(visible_account_filter(user))


def scope_to_visible_accounts(
    queryset: models.QuerySet[ModelT], user: User, *, account_path: str = "account"
) -> models.QuerySet[ModelT]:
    """Keep the rows of `queryset` whose account (at `account_path`) the user may see."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.role in PORTFOLIO_ROLES:
        return queryset
    return queryset.filter(**{f"{account_path}__in": accounts_visible_to(user).values("pk")})


def can_administer_portfolio(user: User) -> bool:
    """Directors and administrators: portfolio-wide settings, policies, templates and approvals."""
    return user.is_authenticated and user.is_active and user.role in PORTFOLIO_ROLES


def can_administer_system(user: User) -> bool:
    """Administrators (and superusers): the background jobs and other system-wide operations."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.role == Role.ADMINISTRATOR or user.is_superuser)
    )


def account_workers(account: Account) -> models.QuerySet[User]:
    """The people who work on this account: its owner and its team members."""
    return User.objects.filter(
        models.Q(pk=account.owner_id) | models.Q(pk__in=_team_user_ids(account))
    )


def _team_user_ids(account: Account) -> models.QuerySet:
    return AccountTeamMembership.objects.filter(account=account).values("user_id")


def is_account_worker(user: User, account: Account) -> bool:
    """True when the user is the account's owner or on its team."""
    if account.owner_id == user.pk:
        return True
    return AccountTeamMembership.objects.filter(account=account, user=user).exists()


def can_read_all_personal_data(user: User) -> bool:
    """KAM directors only (not administrators) read every contact's personal-relationship data
    (spec T9.3: "visible to the owner and managers only")."""
    return user.is_authenticated and user.is_active and user.role == Role.DIRECTOR


def is_read_only(user: User) -> bool:
    """Viewers change nothing anywhere: every write they send is refused before it is read."""
    return user.is_authenticated and user.role == Role.VIEWER


def can_create_account(user: User) -> bool:
    return user.is_authenticated and user.role in ACCOUNT_CREATOR_ROLES


def can_change_account(user: User, account: Account) -> bool:
    """True when the user may change the account and its records (it must be visible to them)."""
    if not user.is_authenticated or user.role == Role.VIEWER:
        return False
    return user.role in PORTFOLIO_ROLES or is_account_worker(user, account)


def can_manage_team(user: User, account: Account) -> bool:
    """Only the owner, directors and administrators add or remove team members."""
    if not user.is_authenticated or user.role == Role.VIEWER:
        return False
    return user.role in PORTFOLIO_ROLES or account.owner_id == user.pk


def can_set_relationship_owner(user: User, account: Account) -> bool:
    """Who names our relationship owner of a contact (and so who reads that contact's personal
    fields): the account's owner, directors and administrators — never a team member or a
    viewer, whether they name themselves or someone else."""
    if not user.is_authenticated or not user.is_active or user.role == Role.VIEWER:
        return False
    return user.role in PORTFOLIO_ROLES or account.owner_id == user.pk


def require_set_relationship_owner(user: User, account: Account) -> None:
    if not can_set_relationship_owner(user, account):
        raise PermissionDenied(
            _(
                "Only the account's owner, a director or an administrator may change the "
                "relationship owner."
            )
        )


def can_record_answers_for(user: User, account: Account, assessor: User) -> bool:
    """Whose answers the user may record in an assessment of the account. Everyone who may change
    the account records their own answers; the account's owner, directors and administrators may
    also record answers on behalf of a colleague who works on the account (its owner or a team
    member; e.g. the scores a workshop agreed). A team member never records them in someone
    else's name."""
    if not can_change_account(user, account):
        return False
    if assessor.pk == user.pk:
        return True
    if not (user.role in PORTFOLIO_ROLES or account.owner_id == user.pk):
        return False
    return is_account_worker(assessor, account)


def can_manage_reference_data(user: User) -> bool:
    """Competitors and account groups are shared by the whole portfolio."""
    return user.is_authenticated and user.role in ACCOUNT_CREATOR_ROLES


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may look at this but not change it."))


def parse_uuid(value: uuid.UUID | str) -> uuid.UUID:
    """The id a URL or form gave; one that is not a UUID (`?from=abc`) names nothing: 404."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError, AttributeError) as error:
        raise Http404(_("Not found.")) from error


def account_get_for_user(
    user: User, account_uuid: uuid.UUID | str, *, for_change: bool = False
) -> Account:
    """Load an account the user may see (else 404); for_change: one they may change (else 403)."""
    account = (
        accounts_visible_to(user)
        .select_related("owner", "group", "parent")
        .filter(uuid=parse_uuid(account_uuid))
        .first()
    )
    if account is None:
        raise Http404(_("No such account."))
    if for_change:
        require(can_change_account(user, account))
    return account


def object_get_for_user(
    user: User,
    queryset: models.QuerySet[ModelT],
    object_uuid: uuid.UUID | str,
    *,
    account_path: str = "account",
    for_change: bool = False,
) -> ModelT:
    """Load a record that hangs from an account, through the same rules as its account."""
    instance = (
        scope_to_visible_accounts(queryset, user, account_path=account_path)
        .filter(uuid=parse_uuid(object_uuid))
        .first()
    )
    if instance is None:
        raise Http404(_("Not found."))
    if for_change:
        account = instance
        for part in account_path.split("__"):
            account = getattr(account, part)
        require(can_change_account(user, account))  # type: ignore[arg-type]  # found at account_path
    return instance

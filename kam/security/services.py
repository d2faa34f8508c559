"""Writes of sign-in security: the audit entries of password checks, and unlocking a pair.

django-axes counts the failures and refuses a locked username + address (its authentication
backend comes first); these functions put what happened into our audit trail."""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kam.audit.choices import AuditAction
from kam.audit.services import audit_sign_in_event
from kam.core.exceptions import ApplicationError
from kam.security.addresses import client_address
from kam.users.models import User


def lockout_is_active(*, request: HttpRequest, username: str) -> bool:
    """Whether this username is locked from the request's address (before a password check)."""
    return AxesProxyHandler.is_locked(request, {"username": username})


def sign_in_record_success(*, request: HttpRequest, user: User) -> None:
    audit_sign_in_event(
        actor=user,
        action=AuditAction.SIGN_IN,
        user=user,
        username=user.username,
        address=client_address(request),
    )


def sign_in_record_failure(*, request: HttpRequest, username: str, was_locked: bool) -> None:
    """A refused password check: the failure (marked when the pair was locked already), and a
    lockout entry when this failure is the one that locked the pair."""
    user = User.objects.filter(username=username).first()
    address = client_address(request)
    audit_sign_in_event(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        user=user,
        username=username,
        address=address,
        changes={"locked": [None, True]} if was_locked else None,
    )
    # AxesMiddleware turns a request marked this way into the lockout page.
    if not was_locked and getattr(request, "axes_locked_out", False):
        audit_sign_in_event(
            actor=None, action=AuditAction.LOCKOUT, user=user, username=username, address=address
        )


def password_confirm(*, request: HttpRequest, user: User, password: str) -> bool:
    """Check a signed-in user's password again (before a sensitive step such as creating an API
    token), under the same lockout rule and audit as signing in."""
    was_locked = lockout_is_active(request=request, username=user.username)
    checked = authenticate(request, username=user.username, password=password)
    if checked is not None and checked.pk == user.pk:
        return True
    sign_in_record_failure(request=request, username=user.username, was_locked=was_locked)
    return False


@transaction.atomic
def lockout_release(*, actor: User, username: str, address: str | None) -> None:
    """Forget the failures of one username + address pair, so it may sign in again at once."""
    deleted, _rows = AccessAttempt.objects.filter(username=username, ip_address=address).delete()
    if not deleted:
        raise ApplicationError(_("This sign-in is not locked (any more)."), code="not_locked")
    audit_sign_in_event(
        actor=actor,
        action=AuditAction.UNLOCK,
        user=User.objects.filter(username=username).first(),
        username=username,
        address=address,
    )

"""Template filters over kam.accounts.access, so templates ask the same questions as views."""

from django import template

from kam.accounts import access
from kam.users.models import User

register = template.Library()


@register.filter
def can_administer_portfolio(user: object) -> bool:
    """`{% if user|can_administer_portfolio %}`: directors and administrators. Anything but a
    signed-in user (anonymous, or no user in the context of an error page) is refused."""
    return isinstance(user, User) and access.can_administer_portfolio(user)


@register.filter
def can_administer_system(user: object) -> bool:
    """`{% if user|can_administer_system %}`: administrators (the background jobs)."""
    return isinstance(user, User) and access.can_administer_system(user)

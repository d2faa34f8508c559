from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Sign-in security: the client's address, the sign-in audit entries, the lockout page and
    the administrators' list of locked sign-ins (django-axes does the counting)."""

    name = "kam.security"
    verbose_name = _("Sign-in security")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "kam.users"
    verbose_name = _("Users")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from kam.users.sessions import session_renew_on_sign_in

        user_logged_in.connect(session_renew_on_sign_in, dispatch_uid="kam.users.session_renew")

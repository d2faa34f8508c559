from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kam.core.forms import StyledFormMixin
from kam.security.services import password_confirm
from kam.users.choices import SocialStyle, TokenScope

# The lifetimes a new token may get (days); the configured default is always one of them.
TOKEN_LIFETIMES_DAYS = (7, 30, 90, 180, 365)


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    """The old password is checked under the sign-in lockout rule (wrong ones count, a locked
    user name + address is refused)."""

    def __init__(self, *args: object, request: HttpRequest, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_confirm(request=self.request, user=self.user, password=old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


def token_lifetime_choices() -> list[tuple[int, str]]:
    days = sorted({*TOKEN_LIFETIMES_DAYS, settings.KAM_API_TOKEN_DEFAULT_DAYS})
    return [
        (count, ngettext("%(count)d day", "%(count)d days", count) % {"count": count})
        for count in days
    ]


class ApiTokenForm(StyledFormMixin, forms.Form):
    """A new token: its name, what it may do, how long it lives, and the user's password (a
    stolen session alone cannot make a token; wrong passwords count towards the sign-in lock)."""

    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Power BI export”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        help_text=_("A read token cannot create, change or delete anything."),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, choices=token_lifetime_choices
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_in_days"].initial = settings.KAM_API_TOKEN_DEFAULT_DAYS


class SocialStyleForm(StyledFormMixin, forms.Form):
    """The user's own social style (used for the diagonal-clash warning on key-person cards)."""

    social_style = forms.ChoiceField(
        label=_("My social style"),
        required=False,
        choices=[("", _("I do not know")), *SocialStyle.choices],
        help_text=_(
            "Key-person cards warn you when your style is diagonal to the contact's "
            "(analytical–expressive, amiable–driver)."
        ),
    )

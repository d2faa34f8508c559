from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from kam.core.forms import StyledFormMixin
from kam.users.choices import SocialStyle


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Power BI export”."),
    )


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

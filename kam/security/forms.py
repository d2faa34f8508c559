from django import forms


class LockoutReleaseForm(forms.Form):
    """The locked pair an administrator unlocks (hidden fields of the lockout list's rows)."""

    username = forms.CharField(max_length=255)
    address = forms.GenericIPAddressField(required=False)

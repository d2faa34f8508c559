"""The engagement settings as a form."""

from django import forms

from kam.core.forms import StyledFormMixin
from kam.engagement.models import EngagementSettings
from kam.engagement.settings.services import SETTINGS_FIELDS


class EngagementSettingsForm(StyledFormMixin, forms.ModelForm):
    """Validates a throwaway copy of the current settings; the service adds the new row."""

    version = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = EngagementSettings
        fields = SETTINGS_FIELDS

    def settings_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in SETTINGS_FIELDS}

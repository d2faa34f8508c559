"""Form helpers shared by the domain apps."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class StyledFormMixin:
    """Adds the CSS classes the templates expect and marks invalid fields for screen readers.

    Validation must not run in __init__: subclasses narrow their querysets after super().__init__.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = "input"
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "select"
            elif isinstance(widget, forms.Textarea):
                css = "textarea"
            elif isinstance(widget, forms.CheckboxInput):
                css = "checkbox"
            widget.attrs.setdefault("class", css)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class VersionedFormMixin:
    """Carries the `updated_at` the user saw, so that a save over someone else's is refused."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        instance = getattr(self, "instance", None)
        initial = instance.updated_at.isoformat() if instance and instance.pk else ""
        self.fields["version"] = forms.CharField(  # type: ignore[attr-defined]
            widget=forms.HiddenInput, required=False, initial=initial
        )

    def clean_version(self) -> datetime | None:
        value = self.cleaned_data.get("version")  # type: ignore[attr-defined]
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError as error:
            raise forms.ValidationError(_("The form is damaged: reload the page.")) from error

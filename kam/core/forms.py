"""Form helpers shared by the domain apps."""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

FieldType = TypeVar("FieldType", bound=forms.Field)

# The mixins only ever precede a Form or ModelForm: type-check them as one.
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    FormMixinBase = forms.BaseForm
else:
    FormMixinBase = object


def choices_with_blank(
    label: "StrOrPromise", choices: Sequence[tuple[str, "StrOrPromise"]]
) -> list[tuple[str, "StrOrPromise"]]:
    """The choices after a first, empty choice shown as `label` (e.g. "—")."""
    return [("", label), *choices]


def filter_choice(
    label: "StrOrPromise",
    all_label: "StrOrPromise",
    choices: Sequence[tuple[str, "StrOrPromise"]],
) -> forms.ChoiceField:
    """An optional filter of a list page: `choices` after an empty first choice `all_label`
    (e.g. "All categories"), which keeps every row."""
    return forms.ChoiceField(
        label=label, required=False, choices=choices_with_blank(all_label, choices)
    )


def form_field(form: forms.BaseForm, name: str, kind: type[FieldType]) -> FieldType:
    """The form's field `name`, known to be a `kind` (to narrow its queryset or choices)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is not a {kind.__name__}")
    return field


class StyledFormMixin(FormMixinBase):
    """Adds the CSS classes the templates expect and marks invalid fields for screen readers.

    Validation must not run in __init__: subclasses narrow their querysets after super().__init__.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
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
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class VersionedFormMixin(FormMixinBase):
    """Carries the `updated_at` the user saw, so that a save over someone else's is refused."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        initial = instance.updated_at.isoformat() if instance and instance.pk else ""
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=initial
        )

    def clean_version(self) -> datetime | None:
        value = self.cleaned_data.get("version")
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError as error:
            raise forms.ValidationError(_("The form is damaged: reload the page.")) from error

"""Form helpers shared by the domain apps."""

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.db import models
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kam.lib.sorting import active_name_key

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


# <input type=date|datetime-local|time> only accepts ISO values: a localised format (中文 writes
# 2026/12/04) would leave the field empty and lose the pre-filled value on submit.
ISO_DATE_FORMAT = "%Y-%m-%d"
ISO_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
ISO_TIME_FORMAT = "%H:%M"


class DateInput(forms.DateInput):
    """A browser date picker that renders its value as ISO in every language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or ISO_DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """A browser date-and-time picker that renders its value as ISO in every language."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or ISO_DATETIME_FORMAT)


class TimeInput(forms.TimeInput):
    """A browser time picker (hours and minutes) in every language."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or ISO_TIME_FORMAT)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A plain <select multiple> that kam/static/js/forms.js turns into a searchable picker
    (Tom Select); without JavaScript it still works as a list."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        texts = {
            "data-searchable": "",
            "data-placeholder": _("Type to search…"),
            "data-no-results": _("No match."),
            "data-remove-label": _("Remove"),
        }
        super().__init__({**texts, **(attrs or {})}, choices)


def _iso_format(widget: forms.Widget) -> str | None:
    """The ISO format a date/time widget must render, whatever the language's format."""
    if isinstance(widget, forms.DateTimeInput):
        return ISO_DATETIME_FORMAT
    if isinstance(widget, forms.DateInput):
        return ISO_DATE_FORMAT
    if isinstance(widget, forms.TimeInput):
        return ISO_TIME_FORMAT
    return None


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


def is_picked_by_name(model: type[models.Model] | None) -> bool:
    """People, accounts, org units…: a model that says its pickers list it by name."""
    return bool(getattr(model, "PICKED_BY_NAME", False))


class NameOrderIterator(ModelChoiceIterator):
    """The choices of a picker of people, accounts or org units in the active language's name
    order (pinyin in 中文, Latin names among them), whatever order its queryset has."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = sorted(
            self.queryset, key=lambda item: active_name_key(getattr(item, "name", "") or str(item))
        )
        for item in objects:
            yield self.choice(item)


class StyledFormMixin(FormMixinBase):
    """Adds the CSS classes the templates expect, renders every date/time widget in ISO (the
    only format browser pickers accept) and marks invalid fields for screen readers.

    Pickers of people, accounts and org units list their choices by name in the active
    language's order (pinyin in 中文).

    Validation must not run in __init__: subclasses narrow their querysets after super().__init__.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and is_picked_by_name(
                getattr(field.queryset, "model", None)
            ):
                field.iterator = NameOrderIterator
                field.widget.choices = field.choices
            widget = field.widget
            css = "input"
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "select"
            elif isinstance(widget, forms.Textarea):
                css = "textarea"
            elif isinstance(widget, forms.CheckboxInput):
                css = "checkbox"
            widget.attrs.setdefault("class", css)
            iso_format = _iso_format(widget)
            if iso_format is not None:
                widget.format = iso_format

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


def name_row_controls(
    form: forms.BaseForm, row: "StrOrPromise", names: Iterable[str] | None = None
) -> None:
    """Name each control of a table row that has no <label> of its own after its row and its
    column ("Issue 2: Domain", "问题 2：领域"), so a screen reader says which row the control is
    in; the column is the field's label. `names` defaults to every field of the form."""
    for name in form.fields if names is None else names:
        field = form.fields[name]
        if not field.widget.is_hidden:
            field.widget.attrs["aria-label"] = gettext("{row}: {column}").format(
                row=row, column=field.label
            )


class RowFormSet(forms.BaseFormSet):
    """A formset laid out as a table, one form per row and no <label> per control: every control
    is named after its row (`row_name`, numbered from 1) and its column."""

    row_name: "StrOrPromise" = _("Row {number}")

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if index is not None:  # not the empty form that scripts copy
            name_row_controls(form, str(self.row_name).format(number=index + 1))


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

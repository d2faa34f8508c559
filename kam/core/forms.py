"""Form helpers shared by the domain apps."""

from django import forms


class StyledFormMixin:
    """Adds the CSS classes the templates expect and marks invalid fields for screen readers."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            css = "input"
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "select"
            elif isinstance(widget, forms.Textarea):
                css = "textarea"
            elif isinstance(widget, forms.CheckboxInput):
                css = "checkbox"
            widget.attrs.setdefault("class", css)
            if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] += " is-invalid"

"""The upload form: what to import and the file; the file is read (and refused) here, so every
problem with it shows next to the file field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kam.core.forms import StyledFormMixin
from kam.imports.choices import ImportKind
from kam.imports.reader import read_upload


class UploadForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            ".xlsx or .csv with the template's header row; contacts also from vCard (.vcf)."
        ),
    )

    def __init__(self, *args: object, kinds: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [(kind, ImportKind(kind).label) for kind in kinds]
        if len(kinds) == 1:
            kind_field.initial = kinds[0]
            kind_field.widget = forms.HiddenInput()
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv,.vcf"

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is not None and kind:
            try:
                cleaned["parsed"] = read_upload(upload, str(kind))
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned

"""Narrowing an account's history: by record type and by the person who made the change."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from kam.audit.selectors import AuditFilterChoices, record_type_label
from kam.core.forms import StyledFormMixin, filter_choice
from kam.users.models import User


def record_type_key(record_type: ContentType) -> str:
    return f"{record_type.app_label}.{record_type.model}"


class AuditFilterForm(StyledFormMixin, forms.Form):
    """Filters of the history tab; a value not in the history is ignored, never a 500."""

    record_type = filter_choice(_("Record type"), _("All record types"), [])
    user = filter_choice(_("Changed by"), _("Everyone"), [])

    def __init__(self, *args: object, choices: AuditFilterChoices, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._record_types = {record_type_key(item): item for item in choices.record_types}
        self._actors = {str(user.uuid): user for user in choices.actors}
        record_type_field = self.fields["record_type"]
        user_field = self.fields["user"]
        assert isinstance(record_type_field, forms.ChoiceField)
        assert isinstance(user_field, forms.ChoiceField)
        record_type_field.choices = [
            ("", _("All record types")),
            *((key, record_type_label(item)) for key, item in self._record_types.items()),
        ]
        user_field.choices = [
            ("", _("Everyone")),
            *((key, str(user)) for key, user in self._actors.items()),
        ]

    def selected(self) -> tuple[ContentType | None, User | None]:
        """The chosen record type and user (None when not chosen or not valid)."""
        if not self.is_valid():
            return None, None
        return (
            self._record_types.get(self.cleaned_data.get("record_type") or ""),
            self._actors.get(self.cleaned_data.get("user") or ""),
        )

"""Forms of the needs register: the need itself, the list filters, and the address action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.forms import (
    StyledFormMixin,
    VersionedFormMixin,
    choices_with_blank,
    filter_choice,
    form_field,
)
from kam.engagement.choices import IssueDomain
from kam.needs.choices import IcebergLayer, Kano, NeedStatus, NeedVisibility
from kam.needs.models import Need
from kam.needs.selectors import NeedFilters
from kam.needs.services import NeedInput
from kam.people.models import Contact

FORM_FIELDS = [
    "title",
    "description",
    "level",
    "contact",
    "visibility",
    "iceberg_layer",
    "source",
    "domain",
    "importance",
    "our_fit",
    "urgency",
    "kano",
]
SCORE_CHOICES = [(value, str(value)) for value in range(1, 6)]
SCORE_HELP = {
    "importance": _("1 = nice to have · 5 = critical to the customer"),
    "our_fit": _("1 = we cannot serve it · 5 = we serve it fully"),
    "urgency": _("1 = some day · 5 = now"),
}


class NeedForm(StyledFormMixin, VersionedFormMixin, forms.ModelForm):
    """What the customer needs, where it sits on the iceberg, and how it scores."""

    class Meta:
        model = Need
        fields = FORM_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, account: Account, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact_field = form_field(self, "contact", forms.ModelChoiceField)
        contact_field.queryset = Contact.objects.filter(account=account).order_by("name")
        contact_field.to_field_name = "uuid"  # public ids in the page, never the primary key
        contact_field.empty_label = "—"
        if self.instance.contact_id:
            self.initial["contact"] = self.instance.contact.uuid
        contact_field.help_text = _("Required for a personal need.")
        for name, help_text in SCORE_HELP.items():
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=SCORE_CHOICES,
                coerce=int,
                initial=3,
                help_text=help_text,
                widget=forms.Select(attrs={"class": "select"}),
            )
        form_field(self, "kano", forms.ChoiceField).choices = choices_with_blank("—", Kano.choices)

    def _post_clean(self) -> None:
        # The service validates the model and saves; validating here would change the instance
        # before the service compares it (and leave nothing to audit).
        pass

    def need_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FORM_FIELDS}

    def need_input(self, **extra: Any) -> NeedInput:
        return NeedInput(**self.need_data(), **extra)


class NeedFilterForm(StyledFormMixin, forms.Form):
    """The filters of the account's needs list (a layer also comes from the iceberg)."""

    layer = filter_choice(_("Iceberg layer"), _("All layers"), IcebergLayer.choices)
    visibility = filter_choice(_("Explicit or implicit"), _("All needs"), NeedVisibility.choices)
    status = filter_choice(_("Status"), _("All statuses"), NeedStatus.choices)
    contact = forms.ChoiceField(label=_("Contact"), required=False)

    def __init__(self, *args: Any, contacts: list[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "contact", forms.ChoiceField).choices = choices_with_blank(
            _("All contacts"), [(str(contact.uuid), contact.name) for contact in contacts]
        )

    def filters(self) -> NeedFilters:
        if not self.is_valid():
            return NeedFilters()
        data = self.cleaned_data
        return NeedFilters(
            layer=data["layer"],
            visibility=data["visibility"],
            status=data["status"],
            contact_uuid=data["contact"],
        )


class NeedAddressForm(StyledFormMixin, forms.Form):
    """The domain of the matching item that will address the need."""

    domain = forms.ChoiceField(label=_("Domain of the matching item"), choices=IssueDomain.choices)

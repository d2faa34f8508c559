"""Forms of the alert centre: its filters, and the thresholds of the rules."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.alerts.choices import AlertSeverity
from kam.alerts.models import AlertRules
from kam.alerts.registry import kind_choices
from kam.alerts.selectors import AlertFilters
from kam.core.forms import StyledFormMixin, filter_choice, form_field
from kam.users.models import User

RULES_FORM_FIELDS = ["plan_due_month", "plan_due_day", "review_overdue_days", "off_track_below"]


class AlertFilterForm(StyledFormMixin, forms.Form):
    """Filters of the alert centre; bad values are ignored, never a 500. The manager filter is
    for those who see several managers' accounts (directors)."""

    kind = filter_choice(pgettext_lazy("alert", "Kind"), _("All kinds"), [])
    severity = filter_choice(_("Severity"), _("All severities"), AlertSeverity.choices)
    manager = forms.ModelChoiceField(
        label=_("Account manager"),
        required=False,
        queryset=User.objects.none(),
        to_field_name="uuid",
        empty_label=_("All account managers"),
    )
    account = forms.CharField(label=_("Account"), required=False, max_length=100)

    def __init__(self, *args: Any, managers: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "kind", forms.ChoiceField).choices = [
            ("", _("All kinds")),
            *kind_choices(),
        ]
        if managers is None:
            del self.fields["manager"]
        else:
            form_field(self, "manager", forms.ModelChoiceField).queryset = managers

    def filters(self) -> AlertFilters:
        if not self.is_valid():
            return AlertFilters()
        data = self.cleaned_data
        manager = data.get("manager")
        return AlertFilters(
            kind=data.get("kind") or "",
            severity=data.get("severity") or "",
            manager_uuid=str(manager.uuid) if manager else "",
            account_query=(data.get("account") or "").strip(),
        )


class AlertRulesForm(StyledFormMixin, forms.ModelForm):
    """Validates a throwaway copy of the thresholds in force; the service adds the new row."""

    version = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AlertRules
        fields = RULES_FORM_FIELDS

    def rules_data(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in RULES_FORM_FIELDS}

"""Forms of the PDCA cycles: a new cycle, and one form per phase's section. Every form of an
existing cycle carries the version the user saw, so a save over someone else's is refused."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.broad.choices import BroadKpi
from kam.core.forms import StyledFormMixin
from kam.pdca.choices import Cadence
from kam.pdca.models import PdcaCycle

TEXT = 5000


def _text(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _focus_kpis() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Focus KPIs"),
        required=False,
        choices=BroadKpi.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox"}),
        help_text=_("The broad-relationship KPIs this cycle works on."),
    )


def _planned_actions() -> forms.CharField:
    return _text(
        _("Planned actions"),
        _("What the team will do in the period: visits, events, contacts to win."),
        rows=4,
    )


class VersionField(forms.IntegerField):
    """The cycle version the user saw (hidden)."""

    def __init__(self) -> None:
        super().__init__(
            widget=forms.HiddenInput,
            min_value=1,
            error_messages={
                "required": _("The form is damaged: reload the page."),
                "invalid": _("The form is damaged: reload the page."),
                "min_value": _("The form is damaged: reload the page."),
            },
        )


class CycleForm(StyledFormMixin, forms.Form):
    """A form of one section of an existing cycle, with the version the user saw."""

    version = VersionField()

    def __init__(self, *args: Any, cycle: PdcaCycle, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {
            **{name: getattr(cycle, name) for name in self.section_fields()},
            "version": cycle.version,
            **kwargs["initial"],
        }
        super().__init__(*args, **kwargs)

    def section_fields(self) -> list[str]:
        return [name for name in self.base_fields if name != "version"]

    def section_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.section_fields()}


class PdcaCycleCreateForm(StyledFormMixin, forms.Form):
    """A new cycle: a month or a quarter, and its plan."""

    cadence = forms.ChoiceField(label=_("Cadence"), choices=Cadence.choices)
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A month (2026-11) for a monthly cycle, a quarter (2026-Q4) for a quarterly."),
    )
    focus_kpis = _focus_kpis()
    planned_actions = _planned_actions()


class PdcaPlanForm(CycleForm):
    """Plan: the focus KPIs and the planned actions."""

    focus_kpis = _focus_kpis()
    planned_actions = _planned_actions()


class PdcaCheckForm(CycleForm):
    """Check: the notes on the KPI snapshot (also the snapshot's note when running the check)."""

    check_notes = _text(_("Check notes"), _("What the figures say: what worked, what did not."))


class PdcaActForm(CycleForm):
    """Act: corrective actions, what to standardise, what carries into the next cycle."""

    corrective_actions = _text(_("Corrective actions"), _("What you will change, and who does it."))
    standardise = _text(
        _("What to standardise"), _("What worked and becomes the team's standard practice.")
    )
    carry_over = _text(
        _("Carried into the next cycle"),
        _("Unfinished actions; they become the next cycle's planned actions."),
    )
    open_next = forms.BooleanField(
        label=_("Open the next cycle with the carry-over"), required=False, initial=True
    )

    def section_fields(self) -> list[str]:
        return ["corrective_actions", "standardise", "carry_over"]

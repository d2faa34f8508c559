"""Forms of template administration: header fields, criteria and bands as formsets, JSON rules."""

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from kam.assessments.models import AssessmentTemplate
from kam.core.forms import RowFormSet, StyledFormMixin


class JSONTextField(forms.CharField):
    """A JSON value typed as text; malformed JSON or the wrong shape is a field error."""

    def __init__(self, *, shape: type, **kwargs: Any) -> None:
        self.shape = shape
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3, "class": "textarea mono"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: object) -> object:
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        return value

    def clean(self, value: object) -> object:
        text = super().clean(value) or ("[]" if self.shape is list else "{}")
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Not valid JSON (line {line}, column {column}).").format(
                    line=error.lineno, column=error.colno
                )
            ) from error
        if not isinstance(parsed, self.shape):
            expected = _("a list [...]") if self.shape is list else _("an object {...}")
            raise forms.ValidationError(_("Expected {shape}.").format(shape=expected))
        return parsed


class TemplateHeaderForm(StyledFormMixin, forms.ModelForm):
    groups = JSONTextField(
        shape=list, label=_("Groups"), help_text=_('[{"code": "…", "zh": "…", "en": "…"}]')
    )
    group_weights = JSONTextField(
        shape=dict, label=_("Group weights"), help_text=_('{"group code": weight}')
    )
    gates = JSONTextField(
        shape=list,
        label=_("Gates"),
        help_text=_('[{"band_code": "…", "minimums": {"group code": minimum}}]'),
    )
    parameters = JSONTextField(shape=dict, label=_("Parameters"))

    class Meta:
        model = AssessmentTemplate
        fields = ["name_zh", "name_en", "scale_min", "scale_max", "completeness_threshold"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        group_codes = {
            group.get("code") for group in data.get("groups") or [] if isinstance(group, dict)
        }
        for gate in data.get("gates") or []:
            if not isinstance(gate, dict) or not isinstance(gate.get("minimums"), dict):
                self.add_error("gates", _("Each gate needs a band_code and minimums."))
                break
            unknown = set(gate["minimums"]) - group_codes
            if unknown:
                self.add_error(
                    "gates",
                    _("Unknown groups in a gate: {groups}.").format(
                        groups=", ".join(sorted(unknown))
                    ),
                )
                break
        for code, weight in (data.get("group_weights") or {}).items():
            if code not in group_codes or not isinstance(weight, int | float) or weight < 0:
                self.add_error("group_weights", _("Weights must be numbers ≥ 0 for known groups."))
                break
        return data


class CriterionForm(StyledFormMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=50)
    group = forms.CharField(label=_("Group"), max_length=50, required=False)
    label_zh = forms.CharField(label=_("Label (Chinese)"), max_length=200)
    label_en = forms.CharField(label=_("Label (English)"), max_length=200)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=Decimal("0"), max_digits=8, decimal_places=3
    )
    is_required = forms.BooleanField(label=_("Required"), required=False)
    anchors = JSONTextField(shape=dict, label=_("Anchors"))


class BandForm(StyledFormMixin, forms.Form):
    lower_bound = forms.DecimalField(
        label=_("From score"), min_value=0, max_value=100, decimal_places=2
    )
    code = forms.SlugField(label=_("Code"), max_length=40)
    zh = forms.CharField(label=_("Label (Chinese)"), max_length=100)
    en = forms.CharField(label=_("Label (English)"), max_length=100)


class BaseCriterionFormSet(RowFormSet):
    row_name = _("Criterion {number}")

    def clean(self) -> None:
        if any(self.errors):
            return
        codes = [
            form.cleaned_data["code"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if len(codes) != len(set(codes)):
            raise forms.ValidationError(_("Each criterion needs its own code."))
        if not codes:
            raise forms.ValidationError(_("A template needs at least one criterion."))


class BaseBandFormSet(RowFormSet):
    row_name = _("Band {number}")

    def clean(self) -> None:
        if any(self.errors):
            return
        bounds = [
            form.cleaned_data["lower_bound"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if bounds and min(bounds) != 0:
            raise forms.ValidationError(_("The first band must start at 0."))
        if len(bounds) != len(set(bounds)):
            raise forms.ValidationError(_("Two bands cannot start at the same score."))


CriterionFormSet = formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=1, can_delete=True
)
BandFormSet = formset_factory(BandForm, formset=BaseBandFormSet, extra=1, can_delete=True)


def kept(formset: forms.BaseFormSet) -> list[dict[str, object]]:
    """The filled, not deleted rows of a valid formset."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]

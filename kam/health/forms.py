"""Forms of the relationship test model: survey (respondents as rows), wallet, relationship test."""

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Competitor
from kam.assessments.models import PERIOD_VALIDATOR, AssessmentTemplate, Criterion
from kam.core.forms import DateInput, RowFormSet, StyledFormMixin, form_field
from kam.health.models import SatisfactionSurvey, WalletEstimate
from kam.health.services import (
    DEFAULT_INFLUENCE,
    RatingInput,
    RespondentInput,
    ShareInput,
    WalletInput,
)
from kam.people.models import Contact

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEFAULT_ROWS = 3
MAX_ROWS = 30


def _scale(low: int, high: int) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(level), str(level)) for level in range(low, high + 1)]


def _score(low: int, high: int, label: "StrOrPromise") -> forms.TypedChoiceField:
    """An optional whole-number score; the label doubles as the accessible name in rating grids."""
    return forms.TypedChoiceField(
        label=label,
        choices=_scale(low, high),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": "select", "aria-label": label}),
    )


class PeriodFieldsMixin(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        validators=[PERIOD_VALIDATOR],
        help_text=_("A year (2026), a half year (2026-H1) or a quarter (2026-Q3)."),
    )

    def _initial_period(self) -> None:
        self.fields["period"].initial = str(timezone.localdate().year)


class SurveyForm(StyledFormMixin, PeriodFieldsMixin):
    conducted_on = forms.DateField(label=_("Conducted on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._initial_period()
        self.fields["conducted_on"].initial = timezone.localdate()

    def clean_conducted_on(self) -> object:
        value = self.cleaned_data["conducted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A survey cannot be dated in the future."))
        return value


class RespondentForm(StyledFormMixin, forms.Form):
    """One respondent: who, how influential, and the answers (every answer optional)."""

    contact = forms.ModelChoiceField(
        label=_("Contact"), queryset=Contact.objects.none(), required=False, empty_label="—"
    )
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    influence = forms.IntegerField(
        label=_("Influence (0–10)"),
        min_value=0,
        max_value=10,
        initial=DEFAULT_INFLUENCE,
        required=False,
    )
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    overall = _score(1, 5, _("Overall satisfaction (1–5)"))
    recommend = _score(0, 10, _("Would recommend (0–10)"))
    verbatim = forms.CharField(
        label=_("Verbatim"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: object,
        criteria: list[Criterion],
        contacts: QuerySet[Contact],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        form_field(self, "contact", forms.ModelChoiceField).queryset = contacts
        for criterion in criteria:
            self.fields[f"importance__{criterion.code}"] = _score(
                1, 5, _("Importance: {attribute}").format(attribute=criterion.label)
            )
            self.fields[f"performance__{criterion.code}"] = _score(
                1, 5, _("Performance: {attribute}").format(attribute=criterion.label)
            )

    def has_changed(self) -> bool:
        """A row is filled in when anything besides an untouched or emptied influence changed."""
        changed = set(self.changed_data)
        if not self["influence"].data:
            changed.discard("influence")
        return bool(changed)

    def attribute_rows(self) -> list[dict[str, object]]:
        return [
            {
                "criterion": criterion,
                "importance": self[f"importance__{criterion.code}"],
                "performance": self[f"performance__{criterion.code}"],
            }
            for criterion in self.criteria
        ]

    def _ratings(self) -> tuple[RatingInput, ...]:
        ratings = []
        for criterion in self.criteria:
            importance = self.cleaned_data.get(f"importance__{criterion.code}")
            performance = self.cleaned_data.get(f"performance__{criterion.code}")
            if importance is not None and performance is not None:
                ratings.append(RatingInput(criterion.code, importance, performance))
        return tuple(ratings)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for criterion in self.criteria:
            importance = f"importance__{criterion.code}"
            performance = f"performance__{criterion.code}"
            pair = (data.get(importance), data.get(performance))
            if (pair[0] is None) != (pair[1] is None):
                missing = importance if pair[0] is None else performance
                self.add_error(missing, _("Rate both importance and performance, or neither."))
        if data.get("contact") is not None and data.get("is_anonymous"):
            self.add_error("is_anonymous", _("An anonymous answer cannot name a contact."))
        has_answers = self._ratings() or any(
            data.get(name) is not None for name in ("overall", "recommend")
        )
        if not self.errors and not has_answers:
            raise forms.ValidationError(_("Give at least one answer, or clear this row."))
        return data

    def respondent(self) -> RespondentInput:
        data = self.cleaned_data
        influence = data.get("influence")
        return RespondentInput(
            contact=data.get("contact"),
            role=data.get("role", ""),
            influence=DEFAULT_INFLUENCE if influence is None else influence,
            is_anonymous=bool(data.get("is_anonymous")),
            overall=data.get("overall"),
            recommend=data.get("recommend"),
            verbatim=data.get("verbatim", ""),
            ratings=self._ratings(),
        )


class RespondentFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.has_changed()]
        if not filled:
            raise forms.ValidationError(_("Enter the answers of at least one respondent."))
        contacts = [
            form.cleaned_data["contact"].pk for form in filled if form.cleaned_data["contact"]
        ]
        if len(contacts) != len(set(contacts)):
            raise forms.ValidationError(
                _("The same contact answers twice: merge the answers into one row.")
            )

    def respondents(self) -> list[RespondentInput]:
        return [form.respondent() for form in self.forms if form.has_changed()]


def respondent_formset(
    data: Mapping[str, Any] | None,
    *,
    rows: int,
    criteria: list[Criterion],
    contacts: QuerySet[Contact],
    **kwargs: Any,
) -> RespondentFormSet:
    # formset_factory returns a subclass of `formset`; the stubs only know it as a BaseFormSet.
    formset_class = cast(
        type[RespondentFormSet],
        forms.formset_factory(
            RespondentForm,
            formset=RespondentFormSet,
            extra=rows,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS,
            validate_max=True,
        ),
    )
    return formset_class(
        data,
        prefix="respondents",
        form_kwargs={"criteria": criteria, "contacts": contacts},
        **kwargs,
    )


def respondent_initial(survey: SatisfactionSurvey) -> list[dict[str, object]]:
    """The rows of an earlier survey, to correct it."""
    rows = []
    for respondent in survey.respondents.all():
        row: dict[str, object] = {
            "contact": respondent.contact,
            "role": respondent.role,
            "influence": respondent.influence,
            "is_anonymous": respondent.is_anonymous,
            "overall": respondent.overall,
            "recommend": respondent.recommend,
            "verbatim": respondent.verbatim,
        }
        for rating in respondent.ratings.all():
            row[f"importance__{rating.attribute_code}"] = rating.importance
            row[f"performance__{rating.attribute_code}"] = rating.performance
        rows.append(row)
    return rows


# --- share of wallet ---------------------------------------------------------------------------


class WalletEstimateForm(StyledFormMixin, forms.ModelForm):
    """One category's wallet; saving the same period and category again updates it."""

    class Meta:
        model = WalletEstimate
        fields = [
            "period",
            "category_code",
            "category_label",
            "customer_total_spend",
            "our_revenue",
            "currency",
            "our_rank",
            "number_of_suppliers",
            "confidence",
            "source",
        ]

    def wallet_input(self, shares: tuple[ShareInput, ...]) -> WalletInput:
        data = self.cleaned_data
        return WalletInput(
            competitor_shares=shares, **{name: data[name] for name in self.Meta.fields}
        )


class CompetitorShareForm(StyledFormMixin, forms.Form):
    competitor = forms.ModelChoiceField(
        label=_("Competitor"),
        queryset=Competitor.objects.order_by("name"),
        required=False,
        empty_label="—",
    )
    share_percent = forms.DecimalField(
        label=_("Share (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (data.get("competitor") is None) != (data.get("share_percent") is None):
            raise forms.ValidationError(_("Pick a competitor and enter its share, or neither."))
        return data


class CompetitorShareFormSet(RowFormSet):
    row_name = _("Competitor share {number}")

    def clean(self) -> None:
        if any(self.errors):
            return
        competitors = [share.competitor.pk for share in self.shares()]
        if len(competitors) != len(set(competitors)):
            raise forms.ValidationError(_("A competitor is listed twice."))

    def shares(self) -> tuple[ShareInput, ...]:
        return tuple(
            ShareInput(form.cleaned_data["competitor"], form.cleaned_data["share_percent"])
            for form in self.forms
            if form.cleaned_data.get("competitor") is not None
        )


def share_formset(
    data: Mapping[str, Any] | None, *, rows: int, **kwargs: Any
) -> CompetitorShareFormSet:
    # formset_factory returns a subclass of `formset`; the stubs only know it as a BaseFormSet.
    formset_class = cast(
        type[CompetitorShareFormSet],
        forms.formset_factory(
            CompetitorShareForm,
            formset=CompetitorShareFormSet,
            extra=rows,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS,
            validate_max=True,
        ),
    )
    return formset_class(data, prefix="shares", **kwargs)


# --- relationship test -------------------------------------------------------------------------


def _levels(template: AssessmentTemplate, criterion: Criterion) -> list[tuple[str, str]]:
    """Each whole level of the item's scale, with its behavioural anchor where there is one."""
    low, high = criterion.bounds(template)
    choices = [("", "—")]
    for level in range(int(low), int(high) + 1):
        anchor = criterion.anchor(level)
        choices.append((str(level), f"{level} · {anchor}" if anchor else str(level)))
    return choices

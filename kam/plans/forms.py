"""Forms of the annual plan: a new plan, an objective, and one small form per list of the
draft (strategy, budget line, risk, review date). Every form of an existing plan carries the
plan version the user saw, so a save over someone else's is refused."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import Currency
from kam.core.forms import DateInput, StyledFormMixin
from kam.engagement.choices import TacticTier
from kam.metrics.choices import MetricFrequency, MetricKind
from kam.metrics.registry import catalogue
from kam.plans.choices import ComparisonBasis, Likelihood
from kam.plans.gaps import Gap
from kam.users.models import User

DAMAGED = _("The form is damaged: reload the page.")


class VersionField(forms.IntegerField):
    """The plan version the user saw (hidden)."""

    def __init__(self) -> None:
        super().__init__(
            widget=forms.HiddenInput,
            min_value=1,
            error_messages={"required": DAMAGED, "invalid": DAMAGED, "min_value": DAMAGED},
        )


class PlanCreateForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class PlanForm(StyledFormMixin, forms.Form):
    version = VersionField()

    def _choice(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field


class ObjectiveForm(PlanForm):
    kind = forms.ChoiceField(label=_("Type"), choices=MetricKind.choices)
    metric_code = forms.ChoiceField(label=_("Metric"))
    baseline = forms.DecimalField(
        label=_("Baseline"),
        required=False,
        max_digits=16,
        decimal_places=4,
        help_text=_(
            "Filled from the metric catalogue at the plan's baseline date; typed only for a "
            "metric the team enters by hand."
        ),
    )
    target = forms.DecimalField(label=_("Target"), max_digits=16, decimal_places=4)
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=0.01,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("The weights of the plan's objectives add up to 100."),
    )
    comparison_basis = forms.ChoiceField(
        label=_("Comparison basis"), choices=ComparisonBasis.choices
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    frequency = forms.ChoiceField(label=_("Frequency"), choices=MetricFrequency.choices)
    data_source = forms.CharField(
        label=_("Data source"),
        required=False,
        max_length=300,
        help_text=_(
            "Where the actual comes from. Left blank, a computed metric takes the catalogue's "
            "source; for a metric the team enters by hand, say where the number comes from."
        ),
    )
    gap_key = forms.ChoiceField(label=_("Linked gap"), required=False)

    def __init__(self, *args: Any, team: list[User], gaps: list[Gap], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("metric_code").choices = [(item.code, str(item.label)) for item in catalogue()]
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(pk__in=[user.pk for user in team]).order_by("username")
        self._choice("gap_key").choices = [
            ("", _("No linked gap")),
            *((gap.key, gap.label) for gap in gaps),
        ]


class StrategyForm(PlanForm):
    description = forms.CharField(
        label=_("Strategy"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    tactic_tier = forms.ChoiceField(label=_("Tactic tier"), choices=TacticTier.choices)
    gap_keys = forms.MultipleChoiceField(
        label=_("Linked gaps"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox"}),
    )

    def __init__(self, *args: Any, gaps: list[Gap], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("gap_keys").choices = [(gap.key, gap.label) for gap in gaps]


class BudgetLineForm(PlanForm):
    description = forms.CharField(label=_("Budget line"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)


class RiskForm(PlanForm):
    description = forms.CharField(label=_("Risk"), max_length=300)
    probability = forms.ChoiceField(label=_("Probability"), choices=Likelihood.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Likelihood.choices)
    mitigation = forms.CharField(
        label=_("Mitigation"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ReviewDateForm(PlanForm):
    review_on = forms.DateField(label=_("Review date"), widget=DateInput())
    label = forms.CharField(label=_("Label"), max_length=100, required=False)

"""Forms of the responsibility letters: whose letter to generate, the date a letter is scored
on when it is closed, and a new version of the evaluation rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.core.forms import DateInput, StyledFormMixin
from kam.users.models import User


class LetterGenerateForm(StyledFormMixin, forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        help_text=_("A letter lists the plan's objectives this person owns."),
    )

    def __init__(self, *args: Any, owners: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[user.pk for user in owners]).order_by(
            "username"
        )


class LetterCloseForm(StyledFormMixin, forms.Form):
    on = forms.DateField(
        label=_("Score as of"),
        widget=DateInput(),
        help_text=_("The catalogue's actuals on this date score the letter."),
    )


class RuleSetForm(StyledFormMixin, forms.Form):
    process_share = forms.DecimalField(
        label=_("Process share of the letter score"), min_value=0, max_value=1,
        max_digits=4, decimal_places=3,
        help_text=_("0.4: the letter score is 40 % process and 60 % result."),
    )  # fmt: skip
    cap = forms.DecimalField(
        label=_("Achievement cap"), min_value=1, max_value=3, max_digits=4, decimal_places=2,
        help_text=_("1.2: an objective counts at most 120 % of its target."),
    )  # fmt: skip
    excellent_from = forms.DecimalField(
        label=_("Excellent from"), min_value=0, max_digits=7, decimal_places=2
    )
    good_from = forms.DecimalField(
        label=_("Good from"), min_value=0, max_digits=7, decimal_places=2
    )
    pass_from = forms.DecimalField(
        label=_("Satisfactory from"), min_value=0, max_digits=7, decimal_places=2,
        help_text=_("A score below this needs improvement."),
    )  # fmt: skip

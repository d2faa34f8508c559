"""Forms of the key-person card; personal fields are only on the form for those allowed."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.assessments.models import AssessmentTemplate, Criterion, localized
from kam.cards.choices import CardActionStatus
from kam.cards.models import PERSONAL_FIELDS, CardAction, KeyPersonCard
from kam.cards.services import CARD_FIELDS
from kam.core.forms import DateInput, StyledFormMixin, form_field
from kam.people.choices import DecisionFocus
from kam.people.models import Contact
from kam.users.models import User

TEXT_ROWS = 2


class CardForm(StyledFormMixin, forms.ModelForm):
    """The card's own fields, the contact's decision focus and the version the user saw."""

    decision_focus = forms.ChoiceField(
        label=_("Decision focus"),
        required=False,
        choices=[("", "—"), *DecisionFocus.choices],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = KeyPersonCard
        fields = [*CARD_FIELDS, *PERSONAL_FIELDS]
        widgets = {
            name: forms.Textarea(attrs={"rows": TEXT_ROWS})
            for name in [
                "job_kpis",
                "current_priorities",
                "problems_owned",
                "success_criteria",
                "industry_associations",
                "conferences",
                "professional_communities",
                "our_touchpoints",
                "interests_hobbies",
                "associations",
                "family_milestones",
                "personal_data_basis",
            ]
        }
        help_texts = {
            "family_milestones": _("Only with the person's agreement (opt-in below)."),
            "personal_data_basis": _("E.g. the person's consent and when it was given."),
        }

    def __init__(
        self, *args: object, contact: Contact, show_personal: bool, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        if not show_personal:
            for name in PERSONAL_FIELDS:
                del self.fields[name]
        self.fields["decision_focus"].initial = contact.decision_focus
        self.fields["version"].initial = self.instance.version
        self.fields["version"].error_messages["required"] = _(
            "The form is damaged: reload the page."
        )

    def card_data(self) -> dict[str, object]:
        """What the service should write: every shown field except the version."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def _answer_choices(template: AssessmentTemplate, criterion: Criterion) -> list[tuple[str, str]]:
    low, high = int(template.scale_min), int(template.scale_max)
    choices = []
    for value in range(low, high + 1):
        anchor = localized(criterion.anchors.get(str(value)))
        choices.append((str(value), f"{value} · {anchor}" if anchor else str(value)))
    return choices


class StyleForm(StyledFormMixin, forms.Form):
    """The social-style questionnaire: one 1–4 question per template item (all optional)."""

    def __init__(
        self, *args: object, template: AssessmentTemplate, initial_answers: dict, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.field_groups: dict[str, str] = {}
        for criterion in template.criteria.all():
            self.fields[criterion.code] = forms.TypedChoiceField(
                label=criterion.label,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "—"), *_answer_choices(template, criterion)],
                initial=initial_answers.get(criterion.code),
            )
            self.field_groups[criterion.code] = criterion.group

    def answers(self) -> dict[str, int]:
        return {code: value for code, value in self.cleaned_data.items() if value is not None}

    def grouped_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        groups: dict[str, list[forms.BoundField]] = {}
        for name in self.fields:
            groups.setdefault(self.field_groups[name], []).append(self[name])
        return [(self.template.group_label(code), fields) for code, fields in groups.items()]


def action_owner_choices(account: Account) -> QuerySet[User]:
    """The account manager and the account team."""
    return account_workers(account).filter(is_active=True).order_by("username")


class CardActionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CardAction
        fields = ["description", "owner", "due_on"]
        labels = {"description": pgettext_lazy("action item", "Action")}  # 行动项
        widgets = {"due_on": DateInput()}

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "owner", forms.ModelChoiceField).queryset = action_owner_choices(account)
        self.fields["owner"].required = True


class CardActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=CardActionStatus.choices)


class CardActionEditForm(StyledFormMixin, forms.Form):
    """Edit, reassign or close a development-plan step (from the card or an action board)."""

    description = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=DateInput(),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CardActionStatus.choices)

    def __init__(self, *args: object, action: CardAction, **kwargs: object) -> None:
        kwargs.setdefault(
            "initial",
            {
                "description": action.description,
                "owner": action.owner_id,
                "due_on": action.due_on,
                "status": action.status,
            },
        )
        super().__init__(*args, **kwargs)
        form_field(self, "owner", forms.ModelChoiceField).queryset = action_owner_choices(
            action.account
        )

"""Forms for accounts, teams, groups and competitors (validation next to each field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory, AccountStatus, Industry, Region, TeamRole
from kam.accounts.models import Account, AccountGroup, Competitor
from kam.accounts.selectors import account_owner_choices, account_parent_choices
from kam.core.forms import (
    StyledFormMixin,
    VersionedFormMixin,
    filter_choice,
    form_field,
)
from kam.users.models import User


class AccountFilterForm(StyledFormMixin, forms.Form):
    """Search, filters and sort of the account list; bad values are ignored, never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    industry = filter_choice(_("Industry"), _("All industries"), Industry.choices)
    region = filter_choice(_("Region"), _("All regions"), Region.choices)
    status = filter_choice(_("Status"), _("All statuses"), AccountStatus.choices)
    category = filter_choice(_("Category"), _("All categories"), AccountCategory.choices)
    owner = forms.ModelChoiceField(
        label=_("Account manager"),
        required=False,
        queryset=User.objects.none(),
        to_field_name="uuid",
        empty_label=_("All account managers"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name A→Z")),
            ("-name", _("Name Z→A")),
            ("-revenue", _("Revenue, highest first")),
            ("revenue", _("Revenue, lowest first")),
            ("-updated", _("Recently updated")),
            ("status", _("Status")),
            ("industry", _("Industry")),
            ("region", _("Region")),
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "owner", forms.ModelChoiceField).queryset = account_owner_choices()


class AccountForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Account
        fields = [
            "name",
            "alternate_name",
            "industry",
            "region",
            "status",
            "owner",
            "parent",
            "group",
            "currency",
            "current_revenue",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "owner", forms.ModelChoiceField).queryset = account_owner_choices()
        form_field(self, "parent", forms.ModelChoiceField).queryset = account_parent_choices(
            user=user, exclude=self.instance if self.instance.pk else None
        )
        form_field(self, "group", forms.ModelChoiceField).queryset = AccountGroup.objects.order_by(
            "name"
        )
        if not self.instance.pk:
            self.fields["owner"].initial = user.pk


class TeamMemberForm(StyledFormMixin, forms.Form):
    user = forms.ModelChoiceField(
        label=_("Colleague"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        to_field_name="uuid",
    )
    team_role = forms.ChoiceField(label=_("Team role"), choices=TeamRole.choices)


class AccountGroupForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AccountGroup
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CompetitorForm(StyledFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Competitor
        fields = ["name", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

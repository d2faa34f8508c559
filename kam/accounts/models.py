"""Key accounts, their groups, account teams and competitors (spec §1)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import (
    AccountCategory,
    AccountStatus,
    Currency,
    Industry,
    Region,
    RelationshipStage,
    TeamRole,
)
from kam.core.models import BaseModel, NameSortKeyModel


class AccountGroup(NameSortKeyModel, BaseModel):
    """客户群: accounts that share one management strategy (大客户群管理战略)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("account group")
        verbose_name_plural = _("account groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Competitor(NameSortKeyModel, BaseModel):
    """竞争对手: used in relative strength, share of wallet and 竞争态度."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("competitor")
        verbose_name_plural = _("competitors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Account(NameSortKeyModel, BaseModel):
    """客户: one legal customer or customer group, owned by a key account manager (客户经理)."""

    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("name in the other language"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidiaries",
        verbose_name=_("parent account"),
    )
    group = models.ForeignKey(
        AccountGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("account group"),
    )
    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_accounts",
        verbose_name=_("account manager"),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    current_revenue = models.DecimalField(
        _("current annual revenue"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    category = models.CharField(
        _("category"), max_length=20, choices=AccountCategory.choices, blank=True
    )
    stage = models.CharField(
        _("relationship stage"), max_length=20, choices=RelationshipStage.choices, blank=True
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["name"]
        indexes = [
            # Account list: default sort by name, and search by prefix.
            models.Index(fields=["name"]),
            # Account list and portfolio tables sorted by name: pinyin in 中文, no case in English.
            models.Index(fields=["name_sort_key", "name"]),
            models.Index(Lower("name"), "name", name="account_name_lower"),
            # Account list filtered by status and sorted by revenue.
            models.Index(fields=["status", "-current_revenue"]),
            # Account list: "my accounts" (owner) and the team-scoped visibility filter.
            models.Index(fields=["owner", "name"]),
            models.Index(fields=["industry", "name"]),
            models.Index(fields=["region", "name"]),
            models.Index(fields=["-current_revenue"]),
            models.Index(fields=["-updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(current_revenue__gte=0), name="account_revenue_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is not None and self.pk is not None:
            ancestor = self.parent
            depth = 0
            while ancestor is not None and depth < 50:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": _("An account cannot be its own parent or ancestor.")}
                    )
                ancestor = ancestor.parent
                depth += 1


class AccountTeamMembership(BaseModel):
    """A colleague on an account's team; team membership decides who may see the account."""

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("account"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("colleague"),
    )
    team_role = models.CharField(
        _("team role"), max_length=20, choices=TeamRole.choices, default=TeamRole.OTHER
    )

    class Meta:
        verbose_name = _("account team member")
        verbose_name_plural = _("account team members")
        ordering = ["account", "team_role"]
        constraints = [
            models.UniqueConstraint(fields=["account", "user"], name="unique_team_member"),
        ]
        indexes = [
            # Visibility filter: the accounts whose team a user is on.
            models.Index(fields=["user", "account"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.account}"

"""The customer's organisation: org units (客户组织单元) and contacts (客户人员)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.people.choices import Function
from kam.users.choices import Seniority

MAX_TREE_DEPTH = 30


def _refuse_cycle(instance: models.Model, parent_field: str, message: str) -> None:
    """Walk up the parent chain; refuse when it returns to `instance` (or is absurdly deep)."""
    if instance.pk is None:
        return
    node = getattr(instance, parent_field)
    for _depth in range(MAX_TREE_DEPTH):
        if node is None:
            return
        if node.pk == instance.pk:
            raise ValidationError({parent_field: message})
        node = getattr(node, parent_field)
    raise ValidationError({parent_field: message})


class OrgUnit(BaseModel):
    """A unit of the customer's organisation; units form one tree per account."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="org_units", verbose_name=_("account")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(
        _("function"), max_length=30, choices=Function.choices, default=Function.OTHER
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Seniority.choices, default=Seniority.MIDDLE
    )

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["account", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "parent", "name"], name="unique_org_unit_name_under_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.account_id and self.parent.account_id != self.account_id:
            raise ValidationError({"parent": _("The parent unit belongs to another account.")})
        _refuse_cycle(self, "parent", _("A unit cannot sit under itself or its own sub-unit."))


class Contact(BaseModel):
    """A person at the customer (客户人员). Key-person fields come with the power map (T7–T9)."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("account")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("org unit"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    title = models.CharField(_("title"), max_length=150, blank=True)
    seniority = models.CharField(
        _("seniority"), max_length=20, choices=Seniority.choices, default=Seniority.OPERATIONAL
    )
    function = models.CharField(
        _("function"), max_length=30, choices=Function.choices, default=Function.OTHER
    )
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("reports to"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("still at the customer"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]
        indexes = [
            # Contact list sorted by name (all visible contacts).
            models.Index(fields=["name"]),
            # Account 360 contacts tab: an account's contacts by name.
            models.Index(fields=["account", "name"]),
            # Contact list filtered by seniority / function.
            models.Index(fields=["seniority", "name"]),
            models.Index(fields=["function", "name"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.org_unit_id and self.account_id and self.org_unit.account_id != self.account_id:
            errors["org_unit"] = _("The org unit belongs to another account.")
        if self.reports_to_id and self.account_id and self.reports_to.account_id != self.account_id:
            errors["reports_to"] = _("The manager must work at the same account.")
        if errors:
            raise ValidationError(errors)
        _refuse_cycle(
            self, "reports_to", _("This reporting line would form a cycle: pick another manager.")
        )

"""The customer's organisation: org units (客户组织单元) and contacts (客户人员)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.models import Account
from kam.core.models import BaseModel, NameSortKeyModel
from kam.core.validators import validate_phone
from kam.people.choices import (
    BuyingInfluence,
    Closeness,
    Coverage,
    DecisionFocus,
    DecisionRole,
    EdgeType,
    Function,
    KeyPersonReason,
    PoliticalStatus,
    ResponseMode,
    Support,
    Visibility,
)
from kam.users.choices import Seniority

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_TREE_DEPTH = 30


def _refuse_cycle(instance: models.Model, parent_field: str, message: "StrOrPromise") -> None:
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

    PICKED_BY_NAME = True  # pickers list units by name (`kam.core.forms.NameOrderIterator`)
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

    # The field a violation of each unique constraint is shown on (kam.core.constraints).
    UNIQUE_FIELD_ERRORS = {
        "unique_org_unit_name_under_parent": (
            "name",
            _("A unit with this name already exists at this place in the organisation."),
        ),
    }

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
        parent = self.parent if self.parent_id else None
        if parent is not None and self.account_id and parent.account_id != self.account_id:
            raise ValidationError({"parent": _("The parent unit belongs to another account.")})
        _refuse_cycle(self, "parent", _("A unit cannot sit under itself or its own sub-unit."))


class Contact(NameSortKeyModel, BaseModel):
    """A person at the customer (客户人员). Key-person fields come with the power map (T7–T9)."""

    # Lists of codes the history shows with their labels.
    AUDIT_LIST_CHOICES = {"decision_roles": DecisionRole, "key_person_reasons": KeyPersonReason}

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
    # --- power map (T8.1) -------------------------------------------------------------------
    decision_roles = models.JSONField(_("decision roles"), default=list, blank=True)
    buying_influence = models.CharField(
        _("buying influence"), max_length=20, choices=BuyingInfluence.choices, blank=True
    )
    visibility = models.CharField(
        _("explicit or hidden"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.EXPLICIT,
    )
    influence = models.PositiveSmallIntegerField(
        _("influence (0–10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    support = models.SmallIntegerField(_("support"), choices=Support.choices, null=True, blank=True)
    response_mode = models.CharField(
        _("response mode"), max_length=20, choices=ResponseMode.choices, blank=True
    )
    decision_focus = models.CharField(
        _("decision focus"), max_length=20, choices=DecisionFocus.choices, blank=True
    )
    coverage = models.CharField(
        _("coverage"), max_length=20, choices=Coverage.choices, default=Coverage.UNKNOWN
    )
    closeness = models.CharField(
        _("closeness"), max_length=10, choices=Closeness.choices, blank=True
    )
    competitor_affinity = models.ForeignKey(
        "accounts.Competitor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("close to competitor"),
    )
    competitor_affinity_strength = models.PositiveSmallIntegerField(
        _("closeness to that competitor (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    relationship_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_contacts",
        verbose_name=_("our relationship owner"),
    )
    supporting_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supported_contacts",
        verbose_name=_("supporting colleagues"),
    )
    is_key_person = models.BooleanField(_("key person"), default=False)
    # When the contact last became a key person (red flag "new player" looks back 90 days).
    key_person_since = models.DateField(_("key person since"), null=True, blank=True)
    # Why the rules flag the contact (codes), and a manual decision that overrides them.
    key_person_reasons = models.JSONField(_("key-person reasons"), default=list, blank=True)
    key_person_override = models.BooleanField(_("key person (set by hand)"), null=True, blank=True)
    key_person_override_reason = models.TextField(_("reason for the manual decision"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]
        indexes = [
            # Contact list sorted by name (all visible contacts).
            models.Index(fields=["name"]),
            # Contact list sorted by name: pinyin in 中文, no case in English.
            models.Index(fields=["name_sort_key", "name"]),
            models.Index(Lower("name"), "name", name="contact_name_lower"),
            # Account 360 contacts tab: an account's contacts by name.
            models.Index(fields=["account", "name"]),
            models.Index(fields=["account", "name_sort_key", "name"]),
            models.Index("account", Lower("name"), "name", name="contact_account_name_lower"),
            # Contact list filtered by seniority / function.
            models.Index(fields=["seniority", "name"]),
            models.Index(fields=["function", "name"]),
            # … in pinyin order (中文), walked to the page's end.
            models.Index(fields=["seniority", "name_sort_key", "name"]),
            models.Index(fields=["function", "name_sort_key", "name"]),
            # … and counted for a manager over the visible accounts only.
            models.Index(fields=["account", "seniority"]),
            models.Index(fields=["account", "function"]),
            # Power map and assessment table: an account's key persons.
            models.Index(fields=["account", "is_key_person"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, object] = {}
        org_unit = self.org_unit if self.org_unit_id else None
        if org_unit is not None and self.account_id and org_unit.account_id != self.account_id:
            errors["org_unit"] = _("The org unit belongs to another account.")
        manager = self.reports_to if self.reports_to_id else None
        if manager is not None and self.account_id and manager.account_id != self.account_id:
            errors["reports_to"] = _("The manager must work at the same account.")
        try:
            validate_phone(self.phone)
        except ValidationError as error:
            errors["phone"] = error.messages[0]
        unknown_roles = set(self.decision_roles or []) - set(DecisionRole.values)
        if not isinstance(self.decision_roles, list) or unknown_roles:
            errors["decision_roles"] = _("Choose decision roles from the list.")
        if self.key_person_override is not None and not self.key_person_override_reason.strip():
            errors["key_person_override_reason"] = _(
                "Give a written reason when you decide by hand who is a key person."
            )
        if self.competitor_affinity_strength and not self.competitor_affinity_id:
            errors["competitor_affinity"] = _("Choose the competitor this person is close to.")
        if errors:
            raise ValidationError(errors)
        _refuse_cycle(
            self, "reports_to", _("This reporting line would form a cycle: pick another manager.")
        )


class ContactEdge(BaseModel):
    """An informal line between two contacts of one account (influence, alliance, conflict…)."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="contact_edges", verbose_name=_("account")
    )
    source = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="edges_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="edges_in", verbose_name=_("to")
    )
    edge_type = models.CharField(_("type"), max_length=20, choices=EdgeType.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evidence = models.TextField(_("evidence"), blank=True)
    is_confirmed = models.BooleanField(_("confirmed"), default=False)
    observed_on = models.DateField(_("observed on"), null=True, blank=True)

    # The field a violation of each unique constraint is shown on (kam.core.constraints).
    UNIQUE_FIELD_ERRORS = {
        "unique_contact_edge": ("target", _("This line is already on the map.")),
    }

    class Meta:
        verbose_name = _("informal relationship")
        verbose_name_plural = _("informal relationships")
        ordering = ["account", "source", "edge_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "edge_type"], name="unique_contact_edge"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="contact_edge_not_to_self"
            ),
        ]
        indexes = [
            # Power map: every edge of one account.
            models.Index(fields=["account", "edge_type"]),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"

    def clean(self) -> None:
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("A person cannot have a line to themselves.")})
        for field in ("source", "target"):
            contact = getattr(self, field, None)
            if contact is not None and self.account_id and contact.account_id != self.account_id:
                raise ValidationError({field: _("Both people must work at this account.")})


class PowerMapSettings(BaseModel):
    """Thresholds of the key-person rules and the power map's red flags ([D] defaults).

    Never edited: a change adds a row and the newest one holds, so the history stays."""

    key_person_influence = models.PositiveSmallIntegerField(
        _("key person from influence"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("Anyone with at least this influence is a key person."),
    )
    hidden_key_person_influence = models.PositiveSmallIntegerField(
        _("hidden key person from influence"),
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("A hidden influencer with at least this influence is a key person."),
    )
    strong_opponent_influence = models.PositiveSmallIntegerField(
        _("strong opponent from influence"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    coach_level = models.PositiveSmallIntegerField(
        _("coach from ladder level"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    covered_level = models.PositiveSmallIntegerField(
        _("key person covered from ladder level"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    new_player_days = models.PositiveSmallIntegerField(
        _("new player: days since becoming a key person"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    min_deep_threads = models.PositiveSmallIntegerField(
        _("single-threaded below this many deep contacts"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    max_seniority_gap = models.PositiveSmallIntegerField(
        _("largest accepted seniority gap (将对将)"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(2)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("power-map settings")
        verbose_name_plural = _("power-map settings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.created_at.date()) if self.created_at else "default"

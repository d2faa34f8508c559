"""The needs register (T11 大客户需求分析): explicit and implicit needs on the iceberg's layers."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.engagement.choices import IssueDomain
from kam.engagement.models import MatchingItem, MeetingRecord
from kam.needs.choices import (
    IcebergLayer,
    Kano,
    NeedLevel,
    NeedSource,
    NeedStatus,
    NeedVisibility,
)
from kam.needs.rules import SCALE_MAX, SCALE_MIN, need_priority
from kam.people.models import Contact

SCALE = [MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]


class Need(BaseModel):
    """One customer need: organisational or personal, explicit or implicit, on one layer of the
    iceberg; scored for importance, our fit and urgency; addressed through a matching item."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="needs", verbose_name=_("account")
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("contact"),
    )
    matching_item = models.ForeignKey(
        MatchingItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("matching item"),
    )
    source_meeting = models.ForeignKey(
        MeetingRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("from meeting"),
    )
    title = models.CharField(_("need"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    domain = models.CharField(
        _("domain"), max_length=20, choices=IssueDomain.choices, default=IssueDomain.OTHER
    )
    level = models.CharField(
        _("organisational or personal"),
        max_length=20,
        choices=NeedLevel.choices,
        default=NeedLevel.ORGANISATIONAL,
    )
    visibility = models.CharField(
        _("explicit or implicit"),
        max_length=10,
        choices=NeedVisibility.choices,
        default=NeedVisibility.EXPLICIT,
    )
    iceberg_layer = models.CharField(
        _("iceberg layer"), max_length=10, choices=IcebergLayer.choices
    )
    source = models.CharField(
        _("source"), max_length=10, choices=NeedSource.choices, default=NeedSource.STATED
    )
    importance = models.PositiveSmallIntegerField(_("importance"), default=3, validators=SCALE)
    our_fit = models.PositiveSmallIntegerField(_("our fit"), default=3, validators=SCALE)
    urgency = models.PositiveSmallIntegerField(_("urgency"), default=3, validators=SCALE)
    kano = models.CharField(_("Kano category"), max_length=20, choices=Kano.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["account", "-importance", "pk"]
        indexes = [
            # The account's needs page: the iceberg counts and the list filtered by layer/status.
            models.Index(fields=["account", "iceberg_layer", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=5)
                & models.Q(our_fit__gte=1, our_fit__lte=5)
                & models.Q(urgency__gte=1, urgency__lte=5),
                name="need_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def priority(self) -> Decimal:
        return need_priority(importance=self.importance, urgency=self.urgency, our_fit=self.our_fit)

    def clean(self) -> None:
        errors: dict[str, object] = {}
        contact = self.contact if self.contact_id else None
        if self.level == NeedLevel.PERSONAL and contact is None:
            errors["contact"] = _("A personal need belongs to a person: choose the contact.")
        if contact is not None and self.account_id and contact.account_id != self.account_id:
            errors["contact"] = _("Choose a contact of this account.")
        if self.status == NeedStatus.ADDRESSED and not self.matching_item_id:
            errors["status"] = _("A need is addressed through a matching item.")
        if errors:
            raise ValidationError(errors)

"""Reads of the needs register (T11): the account's needs, the iceberg counts, the ratios, the
needs grouped by contact, the needs on a key-person card."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Count, F, QuerySet

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.needs.choices import IcebergLayer, NeedLevel, NeedSource, NeedStatus, NeedVisibility
from kam.needs.models import Need
from kam.needs.rules import implicit_discovery_ratio, validation_rate
from kam.people.models import Contact
from kam.users.models import User

CARD_NEEDS_LIMIT = 5
# What the list (page and API) shows: the need and the names of what it links to.
LIST_FIELDS = [
    *(field.name for field in Need._meta.concrete_fields),
    "contact__uuid",
    "contact__name",
    "contact__title",
    "matching_item__uuid",
    "matching_item__problem",
    "matching_item__stage",
    "source_meeting__uuid",
    "source_meeting__activity__title",
]


def needs_queryset(user: User) -> QuerySet[Need]:
    """Needs the user may see, with what their pages and the API show."""
    queryset = Need.objects.select_related(
        "account", "contact", "matching_item", "source_meeting__activity"
    )
    return scope_to_visible_accounts(queryset, user)


@dataclass(frozen=True)
class NeedFilters:
    layer: str = ""
    visibility: str = ""
    status: str = ""
    contact_uuid: str = ""


def with_priority(queryset: QuerySet[Need], *first: str) -> QuerySet[Need]:
    """Highest priority first (after the `first` orderings): importance × urgency × (6 − fit)
    orders as the priority does (the / 5 changes no order)."""
    return queryset.annotate(
        priority_key=F("importance") * F("urgency") * (6 - F("our_fit"))
    ).order_by(*first, "-priority_key", "-importance", "pk")


def account_needs(*, account: Account, filters: NeedFilters | None = None) -> QuerySet[Need]:
    """The account's needs, filtered, highest priority first."""
    filters = filters or NeedFilters()
    queryset = (
        Need.objects.filter(account=account)
        .select_related("contact", "matching_item", "source_meeting__activity")
        .only(*LIST_FIELDS)
    )
    if filters.layer:
        queryset = queryset.filter(iceberg_layer=filters.layer)
    if filters.visibility:
        queryset = queryset.filter(visibility=filters.visibility)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.contact_uuid:
        queryset = queryset.filter(contact__uuid=filters.contact_uuid)
    return with_priority(queryset)


@dataclass(frozen=True)
class LayerCount:
    code: str
    label: str
    total: int
    open: int


@dataclass(frozen=True)
class NeedFigures:
    """The iceberg and the T11.3 ratios of one account (dropped needs are left out)."""

    layers: list[LayerCount]
    total: int
    implicit: int
    validated_implicit: int
    discovery_ratio: Decimal | None
    validation_rate: Decimal | None
    addressed: int = 0
    by_layer: dict[str, LayerCount] = field(default_factory=dict)


def need_figures(*, account: Account) -> NeedFigures:
    """The iceberg counts per layer (all and open) and the discovery and validation ratios, from
    one grouped query (at most 3 × 2 × 4 × 3 rows, summed here)."""
    groups = (
        Need.objects.filter(account=account)
        .values_list("iceberg_layer", "visibility", "source", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    totals = dict.fromkeys(IcebergLayer.values, 0)
    opens = dict.fromkeys(IcebergLayer.values, 0)
    implicit = validated_implicit = addressed = 0
    for layer, visibility, source, status, count in groups:
        if status == NeedStatus.DROPPED:
            continue
        totals[layer] += count
        opens[layer] += count if status == NeedStatus.OPEN else 0
        addressed += count if status == NeedStatus.ADDRESSED else 0
        if visibility == NeedVisibility.IMPLICIT:
            implicit += count
            validated_implicit += count if source == NeedSource.VALIDATED else 0
    layers = [
        LayerCount(
            code=code, label=str(IcebergLayer(code).label), total=totals[code], open=opens[code]
        )
        for code in IcebergLayer.values
    ]
    total = sum(totals.values())
    return NeedFigures(
        layers=layers,
        total=total,
        implicit=implicit,
        validated_implicit=validated_implicit,
        discovery_ratio=implicit_discovery_ratio(implicit=implicit, total=total),
        validation_rate=validation_rate(validated_implicit=validated_implicit, implicit=implicit),
        addressed=addressed,
        by_layer={layer.code: layer for layer in layers},
    )


@dataclass(frozen=True)
class NeedRow:
    """One line of the needs list: the need with its labels and priority worked out once (the
    template would otherwise look each label up per row), and its links (set by the view)."""

    need: Need
    layer: str
    visibility: str
    source: str
    level: str
    status: str
    priority: Decimal
    edit_url: str = ""
    address_url: str = ""


@dataclass
class ContactGroup:
    contact: Contact | None
    rows: list[NeedRow]


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    return {code: str(label) for code, label in choices.choices}


def need_rows(needs: Iterable[Need]) -> list[NeedRow]:
    layers, visibilities = _labels(IcebergLayer), _labels(NeedVisibility)
    sources, levels, statuses = _labels(NeedSource), _labels(NeedLevel), _labels(NeedStatus)
    return [
        NeedRow(
            need=need,
            layer=layers[need.iceberg_layer],
            visibility=visibilities[need.visibility],
            source=sources[need.source],
            level=levels[need.level],
            status=statuses[need.status],
            priority=need.priority,
        )
        for need in needs
    ]


def needs_by_contact(rows: Iterable[NeedRow]) -> list[ContactGroup]:
    """The rows grouped by the person their need belongs to, by name; organisation-wide last."""
    groups: dict[int | None, ContactGroup] = {}
    for row in rows:
        key = row.need.contact_id
        if key not in groups:
            groups[key] = ContactGroup(contact=row.need.contact, rows=[])
        groups[key].rows.append(row)
    named = sorted(
        (group for key, group in groups.items() if key is not None),
        key=lambda group: group.contact.name if group.contact else "",
    )
    return named + ([groups[None]] if None in groups else [])


@dataclass(frozen=True)
class MatrixPoint:
    importance: int
    our_fit: int
    titles: list[str]


def need_matrix_points(*, account: Account) -> list[MatrixPoint]:
    """Open needs on the importance × fit plane, one point per (importance, fit) cell with the
    titles of the needs in it (so identical scores do not hide each other)."""
    rows = (
        Need.objects.filter(account=account, status=NeedStatus.OPEN)
        .order_by("importance", "our_fit", "pk")
        .values_list("importance", "our_fit", "title")
    )
    cells: dict[tuple[int, int], list[str]] = {}
    for importance, our_fit, title in rows:
        cells.setdefault((importance, our_fit), []).append(title)
    return [
        MatrixPoint(importance=importance, our_fit=our_fit, titles=titles)
        for (importance, our_fit), titles in cells.items()
    ]


def contact_personal_needs(*, contact: Contact) -> tuple[list[Need], int]:
    """The person's personal needs for the key-person card: the open ones by priority first,
    at most CARD_NEEDS_LIMIT, and how many there are in all (dropped ones left out)."""
    queryset = Need.objects.filter(
        contact=contact,
        level=NeedLevel.PERSONAL,
        status__in=[NeedStatus.OPEN, NeedStatus.ADDRESSED],
    )
    ordered = with_priority(queryset, "-status")  # open before addressed
    rows = list(ordered[: CARD_NEEDS_LIMIT + 1])
    if len(rows) <= CARD_NEEDS_LIMIT:
        return rows, len(rows)
    return rows[:CARD_NEEDS_LIMIT], queryset.count()


def contacts_with_needs(*, account: Account) -> list[Contact]:
    """The account's contacts that have at least one need (the list's contact filter)."""
    return list(
        Contact.objects.filter(account=account, needs__isnull=False).distinct().order_by("name")
    )

"""Reads of the compliance app: enforced rules, ledgers, year totals, customs notes."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from kam.accounts.access import can_change_account, scope_to_visible_accounts
from kam.accounts.models import Account
from kam.compliance.choices import ConstraintLevel, GiftDirection, GiftStatus
from kam.compliance.models import CounterpartProfile, GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.people.models import Contact
from kam.users.models import User

# Entries that count towards a contact's annual total: given, and approved or needing no approval.
COUNTED_STATUSES = (GiftStatus.NOT_REQUIRED, GiftStatus.APPROVED)
LEVEL_ORDER = Case(
    When(constraint_level=ConstraintLevel.MUST, then=Value(0)),
    When(constraint_level=ConstraintLevel.SHOULD, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def enforced_rules() -> QuerySet[GiftPolicyRule]:
    """The rules the engine checks: the current version of each rule, when it is enforced."""
    return GiftPolicyRule.objects.filter(is_current=True, is_active=True).order_by("code")


def rules_for(*, counterpart_type: str, region: str) -> list[GiftPolicyRule]:
    """The enforced rules that apply to a counterpart type in a region (any gift type)."""
    return list(
        enforced_rules()
        .filter(region__in=["", region])
        .filter(counterpart_type__in=["", counterpart_type] if counterpart_type else [""])
    )


def policy_rules() -> QuerySet[GiftPolicyRule]:
    """Every version of every rule, current first, for the policy page."""
    return GiftPolicyRule.objects.select_related("created_by").order_by(
        "-is_current", "code", "-version"
    )


def contact_year_totals(*, contact: Contact, year: int) -> dict[tuple[str, str], Decimal]:
    """(currency, gift type) → total of the contact's counted entries in the calendar year."""
    rows = (
        GiftEntry.objects.filter(
            contact=contact,
            occurred_on__year=year,
            direction=GiftDirection.GIVEN,
            status__in=COUNTED_STATUSES,
        )
        .values("currency", "gift_type")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return {(row["currency"], row["gift_type"]): row["total"] for row in rows}


@dataclass(frozen=True)
class YearTotal:
    """A contact's counted total in one currency against the tightest annual limit."""

    currency: str
    total: Decimal
    annual_limit: Decimal | None
    rule: GiftPolicyRule | None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.annual_limit is None else self.annual_limit - self.total

    @property
    def is_over(self) -> bool:
        return self.annual_limit is not None and self.total > self.annual_limit


def year_summary(
    *, totals: dict[tuple[str, str], Decimal], rules: list[GiftPolicyRule]
) -> list[YearTotal]:
    """One row per currency with entries or an annual limit (limits on all gift types)."""
    by_currency: dict[str, Decimal] = {}
    for (currency, _gift_type), total in totals.items():
        by_currency[currency] = by_currency.get(currency, Decimal(0)) + total
    limits: dict[str, GiftPolicyRule] = {}
    for rule in rules:
        if rule.annual_limit is None or rule.gift_type:
            continue
        best = limits.get(rule.currency)
        if best is None or best.annual_limit is None or rule.annual_limit < best.annual_limit:
            limits[rule.currency] = rule
    return [
        YearTotal(
            currency=currency,
            total=by_currency.get(currency, Decimal(0)),
            annual_limit=limits[currency].annual_limit if currency in limits else None,
            rule=limits.get(currency),
        )
        for currency in sorted(set(by_currency) | set(limits))
    ]


def counterpart_profile(*, contact: Contact) -> CounterpartProfile | None:
    return CounterpartProfile.objects.filter(contact=contact).first()


def gift_entries(
    *,
    user: User,
    contact: Contact | None = None,
    account: Account | None = None,
    status: str = "",
) -> QuerySet[GiftEntry]:
    """Ledger entries the user may see, newest first."""
    entries = scope_to_visible_accounts(GiftEntry.objects.all(), user)
    if contact is not None:
        entries = entries.filter(contact=contact)
    if account is not None:
        entries = entries.filter(account=account)
    if status:
        entries = entries.filter(status=status)
    return (
        entries.select_related("account", "contact", "giver", "decided_by")
        .prefetch_related("rules")  # the rules checked, shown by name (never by code)
        .order_by("-occurred_on", "-created_at")
    )


def pending_gift_entries(*, user: User) -> QuerySet[GiftEntry]:
    """Entries waiting for a decision at the accounts the user sees, oldest first."""
    return gift_entries(user=user, status=GiftStatus.PENDING).order_by("created_at")


def account_people(*, account: Account, limit: int = 200) -> list[Contact]:
    """The account's current contacts with their counterpart profile, key persons first."""
    return list(
        account.contacts.filter(is_active=True)
        .select_related("counterpart_profile")
        .order_by("-is_key_person", "name")[:limit]
    )


def custom_notes_for_account(*, account: Account) -> QuerySet[LocalCustomNote]:
    """The region's notes and the account's own, must before should before info."""
    return (
        LocalCustomNote.objects.filter(is_active=True)
        .filter(Q(account__isnull=True, region=account.region) | Q(account=account))
        .annotate(level_order=LEVEL_ORDER)
        .order_by("level_order", "festival_month", "festival_day", "title")
    )


def custom_notes() -> QuerySet[LocalCustomNote]:
    """Region notes (reference data) for the policy page."""
    return LocalCustomNote.objects.filter(account__isnull=True).order_by(
        "region", LEVEL_ORDER, "title"
    )


def card_section_context(contact: Contact, user: User) -> dict[str, object]:
    """What the key-person card's 法规与乡土习俗 section shows: the rules for the contact's
    counterpart type and region, this year's totals, the last 3 entries and the customs notes.
    Use as `context.update(card_section_context(contact, user))`, then include
    "compliance/partials/card_section.html"."""
    account = contact.account
    profile = counterpart_profile(contact=contact)
    region = profile.region if profile else account.region
    rules = rules_for(counterpart_type=profile.counterpart_type if profile else "", region=region)
    totals = contact_year_totals(contact=contact, year=timezone.localdate().year)
    return {
        "compliance_contact": contact,
        "compliance_profile": profile,
        "compliance_region": region,
        "compliance_rules": rules,
        "compliance_year_totals": year_summary(totals=totals, rules=rules),
        "compliance_recent_entries": list(gift_entries(user=user, contact=contact)[:3]),
        "compliance_notes": list(custom_notes_for_account(account=account)),
        "compliance_can_add": can_change_account(user, account),
    }

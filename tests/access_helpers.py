"""Helpers for the access tests: every account-scoped route, page and API, and a DB fingerprint."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.assessments.models import Assessment
from kam.audit.models import AuditEntry
from kam.cards.models import CardAction, KeyPersonCard
from kam.compliance.models import CounterpartProfile, GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.engagement.models import (
    ActionItem,
    Activity,
    CalendarEntry,
    CalendarSubscription,
    CustomerKeyDate,
    EngagementSettings,
    MatchingItem,
    Mechanism,
    MechanismCadence,
    MeetingRecord,
)
from kam.ladder.models import LadderEvidence
from kam.people.models import Contact, OrgUnit
from kam.users.models import ApiToken, User

ACCOUNT_SCOPED_KWARGS = {
    "account_uuid",
    "contact_uuid",
    "unit_uuid",
    "membership_uuid",
    "assessment_uuid",
    "survey_uuid",
    "edge_uuid",
    "action_uuid",
    "gift_uuid",
    "account_note_uuid",
    "activity_uuid",
    "meeting_uuid",
    "action_item_uuid",
    "matching_uuid",
    "entry_uuid",
    "key_date_uuid",
}


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append(
                (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name,
                    prefix + str(pattern.pattern),
                )
            )
    return found


def account_scoped_page_routes() -> list[tuple[str, set[str]]]:
    """(url name, uuid kwargs) of every page route that takes an account-scoped uuid."""
    routes = []
    for name, route in _walk(get_resolver().url_patterns):
        if name.startswith(("api:", "admin:")):
            continue
        kwargs = set(re.findall(r"<uuid:(\w+)>", route)) | set(re.findall(r"<slug:(\w+)>", route))
        if kwargs & ACCOUNT_SCOPED_KWARGS:
            routes.append((name, kwargs))
    return routes


def database_fingerprint() -> dict[str, object]:
    """Everything a write could change, to prove that a refused request changed nothing."""
    fingerprint: dict[str, object] = {}
    for model in (
        Account,
        AccountGroup,
        AccountTeamMembership,
        Competitor,
        Contact,
        OrgUnit,
        ApiToken,
        CounterpartProfile,
        GiftEntry,
        GiftPolicyRule,
        LocalCustomNote,
        KeyPersonCard,
        CardAction,
        LadderEvidence,
        Assessment,
        MatchingItem,
        Activity,
        MeetingRecord,
        ActionItem,
        CalendarEntry,
        CustomerKeyDate,
        Mechanism,
        MechanismCadence,
        CalendarSubscription,
        EngagementSettings,
    ):
        rows = model.objects.order_by("pk").values_list("pk", "updated_at")
        fingerprint[model.__name__] = list(rows)
    fingerprint["audit"] = AuditEntry.objects.count()
    fingerprint["users"] = list(User.objects.order_by("pk").values_list("pk", "role", "language"))
    return fingerprint

"""Engagement data (T5, T6): the six mechanisms as reference data, the key-business-activity
calendar, what actually happened (activities), meeting records with their issues and action
items, strategic matching items, private calendar subscriptions and the engagement settings.

Every model is re-exported here, so `from kam.engagement.models import X` works for all of them.
"""

from kam.engagement.models.calendar import CalendarEntry, CalendarSubscription, CustomerKeyDate
from kam.engagement.models.digests import DigestDelivery
from kam.engagement.models.matching import MatchingItem
from kam.engagement.models.mechanisms import Mechanism, MechanismCadence, mechanism_names
from kam.engagement.models.meetings import (
    ActionItem,
    Activity,
    ActivityEvidence,
    MeetingIssue,
    MeetingRecord,
)
from kam.engagement.models.settings import (
    DEFAULT_COMPLIANCE_RED_BELOW,
    DEFAULT_COMPLIANCE_TARGET,
    DEFAULT_DIGEST_DUE_SOON_DAYS,
    DEFAULT_DIGEST_UPCOMING_DAYS,
    EngagementSettings,
)

__all__ = [
    "DEFAULT_COMPLIANCE_RED_BELOW",
    "DEFAULT_COMPLIANCE_TARGET",
    "DEFAULT_DIGEST_DUE_SOON_DAYS",
    "DEFAULT_DIGEST_UPCOMING_DAYS",
    "ActionItem",
    "Activity",
    "ActivityEvidence",
    "CalendarEntry",
    "CalendarSubscription",
    "CustomerKeyDate",
    "DigestDelivery",
    "EngagementSettings",
    "MatchingItem",
    "Mechanism",
    "MechanismCadence",
    "MeetingIssue",
    "MeetingRecord",
    "mechanism_names",
]

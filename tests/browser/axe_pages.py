"""Interim: the demo's page URLs, one per GET page route (until tests/browser/page_types.py)."""

import re

from django.apps import apps
from django.test import Client
from django.urls import get_resolver, reverse

from kam.accounts.models import Account
from tests.access_helpers import _walk

SKIPPED = {
    "home", "favicon", "healthz", "users:login", "users:logout", "users:language",
    "engagement:subscription_feed", "engagement:calendar_ics", "jobs:retry",
}  # fmt: skip
# kwarg → (model label, how it hangs from the account)
MODELS = {
    "contact_uuid": ("people.Contact", "account"),
    "unit_uuid": ("people.OrgUnit", "account"),
    "membership_uuid": ("accounts.AccountTeamMembership", "account"),
    "assessment_uuid": ("assessments.Assessment", "account"),
    "survey_uuid": ("health.SatisfactionSurvey", "account"),
    "edge_uuid": ("people.ContactEdge", "account"),
    "action_uuid": ("cards.CardAction", "account"),
    "gift_uuid": ("compliance.GiftEntry", "account"),
    "account_note_uuid": ("compliance.LocalCustomNote", "account"),
    "activity_uuid": ("engagement.Activity", "account"),
    "meeting_uuid": ("engagement.MeetingRecord", "account"),
    "action_item_uuid": ("engagement.ActionItem", "account"),
    "matching_uuid": ("engagement.MatchingItem", "account"),
    "entry_uuid": ("engagement.CalendarEntry", "account"),
    "key_date_uuid": ("engagement.CustomerKeyDate", "account"),
    "need_uuid": ("needs.Need", "account"),
    "platform_uuid": ("platforms.PlatformItem", "account"),
    "raci_row_uuid": ("broad.RaciRow", "account"),
    "cycle_uuid": ("pdca.PdcaCycle", "account"),
    "plan_uuid": ("plans.AccountPlan", "account"),
    "objective_uuid": ("plans.Objective", "plan__account"),
    "item_uuid": ("plans.Objective", "plan__account"),
    "version_uuid": ("plans.PlanVersion", "plan__account"),
    "review_uuid": ("reviews.Review", "plan__account"),
    "letter_uuid": ("letters.ResponsibilityLetter", "plan__account"),
    "handover_uuid": ("handover.Handover", "account"),
    "competitor_uuid": ("accounts.Competitor", None),
    "group_uuid": ("accounts.AccountGroup", None),
    "template_uuid": ("assessments.AssessmentTemplate", None),
    "rule_uuid": ("compliance.GiftPolicyRule", None),
}
CONSTANTS = {
    "tool_code": "org_score_sheet",
    "code": "strategic",
    "mechanism_code": "exec_strategy_meeting",
}


def demo_pages(user: object) -> list[str]:
    """The full HTML pages the user may open (200 with a <main>)."""
    client = Client()
    client.force_login(user)
    return [
        url
        for url in _routes()
        if (response := client.get(url)).status_code == 200 and b"<main" in response.content
    ]


def _routes() -> list[str]:
    account = Account.objects.get(name="华东电力集团")
    values: dict[str, object] = {"account_uuid": account.uuid, **CONSTANTS}
    for kwarg, (label, path) in MODELS.items():
        rows = apps.get_model(label).objects.order_by("pk")
        if path:
            rows = rows.filter(**{path: account})
        row = rows.first()
        if row is not None:
            values[kwarg] = row.uuid
    pages = []
    for name, route in _walk(get_resolver().url_patterns):
        if name.startswith(("api:", "admin:", "documents:")) or name in SKIPPED:
            continue
        kwargs = {key: values.get(key) for key in re.findall(r"<\w+:(\w+)>", route)}
        if None not in kwargs.values():
            pages.append(reverse(name, kwargs=kwargs))
    return pages

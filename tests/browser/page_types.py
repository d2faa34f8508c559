"""Every page type a user can open on the demo data: each GET page route of the URL
configuration with its parameters filled from the demo's records, kept when it answers a whole
HTML page (a `<main>`) to that user.

The browser tests that must see "every page" (axe-core, the Content-Security-Policy walk) take
their list from here, so a new route is covered the day it is added: `demo_pages(user)` walks the
resolver, not a hand-kept list. A route is filled with the first candidate records (the demo's
richest account first) that give it a 200; routes that answer only POST, downloads (PDF, Word,
Excel, CSV, calendar feeds) and htmx fragments are left out by what they answer, not by name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import NoReverseMatch, reverse

from kam.accounts.access import accounts_visible_to
from tests.access_helpers import _walk

# The demo account with the most of everything; its records are tried first.
RICHEST_ACCOUNT = "华东电力集团"

# Routes that are not pages to look at: signing out ends the walk; the language switch and the
# favicon are redirects and files.
SKIPPED_ROUTES = {"users:logout", "users:language", "favicon"}

# Which records fill which URL parameter: a list of model labels (tried in order).
MODELS_FOR_KWARG: dict[str, list[str]] = {
    "account_uuid": ["accounts.Account"],
    "contact_uuid": ["people.Contact"],
    "unit_uuid": ["people.OrgUnit"],
    "membership_uuid": ["accounts.AccountTeamMembership"],
    "assessment_uuid": ["assessments.Assessment"],
    "template_uuid": ["assessments.AssessmentTemplate"],
    "survey_uuid": ["health.SatisfactionSurvey"],
    "edge_uuid": ["people.ContactEdge"],
    "action_uuid": ["cards.CardAction"],
    "gift_uuid": ["compliance.GiftEntry"],
    "account_note_uuid": ["compliance.LocalCustomNote"],
    "note_uuid": ["compliance.LocalCustomNote"],
    "rule_uuid": ["compliance.GiftPolicyRule"],
    "activity_uuid": ["engagement.Activity"],
    "meeting_uuid": ["engagement.MeetingRecord"],
    "action_item_uuid": ["engagement.ActionItem"],
    "matching_uuid": ["engagement.MatchingItem"],
    "entry_uuid": ["engagement.CalendarEntry"],
    "key_date_uuid": ["engagement.CustomerKeyDate"],
    "subscription_uuid": ["engagement.CalendarSubscription"],
    "batch_uuid": ["imports.ImportBatch"],
    "pack_uuid": ["documents.DocumentPack"],
    "need_uuid": ["needs.Need"],
    "platform_uuid": ["platforms.PlatformItem"],
    "raci_row_uuid": ["broad.RaciRow"],
    "cycle_uuid": ["pdca.PdcaCycle"],
    "plan_uuid": ["plans.AccountPlan"],
    "objective_uuid": ["plans.Objective"],
    "item_uuid": ["plans.Objective", "plans.Strategy", "plans.BudgetLine", "plans.Risk"],
    "version_uuid": ["plans.PlanVersion"],
    "review_uuid": ["reviews.Review"],
    "handover_uuid": ["handover.Handover"],
    "letter_uuid": ["letters.ResponsibilityLetter"],
    "competitor_uuid": ["accounts.Competitor"],
    "group_uuid": ["accounts.AccountGroup"],
    "token_uuid": ["users.ApiToken"],
}

# Slug parameters: the values worth a page each.
SLUGS_FOR_KWARG: dict[str, list[str]] = {
    "tool_code": ["org_score_sheet", "relationship_test"],
    "code": ["exec_strategy_meeting"],
    "mechanism_code": ["exec_strategy_meeting"],
}

CANDIDATES_PER_KWARG = 3
MAX_FILLINGS = 8
FILLABLE = {*MODELS_FOR_KWARG, *SLUGS_FOR_KWARG, "code"}


@dataclass(frozen=True)
class PageType:
    name: str  # the URL name, e.g. "plans:detail"
    url: str

    def __str__(self) -> str:
        return f"{self.name} {self.url}"


def _parameters(route: str) -> list[tuple[str, str]]:
    return re.findall(r"<(\w+):(\w+)>", route)


def _scoped(queryset: QuerySet, user: object, model: type[Model]) -> QuerySet:
    """Rows the user may see: those of the accounts they see; the user's own tokens and
    subscriptions; portfolio data (templates, rules, competitors) as it is."""
    fields = {field.name for field in model._meta.fields}
    if "account" in fields:
        visible = accounts_visible_to(user).values("pk")  # type: ignore[arg-type]
        return queryset.filter(account__in=visible).order_by("pk")
    if "plan" in fields:
        visible = accounts_visible_to(user).values("pk")  # type: ignore[arg-type]
        return queryset.filter(plan__account__in=visible).order_by("pk")
    if model._meta.label in {"users.ApiToken", "engagement.CalendarSubscription"}:
        return queryset.filter(user=user).order_by("pk")
    return queryset.order_by("pk")


def _candidates(kwarg: str, user: object, context: list[Model]) -> list[object]:
    """Up to CANDIDATES_PER_KWARG values for one URL parameter, among the records that belong to
    what the earlier parameters chose (the same account, the same plan); the richest account's
    first."""
    if kwarg in SLUGS_FOR_KWARG:
        return list(SLUGS_FOR_KWARG[kwarg])
    if kwarg == "code":  # a category policy
        model = apps.get_model("scorecard.CategoryPolicy")
        return list(model.objects.order_by("pk").values_list("code", flat=True)[:1])
    values: list[object] = []
    for label in MODELS_FOR_KWARG.get(kwarg, []):
        model = apps.get_model(label)
        queryset = _scoped(model.objects.all(), user, model)
        for chosen in context:
            for field in model._meta.fields:
                if field.is_relation and field.related_model is type(chosen):
                    queryset = queryset.filter(**{field.name: chosen})
        if "account" in {field.name for field in model._meta.fields}:
            rich = list(queryset.filter(account__name=RICHEST_ACCOUNT)[:CANDIDATES_PER_KWARG])
            rest = list(queryset.exclude(account__name=RICHEST_ACCOUNT)[:CANDIDATES_PER_KWARG])
            values += rich + rest
        else:
            values += list(queryset[:CANDIDATES_PER_KWARG])
    return values[: CANDIDATES_PER_KWARG * 2]


def _is_page(response: object) -> bool:
    content_type = response.get("Content-Type", "")  # type: ignore[attr-defined]
    if response.status_code != 200 or not content_type.startswith("text/html"):  # type: ignore[attr-defined]
        return False
    return b"<main" in response.content  # type: ignore[attr-defined]


def _fillings(
    parameters: list[tuple[str, str]], user: object, context: list[Model] | None = None
) -> Iterator[dict[str, object]]:
    """Ways to fill the parameters in order, each among the records of what the ones before it
    chose (an account, then its plans, then the plan's objectives)."""
    context = context or []
    if not parameters:
        yield {}
        return
    (_converter, kwarg), *rest = parameters
    for value in _candidates(kwarg, user, context):
        inner = [*context, value] if isinstance(value, Model) else context
        for filling in _fillings(rest, user, inner):
            yield {kwarg: value, **filling}


def _url_value(value: object) -> object:
    return value.uuid if isinstance(value, Model) else value


def demo_pages(user: object) -> list[PageType]:
    """Every page type `user` can open on the demo data (see the module's docstring)."""
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    pages = []
    for name, route in _walk_pages():
        parameters = _parameters(route)
        if any(kwarg not in FILLABLE for _converter, kwarg in parameters):
            continue  # a job id or a feed token: not a page to look at
        for filling in itertools.islice(_fillings(parameters, user), MAX_FILLINGS):
            try:
                url = reverse(name, kwargs={key: _url_value(v) for key, v in filling.items()})
            except NoReverseMatch:
                continue
            response = client.get(url)
            if _is_page(response):
                pages.append(PageType(name, url))
                break
            if response.status_code != 404:
                break  # POST only, a download, a fragment, a redirect: not a page to look at
    return pages


def _walk_pages() -> list[tuple[str, str]]:
    from django.urls import get_resolver

    return [
        (name, route)
        for name, route in _walk(get_resolver().url_patterns)
        if not name.startswith(("api:", "admin:")) and name not in SKIPPED_ROUTES
    ]

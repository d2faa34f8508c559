"""Helpers for the access tests: every account-scoped route, page and API, and a DB fingerprint."""

import re

from django.apps import apps
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

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
    "batch_uuid",
    "pack_uuid",
    "need_uuid",
    "platform_uuid",
    "raci_row_uuid",
    "cycle_uuid",
    "plan_uuid",
    "objective_uuid",
    "item_uuid",
    "version_uuid",
    "review_uuid",
    "handover_uuid",
    "letter_uuid",
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


def plain_page_routes() -> list[str]:
    """The url names of every page route that takes no parameter at all."""
    return [
        name
        for name, route in _walk(get_resolver().url_patterns)
        if "<" not in route and not name.startswith(("api:", "admin:"))
    ]


# What legitimately changes when someone merely signs in or reads: the session store, a user's
# last sign-in time (`force_login` and the login view set it), and the "last used" stamp that an
# API token or a calendar feed subscription gets when it is used. Everything else, every column
# of every table of every installed app, is part of the fingerprint.
SKIPPED_MODELS = {"sessions.Session"}
VOLATILE_FIELDS = {
    "users.User": {"last_login"},
    "users.ApiToken": {"last_used_at"},
    "engagement.CalendarSubscription": {"last_used_at"},
}


def fingerprinted_models() -> list[type[Model]]:
    """Every model that owns a table (many-to-many link tables included), minus SKIPPED_MODELS."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label not in SKIPPED_MODELS
    ]


def _rows(model: type[Model]) -> list[tuple]:
    """Every row of a model as the tuple of its column values, in primary-key order."""
    volatile = VOLATILE_FIELDS.get(model._meta.label, set())
    columns = [field.attname for field in model._meta.concrete_fields if field.name not in volatile]
    return list(model._base_manager.order_by("pk").values_list(*columns))


def database_fingerprint() -> dict[str, object]:
    """Everything a write could change, to prove that a refused request changed nothing: every
    column of every row of every model, keyed by model label, so an insert, delete or update
    anywhere (including an `.update()` that leaves `updated_at` alone) changes it."""
    return {model._meta.label: _rows(model) for model in fingerprinted_models()}

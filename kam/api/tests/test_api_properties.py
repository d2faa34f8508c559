"""Property-based API test: schemathesis sends generated requests (valid and invalid) to every
operation of /api/openapi.json through the WSGI app, as a director, a key account manager and a
viewer, and fails on any 5xx, on any answer its documented schema does not describe and on any
status code the operation does not document.

The demo portfolio is the data: most generated requests name its real records (in the path and
in the body) and a write gets the version its record's GET answers, so that they reach the
services instead of stopping at 404, 422 or 428. Fixed seed, bounded examples: the same requests
on every run, in about a minute."""

import io
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.assessments.models import Assessment, AssessmentTemplate
from kam.broad.models import RaciRow
from kam.cards.models import CardAction
from kam.compliance.models import GiftEntry
from kam.engagement.models import (
    ActionItem,
    Activity,
    CalendarEntry,
    CustomerKeyDate,
    MatchingItem,
    MeetingRecord,
)
from kam.handover.models import Handover
from kam.health.models import SatisfactionSurvey
from kam.letters.models import ResponsibilityLetter
from kam.needs.models import Need
from kam.pdca.models import PdcaCycle
from kam.people.models import Contact, ContactEdge, OrgUnit
from kam.plans.models import AccountPlan, Objective, PlanVersion
from kam.platforms.models import PlatformItem
from kam.reviews.models import Review
from kam.users.choices import TokenScope
from kam.users.models import User
from kam.users.services import api_token_create

SEED = 17
EXAMPLES = 5  # per operation and role: 486 operation × role tests, about a minute on 2 cores
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
        # examples and fuzzing (valid and invalid data); the coverage phase would send thousands
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        # a PDF or Word file takes a second to render: fewer of them
        "operations": [{"include-path-regex": "/(pdf|docx)$", "generation": {"max-examples": 2}}],
    }
)
APP = get_wsgi_application()
# The schema needs a sign-in outside development (kam/api/docs.py); reading it is not under test.
with override_settings(KAM_API_DOCS_PUBLIC=True):
    SCHEMA = schemathesis.openapi.from_wsgi("/api/openapi.json", APP, config=CONFIG)
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]

ROLES = {"director": "director", "account_manager": "manager.li", "viewer": "viewer.sun"}
# 华东电力集团: manager.li owns it, viewer.sun is on its team, it has a record of every kind.
ACCOUNT = "华东电力集团"
# Path parameter → the model of the account's record it names.
ACCOUNT_RECORDS = {
    "contact_id": Contact,
    "unit_id": OrgUnit,
    "member_id": AccountTeamMembership,
    "assessment_id": Assessment,
    "survey_id": SatisfactionSurvey,
    "edge_id": ContactEdge,
    "action_id": CardAction,
    "gift_id": GiftEntry,
    "activity_id": Activity,
    "meeting_id": MeetingRecord,
    "action_item_id": ActionItem,
    "matching_id": MatchingItem,
    "entry_id": CalendarEntry,
    "key_date_id": CustomerKeyDate,
    "need_id": Need,
    "raci_row_id": RaciRow,
    "cycle_id": PdcaCycle,
    "platform_id": PlatformItem,
}
PLAN_RECORDS = {"objective_id": Objective, "review_id": Review, "letter_id": ResponsibilityLetter}
SHARED_RECORDS = {
    "template_id": AssessmentTemplate,
    "competitor_id": Competitor,
    "group_id": AccountGroup,
    "handover_id": Handover,
}
# Body field → the path parameter whose record it names (users: the account's manager).
BODY_REFERENCES = {
    "contact_id": "contact_id",
    "owner_contact_id": "contact_id",
    "reports_to_id": "contact_id",
    "key_person_id": "contact_id",
    "customer_owner_id": "contact_id",
    "source_id": "contact_id",
    "target_id": "contact_id",
    "customer_participant_ids": "contact_id",
    "competitor_id": "competitor_id",
    "competitor_affinity_id": "competitor_id",
    "group_id": "group_id",
    "org_unit_id": "unit_id",
    "calendar_entry_id": "entry_id",
    "source_meeting_id": "meeting_id",
    "owner_id": "user_id",
    "owner_user_id": "user_id",
    "user_id": "user_id",
    "assessor_id": "user_id",
    "giver_id": "user_id",
    "relationship_owner_id": "user_id",
    "our_participant_ids": "user_id",
}
REAL_IDS: dict[str, Any] = {}
TOKENS: dict[str, str] = {}


def _first_uuid(queryset: Any) -> str | None:
    row = queryset.order_by("pk").first()
    return None if row is None else str(row.uuid)


def _real_ids(account: Account) -> dict[str, Any]:
    """A real value for every path parameter the demo has a record for."""
    found: dict[str, Any] = {"account_id": str(account.uuid), "user_id": str(account.owner.uuid)}
    for name, model in ACCOUNT_RECORDS.items():
        found[name] = _first_uuid(model.objects.filter(account=account))
    plan = AccountPlan.objects.filter(account=account).order_by("-year").first()
    if plan is not None:
        found["year"] = plan.year
        found |= {name: _first_uuid(model.objects.filter(plan=plan))
                  for name, model in PLAN_RECORDS.items()}  # fmt: skip
        version = PlanVersion.objects.filter(plan=plan).order_by("number").first()
        found["number"] = None if version is None else version.number
    found |= {name: _first_uuid(model.objects) for name, model in SHARED_RECORDS.items()}
    return {name: value for name, value in found.items() if value is not None}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo portfolio and a token per role, once for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        REAL_IDS.update(_real_ids(Account.objects.get(name=ACCOUNT)))
        for role, username in ROLES.items():
            TOKENS[role] = api_token_create(
                user=User.objects.get(username=username), name=role, scope=TokenScope.READ_WRITE
            )[1]
        yield
        transaction.set_rollback(True)


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Requests run through the WSGI app inside the test's transaction, whose connection the
    request signals must not close (django.test.Client disconnects them the same way, and
    connects them again after each request: it is not used here)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _mostly(strategy: st.SearchStrategy, use_real_ids: Any) -> st.SearchStrategy:
    """Three in four generated values get the demo's real ids; the rest stay as generated."""
    return st.tuples(strategy, st.integers(0, 3)).map(
        lambda drawn: drawn[0] if drawn[1] == 3 else use_real_ids(drawn[0])
    )


def _real_path(generated: Any) -> Any:
    if not isinstance(generated, dict):
        return generated
    return {**generated, **{name: REAL_IDS[name] for name in generated if name in REAL_IDS}}


def _real_body(generated: Any) -> Any:
    if not isinstance(generated, dict):
        return generated
    body = dict(generated)
    for field, parameter in BODY_REFERENCES.items():
        if field in body and parameter in REAL_IDS:
            real = REAL_IDS[parameter]
            body[field] = [real] if field.endswith("_ids") else real
    return body


@SCHEMA.hook
def before_generate_path_parameters(
    context: schemathesis.HookContext, strategy: st.SearchStrategy
) -> st.SearchStrategy:
    return _mostly(strategy, _real_path)


@SCHEMA.hook
def before_generate_body(
    context: schemathesis.HookContext, strategy: st.SearchStrategy
) -> st.SearchStrategy:
    return _mostly(strategy, _real_body)


def _version_read(case: schemathesis.Case, authorization: str) -> dict[str, str]:
    """For a PATCH/PUT that names no version: the ETag its record's GET answers, as If-Match."""
    body = case.body if isinstance(case.body, dict) else {}
    named = "If-Match" in (case.headers or {}) or "version" in body
    if case.method not in {"PATCH", "PUT"} or named:
        return {}
    read = WsgiClient(APP).get(case.formatted_path, headers={"Authorization": authorization})
    tag = read.headers.get("ETag") if read.status_code == 200 else None
    return {} if tag is None else {"If-Match": tag}


@pytest.mark.parametrize("role", list(ROLES))
@SCHEMA.parametrize()
@hypothesis.settings(
    deadline=None,
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,  # the data is the module's, rolled back
        hypothesis.HealthCheck.too_slow,
        hypothesis.HealthCheck.filter_too_much,
        hypothesis.HealthCheck.data_too_large,
    ],
)
def test_it_answers_every_generated_request_as_documented(
    case: schemathesis.Case, role: str, demo: None, db: None, in_process_requests: None
) -> None:
    # given a generated request of the operation, sent with the role's token
    authorization = f"Bearer {TOKENS[role]}"
    headers = {"Authorization": authorization, **_version_read(case, authorization)}
    # when it is sent, then the answer is no 5xx, a documented status and the documented schema
    case.call_and_validate(headers=headers, checks=CHECKS)

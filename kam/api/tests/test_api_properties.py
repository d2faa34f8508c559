"""Property-based API test: schemathesis sends generated requests to every operation of
/api/openapi.json, as a director, an account manager and a viewer, and fails on any 5xx and on
any answer that its documented schema does not describe."""

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
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.users.models import User
from kam.users.services import api_token_create

APP = get_wsgi_application()
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 17,
        "generation": {"max-examples": 5, "deterministic": True, "database": "none"},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)
SCHEMA = schemathesis.openapi.from_wsgi("/api/openapi.json", APP, config=CONFIG)
ROLES = {"director": "director", "account_manager": "manager.li", "viewer": "viewer.sun"}
ACCOUNT = "华东电力集团"
REAL_IDS: dict[str, Any] = {}
TOKENS: dict[str, str] = {}


def _real_ids(account: Account) -> dict[str, Any]:
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

    on_account = {
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
    ids: dict[str, Any] = {"account_id": str(account.uuid)}
    for name, model in on_account.items():
        row = model.objects.filter(account=account).order_by("pk").first()
        if row is not None:
            ids[name] = str(row.uuid)
    plan = AccountPlan.objects.filter(account=account).order_by("-year").first()
    if plan is not None:
        ids["year"] = plan.year
        for name, model in {
            "objective_id": Objective,
            "review_id": Review,
            "letter_id": ResponsibilityLetter,
        }.items():
            row = model.objects.filter(plan=plan).order_by("pk").first()
            if row is not None:
                ids[name] = str(row.uuid)
        version = PlanVersion.objects.filter(plan=plan).order_by("number").first()
        if version is not None:
            ids["number"] = version.number
    for name, model in {
        "template_id": AssessmentTemplate,
        "competitor_id": Competitor,
        "group_id": AccountGroup,
        "handover_id": Handover,
    }.items():
        row = model.objects.order_by("pk").first()
        if row is not None:
            ids[name] = str(row.uuid)
    return ids


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo portfolio, seeded once for the module and rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        REAL_IDS.update(_real_ids(Account.objects.get(name=ACCOUNT)))
        for role, username in ROLES.items():
            TOKENS[role] = api_token_create(user=User.objects.get(username=username), name=role)[1]
        yield
        transaction.set_rollback(True)


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Requests run through the WSGI app inside the test's transaction: Django's request
    signals must not close that connection (as django.test.Client does too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@SCHEMA.hook
def before_generate_path_parameters(
    context: schemathesis.HookContext, strategy: st.SearchStrategy
) -> st.SearchStrategy:
    """Half of the examples name the demo account's real objects, so they reach the handlers."""
    return st.one_of(strategy.map(_known), strategy)


def _known(generated: Any) -> dict[str, Any]:
    if not isinstance(generated, dict):
        return generated
    return {**generated, **{name: REAL_IDS[name] for name in generated if name in REAL_IDS}}


@pytest.mark.parametrize("role", list(ROLES))
@SCHEMA.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_it_answers_every_generated_request_as_documented(
    case: schemathesis.Case, role: str, demo: None, db: None, in_process_requests: None
) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKENS[role]}"},
        checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
    )

"""Access: who sees and changes which account, in pages and API; refused requests change nothing."""

import json
import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.accounts.access import accounts_visible_to, can_change_account
from kam.api.api import api
from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.broad.services import raci_row_create
from kam.cards.services import card_action_create
from kam.compliance.services import GiftInput, custom_note_create, gift_entry_create
from kam.documents.models import DocumentPack
from kam.engagement.matching.services import MatchingItemInput, matching_item_create
from kam.engagement.tests.calendar_factories import calendar_objects
from kam.engagement.tests.meeting_factories import meeting_objects
from kam.handover.tests.objects import handover_objects
from kam.health.services import RespondentInput, survey_submit
from kam.imports.reader import ParsedFile
from kam.imports.services import import_batch_create
from kam.letters.tests.objects import letter_objects
from kam.needs.services import NeedInput, need_create
from kam.pdca.services import PdcaCycleInput, pdca_cycle_create
from kam.people.services import ContactEdgeInput, contact_edge_create
from kam.plans.tests.objects import plan_objects
from kam.platforms.services import PlatformItemInput, platform_item_create
from kam.reviews.tests.objects import review_objects
from kam.users.choices import TokenScope
from kam.users.services import api_token_create
from tests.access_helpers import (
    account_scoped_page_routes,
    database_fingerprint,
    plain_page_routes,
)
from tests.factories import (
    AccountFactory,
    ContactFactory,
    OrgUnitFactory,
    TeamMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped_objects(account: object, contact: object, teammate: object) -> dict[str, object]:
    unit = OrgUnitFactory(account=account, name="信息中心")
    membership = account.team_memberships.get(user=teammate)
    assessment = assessment_submit(
        actor=account.owner,
        account=account,
        template=template_current(tool_code="relationship_test"),
        data=AssessmentInput(
            period="2026", assessed_on=date(2026, 1, 1), answers=[AnswerInput("trust", Decimal(4))]
        ),
    )
    survey = survey_submit(
        actor=account.owner,
        account=account,
        period="2026",
        conducted_on=date(2026, 1, 1),
        respondents=[RespondentInput(contact=contact, influence=5, overall=4)],
    )
    edge = contact_edge_create(
        actor=account.owner,
        source=contact,
        data=ContactEdgeInput(
            target=ContactFactory(account=account, name="李总"), edge_type="influences"
        ),
    )
    gift = gift_entry_create(
        actor=account.owner,
        contact=contact,
        data=GiftInput(
            occurred_on=date(2026, 1, 5),
            gift_type="meal",
            description="工作餐",
            value=Decimal("120.00"),
            currency="CNY",
            purpose="项目启动会",
            counterpart_type="private_company",
        ),
    )
    account_note = custom_note_create(
        actor=account.owner, account=account, title="周五下午不安排会议", text="客户惯例。"
    )
    card_action = card_action_create(
        actor=account.owner, contact=contact, description="安排技术交流", owner=account.owner
    )
    matching = matching_item_create(
        actor=account.owner,
        account=account,
        item=MatchingItemInput(domain="strategy", problem="降本"),
    )
    batch = import_batch_create(
        actor=account.owner,
        kind="contacts",
        parsed=ParsedFile(file_name="c.csv", rows=[{"line": 2, "values": {"name": "王五"}}]),
        account=account,
    )
    need = need_create(
        actor=account.owner,
        account=account,
        need=NeedInput(title="担心停电影响考核", iceberg_layer="business", contact=contact),
    )
    platform = platform_item_create(
        actor=account.owner,
        account=account,
        item=PlatformItemInput(year=2026, platform_type="user_forum", title="用户交流会"),
    )
    raci_row = raci_row_create(
        actor=account.owner, account=account, function="procurement", level="middle"
    )
    cycle = pdca_cycle_create(
        actor=account.owner,
        account=account,
        cycle=PdcaCycleInput(cadence="quarterly", period="2026-Q4", planned_actions="拜访"),
    )
    plans = plan_objects(account.owner, account)
    return {
        **plans,
        **review_objects(account.owner, plans["plan_uuid"]),
        **handover_objects(account.owner, account, teammate),
        **letter_objects(account.owner, plans["plan_uuid"]),
        "platform_uuid": platform.uuid,
        "cycle_uuid": cycle.uuid,
        "batch_uuid": batch.uuid,
        "raci_row_uuid": raci_row.uuid,
        **meeting_objects(account.owner, account, contact),
        "need_uuid": need.uuid,
        **calendar_objects(account.owner, account, contact),
        "matching_uuid": matching.uuid,
        "action_uuid": card_action.uuid,
        "gift_uuid": gift.uuid,
        "account_note_uuid": account_note.uuid,
        "edge_uuid": edge.uuid,
        "account_uuid": account.uuid,
        "contact_uuid": contact.uuid,
        "unit_uuid": unit.uuid,
        "membership_uuid": membership.uuid,
        "assessment_uuid": assessment.uuid,
        "survey_uuid": survey.uuid,
        "tool_code": "org_score_sheet",
        "pack_uuid": DocumentPack.objects.create(
            account=account, year=2026, language="en", created_by=account.owner
        ).uuid,
    }


def _url(name: str, kwargs: set[str], objects: dict[str, object]) -> str:
    return reverse(name, kwargs={key: objects[key] for key in kwargs})


def test_it_lists_every_account_scoped_page_route() -> None:
    # given the URL configuration, when we collect the account-scoped routes
    names = {name for name, _kwargs in account_scoped_page_routes()}
    # then the core pages are all among them (so the next test covers them)
    assert {
        "workspace:account",
        "accounts:edit",
        "accounts:delete",
        "accounts:team",
        "accounts:team_remove",
        "accounts:history",
        "people:account_contacts",
        "people:contact_create",
        "people:contact_detail",
        "people:contact_edit",
        "people:contact_delete",
        "people:account_org",
        "people:org_unit_edit",
        "people:org_unit_delete",
        "imports:account",
        "imports:account_template",
        "imports:batch",
        "imports:batch_confirm",
        "imports:batch_errors",
        "alerts:account",
        "alerts:account_refresh",
    } <= names


def test_it_answers_404_to_an_outsider_on_every_account_page_and_changes_nothing(
    client_for: object, outsider: object, scoped_objects: dict[str, object]
) -> None:
    client = client_for(outsider)
    before = database_fingerprint()
    for name, kwargs in account_scoped_page_routes():
        url = _url(name, kwargs, scoped_objects)
        # when the outsider reads and writes
        get_response = client.get(url)
        post_response = client.post(url, {"name": "hacked", "user": outsider.uuid})
        # then each is a 404 (or 405 where the route has no such method at all)
        statuses = (get_response.status_code, post_response.status_code)
        assert set(statuses) <= {404, 405}, (url, statuses)
        assert 404 in statuses, (url, statuses)
    assert database_fingerprint() == before


def test_it_refuses_every_write_of_a_viewer_with_403_and_changes_nothing(
    client_for: object, viewer: object, scoped_objects: dict[str, object]
) -> None:
    client = client_for(viewer)
    before = database_fingerprint()
    for name, kwargs in account_scoped_page_routes():
        url = _url(name, kwargs, scoped_objects)
        response = client.post(url, {"name": "changed by viewer", "industry": "energy"})
        # 405: a read-only route has no write at all
        assert response.status_code in (403, 405), (url, response.status_code)
    assert client.post(reverse("accounts:create"), {"name": "x"}).status_code == 403
    assert database_fingerprint() == before


# A viewer's own things: their password, style, language, tokens and calendar subscriptions (and
# signing out, which would end the walk).
# Where anybody may post, signed in or not, and nothing is stored: browsers' reports of what the
# Content-Security-Policy blocked (kam/security/views.py; tests/test_csp.py covers it).
PUBLIC_ENDPOINTS = {"security:csp_report"}

VIEWERS_OWN_PAGES = {
    "favicon",
    "users:login",
    "users:logout",
    "users:password_change",
    "users:social_style",
    "users:language",
    "users:tokens",
    "engagement:subscriptions",
}


def test_it_refuses_every_other_page_write_of_a_viewer_before_reading_the_form(
    client_for: object, viewer: object, account: object
) -> None:
    client = client_for(viewer)
    before = database_fingerprint()
    names = [
        name
        for name in plain_page_routes()
        if name not in VIEWERS_OWN_PAGES and name not in PUBLIC_ENDPOINTS
    ]
    assert "accounts:create" in names
    for name in names:
        # an empty form: a 400 would mean the form was read before the refusal
        response = client.post(reverse(name), {})
        assert response.status_code in (403, 404, 405), (name, response.status_code)
    assert database_fingerprint() == before


def test_it_lets_a_viewer_read_the_accounts_of_their_team(
    client_for: object, viewer: object, account: object, contact: object
) -> None:
    client = client_for(viewer)
    assert client.get(reverse("workspace:account", args=[account.uuid])).status_code == 200
    assert client.get(reverse("people:contact_detail", args=[contact.uuid])).status_code == 200
    assert client.get(reverse("accounts:edit", args=[account.uuid])).status_code == 403


def test_it_shows_team_members_only_their_accounts(
    owner: object, account: object, teammate: object, outsider: object, director: object
) -> None:
    other = AccountFactory(name="Other", owner=UserFactory(role="account_manager"))
    assert set(accounts_visible_to(owner)) == {account}
    assert set(accounts_visible_to(teammate)) == {account}
    assert account not in set(accounts_visible_to(outsider))
    assert set(accounts_visible_to(director)) >= {account, other}
    assert can_change_account(teammate, account) is True
    assert can_change_account(outsider, account) is False


def test_it_hides_everything_from_an_inactive_or_anonymous_user(account: object) -> None:
    inactive = UserFactory(role="director", is_active=False)
    assert list(accounts_visible_to(inactive)) == []


def test_it_lets_a_teammate_edit_but_not_delete_or_manage_the_team(
    client_for: object, teammate: object, account: object
) -> None:
    client = client_for(teammate)
    assert client.get(reverse("accounts:edit", args=[account.uuid])).status_code == 200
    other = UserFactory(role="team_member")
    before = database_fingerprint()
    assert client.post(reverse("accounts:delete", args=[account.uuid])).status_code == 403
    response = client.post(
        reverse("accounts:team", args=[account.uuid]),
        {"user": other.uuid, "team_role": "delivery"},
    )
    assert response.status_code == 403
    assert database_fingerprint() == before


# --- API ---------------------------------------------------------------------------------------

API_PARAMETERS = {
    "account_id": "account_uuid",
    "contact_id": "contact_uuid",
    "unit_id": "unit_uuid",
    "member_id": "membership_uuid",
    "assessment_id": "assessment_uuid",
    "survey_id": "survey_uuid",
    "edge_id": "edge_uuid",
    "action_id": "action_uuid",
    "gift_id": "gift_uuid",
    "matching_id": "matching_uuid",
    "activity_id": "activity_uuid",
    "meeting_id": "meeting_uuid",
    "action_item_id": "action_item_uuid",
    "entry_id": "entry_uuid",
    "key_date_id": "key_date_uuid",
    "batch_id": "batch_uuid",
    "pack_id": "pack_uuid",
    "need_id": "need_uuid",
    "raci_row_id": "raci_row_uuid",
    "cycle_id": "cycle_uuid",
    "year": "plan_year",
    "objective_id": "objective_uuid",
    "number": "version_number",
    "review_id": "review_uuid",
    "letter_id": "letter_uuid",
}


def _api_scoped_operations() -> list[tuple[str, str]]:
    operations = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        if any("{" + parameter + "}" in path for parameter in API_PARAMETERS):
            operations += [(method.upper(), path) for method in methods]
    return operations


def _api_url(path: str, objects: dict[str, object]) -> str:
    for parameter, key in API_PARAMETERS.items():
        path = path.replace("{" + parameter + "}", str(objects[key]))
    return path


def test_it_covers_the_account_scoped_api_operations() -> None:
    operations = _api_scoped_operations()
    assert ("GET", "/api/v1/accounts/{account_id}") in operations
    assert ("PATCH", "/api/v1/contacts/{contact_id}") in operations
    assert ("GET", "/api/v1/accounts/{account_id}/alerts") in operations
    assert len(operations) >= 10


def test_it_answers_404_to_an_outsider_on_every_account_scoped_api_operation(
    client_for: object, outsider: object, scoped_objects: dict[str, object]
) -> None:
    client = client_for(outsider)
    before = database_fingerprint()
    body = json.dumps({"name": "hacked", "user_id": str(outsider.uuid)})
    for method, path in _api_scoped_operations():
        url = _api_url(path, scoped_objects)
        response = client.generic(method, url, body, content_type="application/json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response.json()["error"]["code"] == "not_found"
    assert database_fingerprint() == before


def test_it_refuses_api_writes_of_a_viewer_and_changes_nothing(
    client_for: object, viewer: object, scoped_objects: dict[str, object]
) -> None:
    client = client_for(viewer)
    before = database_fingerprint()
    body = json.dumps({"name": "by viewer", "user_id": str(viewer.uuid)})
    for method, path in _api_scoped_operations():
        if method == "GET":
            continue
        url = _api_url(path, scoped_objects)
        response = client.generic(method, url, body, content_type="application/json")
        assert response.status_code == 403, (method, url, response.status_code)
    response = client.post(
        "/api/v1/accounts",
        json.dumps({"name": "x", "industry": "energy", "region": "east_china"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert database_fingerprint() == before


UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _api_write_operations(client: object) -> list[tuple[str, str]]:
    """Every write in the published schema (read as a signed-in user reads it)."""
    paths = client.get("/api/openapi.json").json()["paths"]
    return [
        (method.upper(), path)
        for path, methods in paths.items()
        for method in methods
        if method.upper() in UNSAFE_METHODS
    ]


def _api_url_or_unknown(path: str, objects: dict[str, object]) -> tuple[str, bool]:
    """The path with the scoped objects filled in (any other id names something unknown), and
    whether it names only objects of the account."""
    url = _api_url(path, objects)
    return re.sub(r"\{[a-z_]+\}", str(uuid.uuid4()), url), "{" not in url


@pytest.mark.parametrize(
    "body", ["", "{", "[]", "{}"], ids=["empty", "malformed", "list", "empty object"]
)
def test_it_refuses_every_api_write_of_a_viewer_before_reading_the_body(
    client_for: object, viewer: object, scoped_objects: dict[str, object], body: str
) -> None:
    # given a viewer on the account's team, and every write operation the API publishes
    client = client_for(viewer)
    operations = _api_write_operations(client)
    assert ("POST", "/api/v1/accounts") in operations
    assert ("PATCH", "/api/v1/contacts/{contact_id}/map") in operations
    assert len(operations) >= 70
    before = database_fingerprint()
    for method, path in operations:
        url, names_the_account = _api_url_or_unknown(path, scoped_objects)
        # when the viewer sends an empty or invalid body
        response = client.generic(method, url, body, content_type="application/json")
        # then 403 (404 for something they cannot see), never a 422 describing the payload
        assert response.status_code in (403, 404), (method, url, response.status_code)
        code = response.json()["error"]["code"]
        assert code == {403: "forbidden", 404: "not_found"}[response.status_code], (method, url)
        if names_the_account:
            assert response.status_code == 403, (method, url)
    assert database_fingerprint() == before


def test_it_refuses_a_viewers_token_write_before_reading_the_body(
    client: object, viewer: object, account: object
) -> None:
    _token, raw = api_token_create(user=viewer, name="sync", scope=TokenScope.READ_WRITE)
    before = database_fingerprint()
    response = client.post(
        "/api/v1/accounts",
        "{}",
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert database_fingerprint() == before


def test_it_lists_only_visible_accounts_in_the_api(
    client_for: object, outsider: object, account: object
) -> None:
    names = [item["name"] for item in client_for(outsider).get("/api/v1/accounts").json()["items"]]
    assert names == ["Outsider Co."]


def test_it_requires_authentication_for_the_api(client: object, account: object) -> None:
    response = client.get("/api/v1/accounts")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_it_requires_sign_in_for_pages(client: object, account: object) -> None:
    response = client.get(reverse("workspace:account", args=[account.uuid]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("users:login"))


def test_it_keeps_a_second_team_account_invisible_to_the_first_team(db: None) -> None:
    first_manager = UserFactory(role="account_manager")
    second_manager = UserFactory(role="account_manager")
    first = AccountFactory(owner=first_manager)
    second = AccountFactory(owner=second_manager)
    TeamMembershipFactory(account=second, user=UserFactory(role="team_member"))
    assert list(accounts_visible_to(first_manager)) == [first]
    assert list(accounts_visible_to(second_manager)) == [second]

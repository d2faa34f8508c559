"""API of the plan reviews: record, list (paginated, constant queries), read, seed next year;
duplicate period 409, bad input 422, viewer 403 and outsider 404 with nothing written."""

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kam.plans.models import AccountPlan
from kam.plans.services import plan_create
from kam.reviews.services import review_record
from kam.reviews.tests.conftest import add_objective, org_sheet, wallet
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
ClientFor = Callable[[object], Client]


def _send(client: Client, method: str, url: str, body: dict[str, object]) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def _base(plan: AccountPlan) -> str:
    return f"/api/v1/accounts/{plan.account.uuid}/plans/{plan.year}/reviews"


def test_it_records_lists_reads_and_seeds(
    client_for: ClientFor, owner: object, account: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    plan = reviewed_plan(2025)
    wallet(owner, account, "2025", 200000)
    org_sheet(owner, account, 3, date(2025, 11, 1))
    client = client_for(owner)
    body = {"kind": "year_end", "review_on": "2025-12-31", "phase": "act", "findings": "年度回顾",
            "corrective_actions": [{"description": "补齐关键人卡片", "owner_id": str(owner.uuid),
                                    "due_on": "2026-01-31"}]}  # fmt: skip
    created = _send(client, "POST", _base(plan), body)
    assert created.status_code == 201, created.content
    review = created.json()
    assert (review["period"], review["score"], review["rating"]) == ("2025", "68.57", "improve")
    assert [item["description"] for item in review["corrective_actions"]] == ["补齐关键人卡片"]
    assert review["snapshot"]["objectives"][0]["achievement"] == "0.5714"
    listing = client.get(_base(plan)).json()
    assert (listing["count"], listing["items"][0]["id"]) == (1, review["id"])
    assert client.get(f"{_base(plan)}/{review['id']}").json()["findings"] == "年度回顾"
    seeded = _send(client, "POST", f"{_base(plan)}/{review['id']}/seed-next-year", {})
    assert seeded.status_code == 201
    assert (seeded.json()["year"], seeded.json()["baseline_on"]) == (2026, "2025-12-31")
    again = _send(client, "POST", f"{_base(plan)}/{review['id']}/seed-next-year", {})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "plan_exists")


def test_it_answers_409_to_a_duplicate_period_and_422_to_bad_input(
    client_for: ClientFor, owner: object, outsider: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    plan = reviewed_plan()
    client = client_for(owner)
    _send(client, "POST", _base(plan), {"kind": "quarterly", "review_on": "2026-03-31"})
    before = database_fingerprint()
    duplicate = _send(client, "POST", _base(plan), {"kind": "quarterly", "review_on": "2026-02-01"})
    assert (duplicate.status_code, duplicate.json()["error"]["code"]) == (409, "duplicate_period")
    # tomorrow, in the plan of tomorrow's year (a fixed date would stop being in the future)
    tomorrow = timezone.localdate() + timedelta(days=1)
    future_plan = plan if tomorrow.year == plan.year else reviewed_plan(tomorrow.year)
    future = _send(
        client, "POST", _base(future_plan), {"kind": "quarterly", "review_on": str(tomorrow)}
    )
    assert future.status_code == 422
    assert future.json()["error"]["fields"] == {
        "review_on": ["A review is recorded on or before today."]
    }
    stranger = {"description": "x", "owner_id": str(outsider.uuid), "due_on": "2026-10-01"}
    body = {"kind": "quarterly", "review_on": "2026-09-30", "corrective_actions": [stranger]}
    outside = _send(client, "POST", _base(plan), body)
    assert outside.json()["error"]["fields"] == {
        "corrective_actions": ["Choose a member of the account team."]
    }
    assert _send(client, "POST", _base(plan), {"kind": "monthly"}).status_code == 422
    assert database_fingerprint() == before


def test_it_refuses_outsiders_and_viewers_and_writes_nothing(
    client_for: ClientFor, owner: object, outsider: object, viewer: object,
    reviewed_plan: Callable[..., AccountPlan],
) -> None:  # fmt: skip
    plan = reviewed_plan()
    review = review_record(actor=owner, plan=plan, kind="quarterly", review_on=date(2026, 3, 31),
                           findings="", phase="check", corrective_actions=[])  # fmt: skip
    before = database_fingerprint()
    body = {"kind": "quarterly", "review_on": "2026-06-30"}
    stranger, reader = client_for(outsider), client_for(viewer)
    assert stranger.get(_base(plan)).status_code == 404
    assert stranger.get(f"{_base(plan)}/{review.uuid}").status_code == 404
    assert _send(stranger, "POST", _base(plan), body).status_code == 404
    assert reader.get(f"{_base(plan)}/{review.uuid}").status_code == 200
    assert _send(reader, "POST", _base(plan), body).status_code == 403
    assert _send(reader, "POST", f"{_base(plan)}/{review.uuid}/seed-next-year", {}).status_code == (
        403
    )
    assert database_fingerprint() == before


def test_it_lists_the_reviews_in_constant_queries(
    client_for: ClientFor, owner: object, account: object
) -> None:
    plan = plan_create(actor=owner, account=account, year=2026)
    add_objective(owner, plan, weight=Decimal("50"))
    client = client_for(owner)
    review_record(actor=owner, plan=plan, kind="quarterly", review_on=date(2026, 3, 31),
                  findings="", phase="check", corrective_actions=[])  # fmt: skip
    few = count_queries(lambda: client.get(_base(plan)))
    for month in (6, 9):
        review_record(actor=owner, plan=plan, kind="quarterly", review_on=date(2026, month, 30),
                      findings="", phase="check", corrective_actions=[])  # fmt: skip
    assert count_queries(lambda: client.get(_base(plan))) == few

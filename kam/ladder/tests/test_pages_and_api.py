"""Ladder pages and API: render, submit, errors next to fields, access, query counts."""

import json
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kam.assessments.models import Assessment
from kam.ladder.models import LadderEvidence
from kam.ladder.selectors import ladder_states_for_contacts
from kam.ladder.services import LadderInput, ladder_assess
from kam.ladder.tests.factories import LadderEvidenceFactory
from tests.access_helpers import database_fingerprint
from tests.factories import CompetitorFactory, ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CODES = [
    "brand_recognition",
    "access_participation",
    "info_sharing",
    "business_guidance",
    "key_event_support",
    "competitive_stance",
]


def _form(scores: list[int], **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"period": "2026", "assessed_on": TODAY.isoformat()}
    data.update({f"score__{code}": str(value) for code, value in zip(CODES, scores, strict=True)})
    data.update(extra)
    return data


def _snapshot(owner: object, contact: object, period: str = "2026") -> Assessment:
    return ladder_assess(
        actor=owner, contact=contact,
        data=LadderInput(
            period=period, assessed_on=TODAY,
            scores=dict(zip(CODES, [2, 1, 1, 0, 0, 0], strict=True)), evidence={},
            target_level=4, competitor_level=3,
        ),
    )  # fmt: skip


def test_it_shows_an_empty_state_that_says_what_to_do(
    client_for: object, owner: object, contact: object
) -> None:
    response = client_for(owner).get(reverse("ladder:contact", args=[contact.uuid]))
    assert response.status_code == 200
    assert b'data-testid="ladder-empty"' in response.content
    assert b"Record what this person actually does" in response.content
    assert b"A rung scored 2 needs evidence from the last 12 months." in response.content
    assert reverse("ladder:assess", args=[contact.uuid]).encode() in response.content
    assert reverse("people:contact_detail", args=[contact.uuid]).encode() in response.content


def test_it_assesses_from_the_page_and_shows_the_ladder(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    item = LadderEvidenceFactory(contact=contact, rung_code="brand_recognition", occurred_on=TODAY)
    competitor = CompetitorFactory(name="西门子")
    page = client.get(reverse("ladder:assess", args=[contact.uuid]))
    assert page.status_code == 200
    assert str(item.uuid).encode() in page.content
    # when the owner scores 2, 2, 1 with evidence for rung 1 only
    response = client.post(
        reverse("ladder:assess", args=[contact.uuid]),
        _form([2, 2, 1, 0, 0, 0], **{
            "evidence__brand_recognition": [str(item.uuid)], "target_level": "4",
            "competitor_level": "2", "competitor": str(competitor.uuid),
        }),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    snapshot = Assessment.objects.get()
    assert snapshot.inputs["capped_rungs"] == ["access_participation"]
    assert snapshot.inputs["competitor"] == str(competitor.uuid)
    # then the ladder page shows the level, the cap, the charts and the evidence
    page = client.get(reverse("ladder:contact", args=[contact.uuid]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="ladder-level">L3 Shares information<' in html
    assert 'data-testid="capped-access_participation"' in html
    assert "dated within the last 12 calendar months before the assessment date" in html
    assert "365 days" not in html  # the old day-count wording (a uuid may contain "365")
    assert 'data-chart="ladder-option"' in html
    assert 'data-chart="ladder-history-option"' in html
    assert item.description in html
    assert "西门子" in html
    assert "16.67" in html  # (2 + 2 + 3) / 42


def test_it_keeps_the_input_and_shows_errors_next_to_the_fields(
    client_for: object, owner: object, contact: object
) -> None:
    data = _form([2, 1, 1, 0, 0, 0], period="2026-Q9", note="保留这段话")
    del data["score__info_sharing"]
    data["assessed_on"] = (TODAY + timedelta(days=2)).isoformat()
    response = client_for(owner).post(reverse("ladder:assess", args=[contact.uuid]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="2026-Q9"' in html
    assert "保留这段话" in html
    assert "This date is in the future" in html
    assert html.count('class="field-error"') >= 3
    assert Assessment.objects.count() == 0


def test_it_records_evidence_from_the_page(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    url = reverse("ladder:evidence_new", args=[contact.uuid])
    assert client.get(url + "?rung=info_sharing").status_code == 200
    bad = client.post(url, {"rung_code": "info_sharing", "occurred_on": "2999-01-01",
                            "kind": "call", "description": "透露了预算"})  # fmt: skip
    assert bad.status_code == 400
    assert "透露了预算" in bad.content.decode()
    assert LadderEvidence.objects.count() == 0
    good = client.post(url, {"rung_code": "info_sharing", "occurred_on": TODAY.isoformat(),
                             "kind": "call", "description": "透露了预算"})  # fmt: skip
    assert good.status_code == 302
    assert LadderEvidence.objects.get().rung_code == "info_sharing"


def test_it_shows_a_viewer_the_ladder_without_forms_and_refuses_writes(
    client_for: object, owner: object, viewer: object, contact: object
) -> None:
    _snapshot(owner, contact)
    client = client_for(viewer)
    page = client.get(reverse("ladder:contact", args=[contact.uuid]))
    assert page.status_code == 200
    assert reverse("ladder:assess", args=[contact.uuid]).encode() not in page.content
    before = database_fingerprint()
    counts = (Assessment.objects.count(), LadderEvidence.objects.count())
    for name in ("ladder:assess", "ladder:evidence_new"):
        url = reverse(name, args=[contact.uuid])
        assert client.get(url).status_code == 403
        assert client.post(url, _form([2, 2, 2, 2, 2, 2])).status_code == 403
    api = f"/api/v1/contacts/{contact.uuid}"
    body = {"period": "2026", "assessed_on": TODAY.isoformat(), "scores": {}}
    for path in ("/ladder-assessments", "/ladder-evidence"):
        response = client.post(api + path, json.dumps(body), content_type="application/json")
        assert response.status_code == 403
    assert database_fingerprint() == before
    assert (Assessment.objects.count(), LadderEvidence.objects.count()) == counts


def test_it_hides_the_ladder_from_an_outsider(
    client_for: object, owner: object, outsider: object, contact: object
) -> None:
    _snapshot(owner, contact)
    LadderEvidenceFactory(contact=contact)
    client = client_for(outsider)
    counts = (Assessment.objects.count(), LadderEvidence.objects.count())
    for name in ("ladder:contact", "ladder:assess", "ladder:evidence_new"):
        url = reverse(name, args=[contact.uuid])
        assert client.get(url).status_code == 404
        assert client.post(url, _form([2, 2, 2, 2, 2, 2])).status_code in (404, 405)
    api = f"/api/v1/contacts/{contact.uuid}"
    operations = [("GET", "/ladder"), ("GET", "/ladder-evidence"),
                  ("POST", "/ladder-assessments"), ("POST", "/ladder-evidence")]  # fmt: skip
    for method, path in operations:
        response = client.generic(method, api + path, "{}", content_type="application/json")
        assert response.status_code == 404, (method, path)
        assert response.json()["error"]["code"] == "not_found"
    assert (Assessment.objects.count(), LadderEvidence.objects.count()) == counts


def test_it_serves_the_ladder_in_the_api(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    api = f"/api/v1/contacts/{contact.uuid}"
    created = client.post(
        api + "/ladder-evidence",
        json.dumps({"rung_code": "brand_recognition", "occurred_on": TODAY.isoformat(),
                    "kind": "meeting", "description": "拜访"}),
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    evidence_id = created.json()["id"]
    body = {
        "period": "2026", "assessed_on": TODAY.isoformat(),
        "scores": dict(zip(CODES, [2, 2, 2, 1, 0, 0], strict=True)),
        "evidence": {"brand_recognition": [evidence_id]}, "target_level": 5,
    }  # fmt: skip
    response = client.post(api + "/ladder-assessments", json.dumps(body),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 201, response.content
    state = response.json()
    assert state["current_level"] == 4
    assert state["capped_rungs"] == ["access_participation", "info_sharing"]
    assert state["level_index"] == 26.19  # capped 2,1,1,1,0,0: (2 + 2 + 3 + 4) / 42
    assert state["evidence"] == {"brand_recognition": [evidence_id]}
    ladder = client.get(api + "/ladder").json()
    assert ladder["current"]["assessment_id"] == state["assessment_id"]
    assert len(ladder["history"]) == 1
    assert [rung["code"] for rung in ladder["rungs"]] == CODES
    listing = client.get(api + "/ladder-evidence").json()
    assert (listing["count"], listing["items"][0]["id"]) == (1, evidence_id)


@pytest.mark.parametrize(
    "change",
    [
        {"scores": {"brand_recognition": 3}},
        {"scores": "lots"},
        {"period": "last year"},
        {"target_level": 9},
        {"competitor_id": "00000000-0000-0000-0000-000000000000"},
        {"evidence": {"brand_recognition": ["00000000-0000-0000-0000-000000000000"]}},
        {"assessed_on": "2999-01-01"},
    ],
)
def test_it_refuses_bad_api_input(
    client_for: object, owner: object, contact: object, change: dict[str, object]
) -> None:
    body = {"period": "2026", "assessed_on": TODAY.isoformat(),
            "scores": dict.fromkeys(CODES, 1)}  # fmt: skip
    body.update(change)
    response = client_for(owner).post(
        f"/api/v1/contacts/{contact.uuid}/ladder-assessments",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["message"]
    assert Assessment.objects.count() == 0


def test_it_keeps_the_ladder_page_and_api_queries_constant(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    urls = [
        reverse("ladder:contact", args=[contact.uuid]),
        reverse("ladder:assess", args=[contact.uuid]),
        f"/api/v1/contacts/{contact.uuid}/ladder",
        f"/api/v1/contacts/{contact.uuid}/ladder-evidence?page_size=50",
    ]
    _snapshot(owner, contact, "2024")
    LadderEvidenceFactory(contact=contact)
    few = [count_queries(lambda url=url: client.get(url)) for url in urls]
    for period in ("2025", "2026-H1", "2026-Q3"):
        _snapshot(owner, contact, period)
    for index in range(15):
        LadderEvidenceFactory(contact=contact, rung_code=CODES[index % 6])
    many = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert many == few


def test_it_renders_the_badge_partial(owner: object, contact: object) -> None:
    assert "no ladder yet" in render_to_string("ladder/partials/badge.html", {"state": None})
    _snapshot(owner, contact)
    state = ladder_states_for_contacts([contact.pk])[contact.pk]
    html = render_to_string("ladder/partials/badge.html", {"state": state})
    assert ">L3 Shares information<" in html


def test_it_does_not_confuse_the_account_assessment_list_with_person_snapshots(
    client_for: object, owner: object, contact: object, account: object
) -> None:
    _snapshot(owner, ContactFactory(account=account))
    data = client_for(owner).get(f"/api/v1/accounts/{account.uuid}/assessments").json()
    assert data["count"] == 0


def test_it_opens_a_ladder_snapshot_on_the_engine_detail_page(
    client_for: object, owner: object, contact: object
) -> None:
    snapshot = _snapshot(owner, contact)
    response = client_for(owner).get(reverse("assessments:detail", args=[snapshot.uuid]))
    assert response.status_code == 200
    assert "Recognises/accepts our brand" in response.content.decode()


def test_it_serves_the_badge_for_htmx_to_the_team_only(
    client_for: object, owner: object, viewer: object, outsider: object, contact: object
) -> None:
    url = reverse("ladder:contact_badge", args=[contact.uuid])
    assert b"no ladder yet" in client_for(viewer).get(url).content
    _snapshot(owner, contact)
    assert b">L3 Shares information<" in client_for(viewer).get(url).content
    assert client_for(outsider).get(url).status_code == 404
    client = client_for(owner)
    assert count_queries(lambda: client.get(url)) <= 6

"""Scoring an account in the pages and the API; explanations; access; bad input."""

import json
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

ORG_CODES = ["c_exec_freq", "c_channels", "c_info", "m_strategy", "m_solution", "m_org",
             "j_plan", "j_project", "j_innovation", "i_brand", "i_status", "i_public"]  # fmt: skip
ORG_VALUES = [4, 3, 5, 2, 2, 3, 4, 4, 4, 5, 4, 4]


def form_data(values: list[int | None], period: str = "2026") -> dict[str, object]:
    data: dict[str, object] = {"period": period, "assessed_on": "2026-03-01", "note": "季度评估"}
    for code, value in zip(ORG_CODES, values, strict=True):
        data[f"value__{code}__0"] = "" if value is None else str(value)
        data[f"evidence__{code}"] = f"依据 {code}"
    return data


def new_url(account: object, tool: str = "org_score_sheet") -> str:
    return reverse("assessments:new", args=[account.uuid, tool])


def test_it_scores_the_org_sheet_from_the_page_and_explains_it(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    assert client.get(new_url(account)).status_code == 200
    response = client.post(new_url(account), form_data(ORG_VALUES))
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", args=[assessment.uuid])
    page = client.get(response["Location"]).content.decode()
    assert "73.3" in page
    assert "Interdependent requires Matching ≥ 50, but it is 46.7: lowered to Cooperative." in page
    assert "依据 m_strategy" in page


def test_it_says_which_gate_dimension_is_not_answered_yet_in_chinese(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    client.post(new_url(account), form_data([None, None, 4, *[None] * 9]))

    page = client.get(
        reverse("assessments:detail", args=[Assessment.objects.get().uuid]),
        headers={"accept-language": "zh-hans"},
    ).content.decode()

    assert "伙伴合作 要求 匹配 ≥ 50，但匹配尚未回答：已降为 战略合作。" in page
    assert "但实际为 ：" not in page


def test_it_keeps_input_and_writes_nothing_on_a_bad_submit(
    client_for: object, owner: object, account: object
) -> None:
    before = database_fingerprint()
    count = Assessment.objects.count()
    data = {**form_data(ORG_VALUES), "period": "26", "value__c_info__0": "9"}
    response = client_for(owner).post(new_url(account), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "period" in form.errors
    assert "value__c_info__0" in form.errors
    assert form["value__c_exec_freq__0"].value() == "4"
    assert Assessment.objects.count() == count
    assert database_fingerprint() == before


def test_it_scores_with_two_assessors_and_shows_the_spread(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    client = client_for(owner)
    url = (
        new_url(account, "relationship_test") + f"?assessors={owner.uuid}&assessors={teammate.uuid}"
    )
    data = {
        "period": "2026",
        "assessed_on": "2026-02-01",
        "value__trust__0": "3",
        "value__trust__1": "5",
    }
    response = client.post(url, data)
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    trust = next(row for row in assessment.result["criteria"] if row["code"] == "trust")
    assert (trust["raw_mean"], trust["spread"], trust["answers"]) == (4.0, 25.0, 2)
    assert set(assessment.assessors.all()) == {owner, teammate}
    assert assessment.is_complete is False  # 1 of 8 items


def test_it_lets_an_outsider_reach_no_assessment_page_or_api(
    client_for: object, owner: object, outsider: object, account: object
) -> None:
    client_for(owner).post(new_url(account), form_data(ORG_VALUES))
    assessment = Assessment.objects.get()
    client = client_for(outsider)
    before = database_fingerprint()
    count = Assessment.objects.count()
    urls = [
        new_url(account),
        reverse("assessments:history", args=[account.uuid, "org_score_sheet"]),
        reverse("assessments:detail", args=[assessment.uuid]),
        reverse("assessments:rescore", args=[assessment.uuid]),
        f"/api/v1/accounts/{account.uuid}/assessments",
        f"/api/v1/assessments/{assessment.uuid}",
    ]
    for url in urls:
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, form_data(ORG_VALUES)).status_code in (400, 404, 405), url
    api = client.post(
        f"/api/v1/accounts/{account.uuid}/assessments",
        json.dumps({"tool_code": "relationship_test", "period": "2026", "assessed_on": "2026-01-01",
                    "answers": [{"criterion_code": "trust", "value": 3}]}),
        content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 404
    assert Assessment.objects.count() == count
    assert database_fingerprint() == before


def test_it_refuses_a_viewer(client_for: object, viewer: object, account: object) -> None:
    client = client_for(viewer)
    assert client.get(new_url(account)).status_code == 403
    assert client.post(new_url(account), form_data(ORG_VALUES)).status_code == 403
    assert Assessment.objects.count() == 0


def test_it_creates_and_explains_an_assessment_in_the_api(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    body = {
        "tool_code": "org_score_sheet", "period": "2026", "assessed_on": "2026-03-01",
        "answers": [
            {"criterion_code": code, "value": value}
            for code, value in zip(ORG_CODES, ORG_VALUES, strict=True)
        ],
    }  # fmt: skip
    response = client.post(
        f"/api/v1/accounts/{account.uuid}/assessments",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["total"] == "73.33"
    assert data["band"] == "cooperative"
    assert data["explanation"]["gates"][0]["group_label"] == "Matching"
    listed = client.get(f"/api/v1/accounts/{account.uuid}/assessments?tool_code=org_score_sheet")
    assert listed.json()["count"] == 1


@pytest.mark.parametrize(
    "change",
    [
        {"period": "2026-Q5"},
        {"tool_code": "nope"},
        {"answers": []},
        {"answers": [{"criterion_code": "c_info", "value": 7}]},
        {"answers": [{"criterion_code": "c_info", "value": "x"}]},
        {"answers": [{"criterion_code": "unknown", "value": 1}]},
        {"answers": [{"criterion_code": "c_info", "value": 1, "competitor_id": str(uuid.UUID(int=0))}]},  # noqa: E501
    ],
)  # fmt: skip
def test_it_refuses_bad_api_input(
    client_for: object, owner: object, account: object, change: dict
) -> None:
    body = {"tool_code": "org_score_sheet", "period": "2026", "assessed_on": "2026-03-01",
            "answers": [{"criterion_code": "c_info", "value": 3}], **change}  # fmt: skip
    before = database_fingerprint()
    response = client_for(owner).post(
        f"/api/v1/accounts/{account.uuid}/assessments",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["message"]
    assert Assessment.objects.count() == 0
    assert database_fingerprint() == before


def test_it_lists_templates_in_the_api(client_for: object, viewer: object) -> None:
    data = client_for(viewer).get("/api/v1/assessment-templates?page_size=50").json()
    tools = {item["tool_code"] for item in data["items"]}
    # Other apps seed the templates of their own instruments (social_style) in their migrations.
    assert tools >= {"scorecard_attractiveness", "scorecard_strength", "relationship_test",
                     "org_score_sheet", "satisfaction", "relationship_coordinate",
                     "key_person_ladder"}  # fmt: skip
    assert tools <= set(ToolCode.values)
    org = next(item for item in data["items"] if item["tool_code"] == "org_score_sheet")
    assert len(org["criteria"]) == 12
    assert org["gates"][1] == {
        "band_code": "integrated",
        "minimums": {"joint": 70, "identification": 70},
    }


def test_it_keeps_detail_and_history_queries_constant(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    client.post(new_url(account), form_data(ORG_VALUES, "2025"))

    def latest_url() -> str:
        latest = Assessment.objects.filter(is_current=True).latest("period")
        return reverse("assessments:detail", args=[latest.uuid])

    history = reverse("assessments:history", args=[account.uuid, "org_score_sheet"])
    small = (
        count_queries(lambda: client.get(latest_url())),
        count_queries(lambda: client.get(history)),
    )
    for period in ("2026", "2027", "2028"):
        client.post(new_url(account), form_data(ORG_VALUES, period))
        client.post(new_url(account), form_data([5] * 12, period))
    large = (
        count_queries(lambda: client.get(latest_url())),
        count_queries(lambda: client.get(history)),
    )
    assert large == small
    assert max(large) <= 15


def test_it_carries_every_answer_evidence_and_note_into_the_correction(
    client_for: object, owner: object, account: object
) -> None:
    # given a snapshot with scores, evidence on each criterion (one of them left unscored)
    # and a note
    client = client_for(owner)
    values: list[int | None] = [*ORG_VALUES[:-1], None]
    client.post(new_url(account), form_data(values, period="2025"))
    source = Assessment.objects.get()
    # when the correction form opens
    response = client.get(new_url(account), {"from": str(source.uuid)})
    form = response.context["form"]
    # then it carries every answer, every evidence text, the note and the date
    for code, value in zip(ORG_CODES, values, strict=True):
        assert form[f"value__{code}__0"].value() == (None if value is None else str(value))
        assert form[f"evidence__{code}"].value() == f"依据 {code}"
    assert form["note"].value() == "季度评估"
    assert form["period"].value() == "2025"
    assert str(form["assessed_on"].value()) == "2026-03-01"
    # and saving it untouched keeps the evidence on the new snapshot
    data = {name: form[name].value() or "" for name in form.fields}
    assert client.post(new_url(account) + f"?from={source.uuid}", data).status_code == 302
    corrected = Assessment.objects.get(is_current=True)
    assert corrected.supersedes == source
    evidence = {r.criterion_code: r.evidence for r in corrected.responses.all()}
    assert evidence == {code: f"依据 {code}" for code in ORG_CODES}
    assert corrected.note == "季度评估"
    assert corrected.total == source.total


def test_it_starts_a_new_sheet_with_every_item_unanswered(
    client_for: object, owner: object, account: object
) -> None:
    # given an account without strategic-matching items (m_solution would be derived as 0)
    client = client_for(owner)
    body = client.get(new_url(account)).content.decode()
    form = client.get(new_url(account)).context["form"]
    # then no item starts with a score
    assert all(form[f"value__{code}__0"].value() is None for code in ORG_CODES)
    assert "selected>0 ·" not in body
    # and the m_solution hint does not pre-select "0 · 无" (no evidence, no answer)
    hint = client.get(
        reverse("engagement:solution_hint", args=[account.uuid]),
        {"prefill": "1", "value__m_solution__0": ""},
    ).content.decode()
    assert "0 proven, 0 delivered" in hint
    assert "hx-swap-oob" not in hint
    # and a sheet with one item answered counts only that item
    data = form_data([None, None, 4, *[None] * 9])
    assert client.post(new_url(account), data).status_code == 302
    snapshot = Assessment.objects.get()
    assert snapshot.responses.exclude(value=None).count() == 1
    assert snapshot.completeness == Decimal("0.0833")

"""Documents and packs through the access rules: an outsider finds nothing and changes nothing,
a viewer reads and exports but builds no pack; a failed pack says so; the API's files and packs."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kam.api.api import api
from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.documents.choices import PackStatus
from kam.documents.models import DocumentPack
from kam.documents.services import pack_create
from kam.engagement.tests.meeting_factories import meeting_objects
from kam.letters.tests.objects import letter_objects
from kam.plans.tests.objects import plan_objects
from tests.access_helpers import account_scoped_page_routes, database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FAILURE = (
    "The pack could not be built. Try again; if it fails again, tell an administrator "
    "(the error is in the server log)."
)


def run_worker() -> None:
    call_command("run_worker", "--batch", "--interval", "0", stdout=io.StringIO())


@pytest.fixture
def objects(account: object, contact: object) -> dict[str, object]:
    assessment = assessment_submit(
        actor=account.owner,
        account=account,
        template=template_current(tool_code="relationship_test"),
        data=AssessmentInput(
            period="2026", assessed_on=date(2026, 1, 1), answers=[AnswerInput("trust", Decimal(4))]
        ),
    )
    pack = DocumentPack.objects.create(
        account=account, year=2026, language="en", created_by=account.owner
    )
    plans = plan_objects(account.owner, account)
    return {
        **letter_objects(account.owner, plans["plan_uuid"]),
        **meeting_objects(account.owner, account, contact),
        **plans,
        "account_uuid": account.uuid,
        "contact_uuid": contact.uuid,
        "assessment_uuid": assessment.uuid,
        "pack_uuid": pack.uuid,
    }


def document_routes() -> list[tuple[str, set[str]]]:
    return [(name, kwargs) for name, kwargs in account_scoped_page_routes() if "documents:" in name]


def test_it_has_an_export_route_per_form_and_format_and_the_pack_routes() -> None:
    assert sorted(name for name, _kwargs in document_routes()) == sorted(
        [
            *(
                f"documents:{route}_{file_format}"
                for route in (
                    "card",
                    "assessment",
                    "scorecard",
                    "meeting",
                    "power_map",
                    "key_person_table",
                    "year_map",
                    "plan",
                    "plan_version",
                    "letter",
                )
                for file_format in ("pdf", "docx")
            ),
            "documents:packs",
            "documents:pack",
            "documents:pack_download",
        ]
    )


def test_it_answers_404_to_an_outsider_on_every_document_route_and_changes_nothing(
    client_for: object, outsider: object, objects: dict[str, object]
) -> None:
    client = client_for(outsider)
    before = database_fingerprint()
    for name, kwargs in document_routes():
        url = reverse(name, kwargs={key: objects[key] for key in kwargs})
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"year": 2026}).status_code in (404, 405), url
    api_urls = [
        f"/api/v1/contacts/{objects['contact_uuid']}/card/pdf",
        f"/api/v1/contacts/{objects['contact_uuid']}/card/docx",
        f"/api/v1/assessments/{objects['assessment_uuid']}/pdf",
        f"/api/v1/assessments/{objects['assessment_uuid']}/docx",
        f"/api/v1/document-packs/{objects['pack_uuid']}",
        f"/api/v1/document-packs/{objects['pack_uuid']}/pdf",
    ]
    for url in api_urls:
        response = client.get(url)
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found"), url
    response = client.post(
        f"/api/v1/accounts/{objects['account_uuid']}/document-packs",
        json.dumps({"year": 2026}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert database_fingerprint() == before


def test_it_lets_a_viewer_export_every_form_but_not_build_a_pack(
    client_for: object, viewer: object, objects: dict[str, object]
) -> None:
    client = client_for(viewer)
    for name, kwargs in document_routes():
        if not name.endswith(("_pdf", "_docx")):
            continue
        response = client.get(reverse(name, kwargs={key: objects[key] for key in kwargs}))
        expected = "application/pdf" if name.endswith("_pdf") else DOCX
        assert (response.status_code, response["Content-Type"]) == (200, expected), name
    packs_url = reverse("documents:packs", args=[objects["account_uuid"]])
    assert 'data-testid="pack-create"' not in client.get(packs_url).content.decode()
    before = database_fingerprint()
    assert client.post(packs_url, {"year": 2026}).status_code == 403
    response = client.post(
        f"/api/v1/accounts/{objects['account_uuid']}/document-packs",
        json.dumps({"year": 2026}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert database_fingerprint() == before


def test_it_refuses_to_export_an_assessment_that_has_no_printable_form(
    client_for: object, owner: object, account: object
) -> None:
    template = template_current(tool_code="relationship_coordinate")
    criterion = template.criteria.order_by("pk").first()
    snapshot = assessment_submit(
        actor=owner,
        account=account,
        template=template,
        data=AssessmentInput(
            period="2026",
            assessed_on=date(2026, 1, 1),
            answers=[AnswerInput(criterion.code, Decimal(template.scale_min))],
        ),
    )
    response = client_for(owner).get(reverse("documents:assessment_pdf", args=[snapshot.uuid]))
    assert response.status_code == 404


def test_it_labels_the_export_buttons_in_chinese(owner: object, contact: object) -> None:
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(owner)
    html = client.get(reverse("cards:card", args=[contact.uuid])).content.decode()
    pdf_url = reverse("documents:card_pdf", args=[contact.uuid])
    assert f'href="{pdf_url}" data-testid="export-pdf" download>导出 PDF</a>' in html
    assert 'data-testid="export-docx" download>导出 Word</a>' in html


def test_it_shows_a_failed_pack_with_a_clear_message(
    client_for: object,
    owner: object,
    account: object,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: object,
) -> None:
    def broken(html: str) -> bytes:
        raise RuntimeError("no fonts")

    monkeypatch.setattr("kam.documents.services.pdf_from_html", broken)
    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(reverse("documents:packs", args=[account.uuid]), {"year": 2026})
    run_worker()
    pack = DocumentPack.objects.get(account=account)
    assert (pack.status, pack.error, pack.content) == (PackStatus.FAILED, FAILURE, None)
    html = client.get(reverse("documents:pack", args=[pack.uuid])).content.decode()
    assert f'<p class="callout warning" role="alert" data-testid="pack-error">{FAILURE}</p>' in (
        html.replace("&#x27;", "'")
    )
    download = client.get(reverse("documents:pack_download", args=[pack.uuid]))
    assert download.status_code == 302


def test_it_rejects_a_year_out_of_range_and_queues_nothing(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).post(reverse("documents:packs", args=[account.uuid]), {"year": 1})
    assert response.status_code == 400
    assert DocumentPack.objects.count() == 0


def test_it_serves_the_card_and_the_score_sheet_as_files_through_the_api(
    client_for: object, owner: object, objects: dict[str, object]
) -> None:
    client = client_for(owner)
    card = client.get(f"/api/v1/contacts/{objects['contact_uuid']}/card/pdf")
    assert (card.status_code, card["Content-Type"], card.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    sheet = client.get(f"/api/v1/assessments/{objects['assessment_uuid']}/docx")
    assert (sheet.status_code, sheet["Content-Type"], sheet.content[:2]) == (200, DOCX, b"PK")


def test_it_builds_a_pack_through_the_api_and_reports_its_progress(
    client_for: object,
    owner: object,
    account: object,
    django_capture_on_commit_callbacks: object,
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/document-packs"
    invalid = client.post(url, json.dumps({"year": 1900}), content_type="application/json")
    assert invalid.status_code == 422
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        created = client.post(url, json.dumps({"year": 2026}), content_type="application/json")
    body = created.json()
    assert created.status_code == 201
    assert (body["status"], body["percent"], body["download_url"]) == ("queued", 0, None)
    not_ready = client.get(f"/api/v1/document-packs/{body['id']}/pdf")
    assert (not_ready.status_code, not_ready.json()["error"]["code"]) == (409, "not_ready")
    run_worker()
    status = client.get(f"/api/v1/document-packs/{body['id']}").json()
    assert (status["status"], status["percent"], status["progress"]) == ("done", 100, 5)
    assert status["download_url"] == f"/api/v1/document-packs/{body['id']}/pdf"
    assert client.get(status["download_url"]).content[:5] == b"%PDF-"


def test_it_documents_the_files_and_the_errors_in_the_openapi_schema() -> None:
    with translation.override("en"):
        schema = api.get_openapi_schema()
    card = schema["paths"]["/api/v1/contacts/{contact_id}/card/pdf"]["get"]["responses"]
    assert set(card) == {200, 401, 404} or set(card) == {"200", "401", "404"}
    assert "application/pdf" in card[200 if 200 in card else "200"]["content"]
    assert {"DocumentPackOut", "DocumentPackIn", "ErrorOut"} <= set(schema["components"]["schemas"])


def test_the_pack_list_reads_a_constant_number_of_queries(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("documents:packs", args=[account.uuid])
    pack_create(actor=owner, account=account, year=2026, language="zh-hans")
    few = count_queries(lambda: client.get(url))
    for year in range(2015, 2025):
        pack_create(actor=owner, account=account, year=year, language="en")
    assert count_queries(lambda: client.get(url)) == few

"""The health page and its forms: figures, charts, empty states, validation next to the fields."""

import json
import re

import pytest
from django.urls import reverse

from kam.health.models import SatisfactionSurvey, SurveyRespondent, WalletEstimate
from kam.health.tests.conftest import submit_relationship_test, submit_survey
from tests.factories import AccountFactory, CompetitorFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _chart(html: str, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    assert match, element_id
    return json.loads(match.group(1))


def _tile(html: str, code: str) -> str:
    match = re.search(rf'data-testid="tile-{code}">(.*?)</div>', html, re.S)
    assert match, code
    return " ".join(match.group(1).split())


def test_it_shows_the_figures_charts_and_diagnosis(
    client_for: object, owner: object, account: object, worked_example: dict[str, object]
) -> None:
    submit_relationship_test(owner, account, period="2025", scores=[3] * 8)
    response = client_for(owner).get(reverse("health:account", args=[account.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "71.3" in _tile(html, "satisfaction")
    assert "CSAT 66.7 %" in _tile(html, "satisfaction")
    assert "n = 3 · promoters 2 · passives 0 · detractors 1" in _tile(html, "nps")
    assert "41.7 %" in _tile(html, "share_of_wallet")
    assert "Wallet allocation rule estimate: 47.2 %" in _tile(html, "share_of_wallet")
    assert "68.8" in _tile(html, "relationship_test")
    assert "Previous (2025): 50.0" in _tile(html, "relationship_test")
    assert "(+18.8)" in _tile(html, "relationship_test")
    assert "Interdependent" in _tile(html, "stage")
    assert "Previous (2025): Cooperative" in _tile(html, "stage")
    assert "73.9" in _tile(html, "health")
    assert 'data-testid="diagnosis">Growth opportunity' in html
    ipa = _chart(html, "ipa-option")
    assert [point["name"] for point in ipa["series"][0]["data"]] == [
        "Product quality",
        "Delivery reliability",
        "Responsiveness",
        "Innovation and ideas",
    ]
    assert ipa["series"][0]["data"][1]["value"] == [4.5, 2.5, 2.0]
    wallet = _chart(html, "wallet-option")
    assert wallet["xAxis"]["data"] == ["Services", "Transformers"]
    assert [(s["name"], s["data"]) for s in wallet["series"]] == [
        ("Us", [50.0, 40.0]),
        ("Siemens", [0.0, 35.0]),
        ("ABB", [0.0, 15.0]),
        ("Unallocated", [50.0, 10.0]),
    ]
    diagnosis = _chart(html, "diagnosis-option")
    assert diagnosis["series"][1]["data"] == [{"name": "2026", "value": [41.7, 71.3]}]
    trend = _chart(html, "trend-option")
    assert trend["xAxis"]["data"] == ["2025", "2026"]
    assert trend["series"][2]["data"] == [50.0, 68.8]


def test_it_plots_the_account_against_the_visible_portfolio(
    client_for: object, owner: object, account: object, worked_example: dict[str, object]
) -> None:
    # given another account of the same manager with both figures, and a hidden one
    other = AccountFactory(name="<b>Other</b> Grid", owner=owner)
    submit_survey(owner, other)
    from kam.health.tests.conftest import save_wallets

    save_wallets(owner, other)
    hidden = AccountFactory(name="Hidden")
    submit_survey(hidden.owner, hidden)
    save_wallets(hidden.owner, hidden)
    html = client_for(owner).get(reverse("health:account", args=[account.uuid])).content.decode()
    diagnosis = _chart(html, "diagnosis-option")
    # then the visible account is a grey point, its name as data; the hidden one is absent
    assert diagnosis["series"][0]["data"] == [{"name": "<b>Other</b> Grid", "value": [41.7, 71.3]}]
    assert "Grey: 1 other account of your portfolio with both figures in 2026." in html


def test_it_tells_what_to_do_when_there_is_no_data(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).get(reverse("health:account", args=[account.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No health check yet." in html
    assert "No data yet" in _tile(html, "health")
    assert "Record a survey" in _tile(html, "satisfaction")
    assert "Estimate the wallet" in _tile(html, "share_of_wallet")
    assert "Run the relationship test" in _tile(html, "stage")
    assert "The diagnosis needs both a satisfaction survey and a wallet estimate" in html
    assert 'data-chart="' not in html


def test_it_hides_the_forms_from_a_viewer(
    client_for: object, viewer: object, account: object, worked_example: dict[str, object]
) -> None:
    html = client_for(viewer).get(reverse("health:account", args=[account.uuid])).content.decode()
    assert reverse("health:survey_create", args=[account.uuid]) not in html
    assert (
        client_for(viewer).get(reverse("health:survey_create", args=[account.uuid])).status_code
        == 403
    )


# --- survey form ----------------------------------------------------------------------------


def _survey_post(contact: object, **changes: str) -> dict[str, str]:
    data = {
        "period": "2026",
        "conducted_on": "2026-03-02",
        "note": "Annual survey",
        "respondents-TOTAL_FORMS": "3",
        "respondents-INITIAL_FORMS": "0",
        "respondents-MIN_NUM_FORMS": "0",
        "respondents-MAX_NUM_FORMS": "30",
        "respondents-0-contact": str(contact.pk),
        "respondents-0-role": "CIO",
        "respondents-0-influence": "8",
        "respondents-0-overall": "4",
        "respondents-0-recommend": "9",
        "respondents-0-importance__product_quality": "5",
        "respondents-0-performance__product_quality": "4",
        "respondents-0-verbatim": "Good quality.",
        "respondents-1-influence": "5",
        "respondents-1-is_anonymous": "on",
        "respondents-1-overall": "2",
        "respondents-1-recommend": "3",
        "respondents-2-influence": "5",
    }
    data.update(changes)
    return data


def test_it_offers_three_respondent_rows_and_more_on_request(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    url = reverse("health:survey_create", args=[account.uuid])
    html = client.get(url).content.decode()
    assert html.count('data-testid="respondent"') == 3
    assert f'<option value="{contact.pk}">张伟</option>' in html
    assert client.get(url + "?rows=5").content.decode().count('data-testid="respondent"') == 5
    # htmx: one more row, and the new row count out of band
    row = client.get(url + "?row=3", headers={"HX-Request": "true"}).content.decode()
    assert row.count('data-testid="respondent"') == 1
    assert 'name="respondents-3-contact"' in row
    assert 'name="respondents-TOTAL_FORMS" value="4"' in row
    assert 'hx-get="?row=4"' in row


def test_it_limits_the_contacts_to_the_account(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    foreign = ContactFactory(account=AccountFactory(owner=owner), name="Foreign Person")
    client = client_for(owner)
    url = reverse("health:survey_create", args=[account.uuid])
    assert "Foreign Person" not in client.get(url).content.decode()
    response = client.post(url, _survey_post(contact, **{"respondents-0-contact": str(foreign.pk)}))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not SatisfactionSurvey.objects.exists()


def test_it_saves_a_survey_from_the_page(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    response = client_for(owner).post(
        reverse("health:survey_create", args=[account.uuid]), _survey_post(contact)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("health:account", args=[account.uuid]) + "?period=2026"
    survey = SatisfactionSurvey.objects.get()
    rows = list(survey.respondents.order_by("position"))
    assert [(r.contact, r.influence, r.is_anonymous, r.overall) for r in rows] == [
        (contact, 8, False, 4),
        (None, 5, True, 2),
    ]
    assert survey.results["csat_percent"] == 50.0
    assert survey.results["net_promoter"]["detractors"] == 1
    assert survey.note == "Annual survey"


def test_it_shows_errors_next_to_the_fields_keeps_the_input_and_writes_nothing(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    data = _survey_post(
        contact,
        **{
            "respondents-0-overall": "7",
            "respondents-0-influence": "11",
            "respondents-0-performance__product_quality": "",
            "respondents-1-contact": str(contact.pk),
            "period": "2026-Q5",
        },
    )
    response = client_for(owner).post(reverse("health:survey_create", args=[account.uuid]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice. 7 is not one of the available choices." in html
    assert "Ensure this value is less than or equal to 10." in html
    assert "Rate both importance and performance, or neither." in html
    assert "An anonymous answer cannot name a contact." in html
    assert "Enter a period as a year (2026)" in html
    assert 'value="CIO"' in html  # the input is kept
    assert "Good quality." in html
    assert not SatisfactionSurvey.objects.exists()
    assert not SurveyRespondent.objects.exists()


def test_it_refuses_a_survey_without_answers(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    data = _survey_post(contact)
    data = {k: v for k, v in data.items() if not k.startswith(("respondents-0", "respondents-1"))}
    response = client_for(owner).post(reverse("health:survey_create", args=[account.uuid]), data)
    assert response.status_code == 400
    assert "Enter the answers of at least one respondent." in response.content.decode()
    assert not SatisfactionSurvey.objects.exists()


def test_it_shows_a_survey_and_prefills_its_correction(
    client_for: object, owner: object, account: object, worked_example: dict[str, object]
) -> None:
    survey = worked_example["survey"]
    client = client_for(owner)
    html = client.get(reverse("health:survey_detail", args=[survey.uuid])).content.decode()
    assert "Deliveries slipped twice." in html
    assert "Anonymous" in html
    assert "5 / 4" in html  # Buyer: product quality importance / performance
    url = reverse("health:survey_create", args=[account.uuid]) + f"?from={survey.uuid}"
    form = client.get(url).content.decode()
    assert form.count('data-testid="respondent"') == 4  # three answers and one empty row
    assert "Correct the survey of 2026" in form
    assert 'name="respondents-0-role" value="Procurement"' in form


# --- wallet and relationship test forms -------------------------------------------------------


def _wallet_post(**changes: str) -> dict[str, str]:
    data = {
        "period": "2026",
        "category_code": "transformers",
        "category_label": "Transformers",
        "customer_total_spend": "10000000",
        "our_revenue": "4000000",
        "currency": "CNY",
        "our_rank": "1",
        "number_of_suppliers": "3",
        "confidence": "high",
        "source": "Tender results",
        "shares-TOTAL_FORMS": "3",
        "shares-INITIAL_FORMS": "0",
        "shares-MIN_NUM_FORMS": "0",
        "shares-MAX_NUM_FORMS": "30",
    }
    data.update(changes)
    return data


def test_it_saves_and_edits_a_wallet_estimate(
    client_for: object, owner: object, account: object
) -> None:
    rival = CompetitorFactory(name="Siemens")
    client = client_for(owner)
    url = reverse("health:wallet_estimate", args=[account.uuid])
    data = _wallet_post(**{"shares-0-competitor": str(rival.pk), "shares-0-share_percent": "35"})
    assert client.post(url, data).status_code == 302
    estimate = WalletEstimate.objects.get()
    assert estimate.competitor_shares.get().share_percent == 35
    # the edit form is prefilled, and saving updates the same estimate
    form = client.get(url + f"?estimate={estimate.uuid}").content.decode()
    assert 'value="Tender results"' in form
    assert client.post(url, _wallet_post(our_revenue="5000000")).status_code == 302
    assert WalletEstimate.objects.get().our_revenue == 5000000
    assert client.get(url + "?estimate=not-a-uuid").status_code == 404


def test_it_refuses_wallet_shares_above_100_percent_on_the_page(
    client_for: object, owner: object, account: object
) -> None:
    rivals = [CompetitorFactory(), CompetitorFactory()]
    data = _wallet_post(
        **{
            "shares-0-competitor": str(rivals[0].pk),
            "shares-0-share_percent": "50",
            "shares-1-competitor": str(rivals[1].pk),
            "shares-1-share_percent": "20",
            "shares-2-share_percent": "5",
        }
    )
    url = reverse("health:wallet_estimate", args=[account.uuid])
    response = client_for(owner).post(url, data)
    assert response.status_code == 400
    assert "Pick a competitor and enter its share, or neither." in response.content.decode()
    data.pop("shares-2-share_percent")
    response = client_for(owner).post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "add up to 110.00 %: together they cannot exceed 100 %." in html
    assert 'value="Tender results"' in html
    assert not WalletEstimate.objects.exists()

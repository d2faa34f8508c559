"""Pages: an account's scorecard, scoring it, one scorecard's explanation, policies, settings."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.assessments.models import Assessment
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.scorecard.tests.conftest import (
    ATTRACTIVENESS_CODES,
    EXAMPLE_ATTRACTIVENESS,
    EXAMPLE_COMPETITOR,
    EXAMPLE_US,
    STRENGTH_CODES,
    scorecard_fingerprint,
)
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def _form_data(rival: object, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "period": "2026",
        "assessed_on": "2026-03-01",
        "current_revenue": "1200000",
        "potential_revenue_3y": "5000000",
        "total_category_spend_est": "",
        "note": "",
        "override_reason": "",
        "competitor_1": str(rival.uuid),
    }
    for code, value in zip(ATTRACTIVENESS_CODES, EXAMPLE_ATTRACTIVENESS, strict=True):
        data[f"a_{code}"] = value
        data[f"e_{code}"] = f"来源 {code}"
    for code, us, them in zip(STRENGTH_CODES, EXAMPLE_US, EXAMPLE_COMPETITOR, strict=True):
        data[f"s_us_{code}"] = us
        data[f"s_1_{code}"] = them
    data.update(changes)
    return data


def _text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_it_shows_an_empty_scorecard_with_what_to_do(
    client_for: object, owner: object, account: object, viewer: object
) -> None:
    url = reverse("scorecard:account", args=[account.uuid])
    page = _text(client_for(owner).get(url))
    assert "This account has no scorecard yet." in page
    assert reverse("scorecard:new", args=[account.uuid]) in page
    viewer_page = _text(client_for(viewer).get(url))
    assert "A member of the account team can score it." in viewer_page
    assert reverse("scorecard:new", args=[account.uuid]) not in viewer_page


def test_it_shows_the_scores_the_policy_and_the_history(
    client_for: object, owner: object, account: object, rival: object, score: object
) -> None:
    score(owner, account, period="2025", attractiveness=(5,) * 8, revenue="800000")
    latest = score(owner, account, period="2026")
    response = client_for(owner).get(reverse("scorecard:account", args=[account.uuid]))
    page = _text(response)
    assert response.status_code == 200
    assert 'data-testid="attractiveness">69.2<' in page
    assert 'data-testid="strength">52.6<' in page
    assert "ratio 1.06×" in page
    assert "华为" in page
    assert '<span class="badge category-strategic">Strategic</span>' in page
    assert "Develop toward partnership and integration." in page
    assert "Contact every 14 days" in page
    # compared with 2025: attractiveness 44.44 → 69.22, revenue 800,000 → 1,000,000
    assert '<td class="number delta-up">+24.78</td>' in page
    assert '<td class="number delta-up">+200,000</td>' in page
    assert reverse("scorecard:snapshot", args=[latest.attractiveness.uuid]) in page
    assert "radar-option" in page and "strength-option" in page


def test_it_shows_the_scoring_form_with_anchors_and_last_answers(
    client_for: object, owner: object, account: object, rival: object, score: object
) -> None:
    score(owner, account, period="2025")
    response = client_for(owner).get(reverse("scorecard:new", args=[account.uuid]))
    page = _text(response)
    assert response.status_code == 200
    assert "among the largest buyers in our segment" in page and ">tiny<" in page
    assert page.count('class="input score"') == 8 + 5 * 5
    # the last scorecard's answers are the starting point
    assert 'name="a_wallet_size" value="8"' in page
    assert f'<option value="{rival.uuid}" selected>华为</option>' in page


def test_it_starts_the_first_scorecard_from_the_accounts_current_revenue(
    client_for: object, owner: object, account: object
) -> None:
    account.current_revenue = Decimal("86000000")
    account.save(update_fields=["current_revenue"])

    response = client_for(owner).get(reverse("scorecard:new", args=[account.uuid]))

    assert response.status_code == 200
    assert 'name="current_revenue" value="86000000.00"' in _text(response)


def test_it_saves_a_scorecard_from_the_form(
    client_for: object, owner: object, account: object, rival: object
) -> None:
    url = reverse("scorecard:new", args=[account.uuid])
    response = client_for(owner).post(url, _form_data(rival))
    assert response.status_code == 302
    assert response["Location"] == reverse("scorecard:account", args=[account.uuid])
    attractiveness = Assessment.objects.get(tool_code="scorecard_attractiveness")
    assert attractiveness.total.to_eng_string() == "69.22"
    assert attractiveness.inputs["figures"]["current_revenue"] == "1200000"
    assert attractiveness.responses.get(criterion_code="needs_fit").evidence == "来源 needs_fit"
    strength = Assessment.objects.get(tool_code="scorecard_strength")
    assert str(strength.total) == "52.60"
    account.refresh_from_db()
    assert account.category == "strategic"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"a_wallet_size": "11"},
            "a_wallet_size",
            "Ensure this value is less than or equal to 10.",
        ),
        ({"s_us_price_value": ""}, "s_us_price_value", "This field is required."),
        ({"s_1_brand_reputation": ""}, "s_1_brand_reputation", "Score the competitor on every"),
        ({"competitor_1": ""}, "competitor_1", "Choose the competitor these scores are for."),
        ({"period": "26"}, "period", "Enter a period as a year"),
        ({"current_revenue": "-5"}, "current_revenue", "greater than or equal to 0"),
    ],
)
def test_it_shows_errors_next_to_the_field_keeps_the_input_and_writes_nothing(
    client_for: object,
    owner: object,
    account: object,
    rival: object,
    changes: dict,
    field: str,
    message: str,
) -> None:
    before = scorecard_fingerprint()
    data = _form_data(rival, **changes)
    response = client_for(owner).post(reverse("scorecard:new", args=[account.uuid]), data)
    page = _text(response)
    assert response.status_code == 400
    error = re.search(
        rf'<div class="field-errors" id="id_{field}_error"><p class="field-error">([^<]*)</p>', page
    )
    assert error is not None and message in error.group(1)
    assert 'name="a_needs_fit" value="8"' in page  # what was typed is kept
    assert "来源 reference_value" in page
    assert scorecard_fingerprint() == before


def test_it_asks_for_a_reason_above_the_key_account_limit(
    client_for: object, owner: object, account: object, rival: object
) -> None:
    for index in range(50):
        AccountFactory(category="strategic" if index % 2 else "star")
    url = reverse("scorecard:new", args=[account.uuid])
    before = scorecard_fingerprint()
    response = client_for(owner).post(url, _form_data(rival))
    assert response.status_code == 400
    assert (
        'id="id_override_reason_error"><p class="field-error">'
        "This scorecard would make 51 key accounts" in _text(response)
    )
    assert scorecard_fingerprint() == before
    accepted = client_for(owner).post(url, _form_data(rival, override_reason="董事会指定"))
    assert accepted.status_code == 302
    assert (
        Assessment.objects.get(tool_code="scorecard_attractiveness").inputs["key_account_override"][
            "reason"
        ]
        == "董事会指定"
    )


def test_it_explains_one_scorecard_with_evidence_and_competitors(
    client_for: object, owner: object, account: object, score: object, teammate: object
) -> None:
    outcome = score(owner, account)
    for snapshot in (outcome.attractiveness, outcome.strength):
        response = client_for(teammate).get(reverse("scorecard:snapshot", args=[snapshot.uuid]))
        page = _text(response)
        assert response.status_code == 200
        assert "evidence wallet_size" in page
        assert "<th>华为</th>" not in page and '<th class="number">华为</th>' in page
        assert '<th class="number">7.20</th><th class="number">6.80</th>' in page
        assert "= 1.06; strength score = 50 + 50·log₃(ratio) = 52.60." in page


def test_it_marks_a_superseded_scorecard(
    client_for: object, owner: object, account: object, score: object
) -> None:
    first = score(owner, account)
    score(owner, account, attractiveness=(9,) * 8)
    page = _text(client_for(owner).get(reverse("scorecard:snapshot", args=[first.strength.uuid])))
    assert "A later correction of this period replaced this scorecard" in page
    assert '<span class="score-big">69.2</span>' in page


def test_it_lets_a_director_change_the_settings_and_reclassifies(
    client_for: object, owner: object, account: object, director: object, score: object
) -> None:
    score(owner, account)
    current = PortfolioSettings.objects.get()
    data = {
        "version": str(current.uuid),
        "threshold_mode": "fixed",
        "attractiveness_threshold": "75",
        "strength_threshold": "50",
        "key_account_target_minimum": "15",
        "key_account_warn_count": "35",
        "key_account_hard_limit": "50",
    }
    response = client_for(director).post(reverse("scorecard:policy"), data, follow=True)
    assert response.status_code == 200
    assert "Settings saved; 1 accounts changed category." in _text(response)
    account.refresh_from_db()
    assert account.category == "status"
    bad = client_for(director).post(
        reverse("scorecard:policy"), {**data, "key_account_warn_count": "80"}
    )
    assert bad.status_code == 400
    assert "The warning must come at or below the limit." in _text(bad)


def test_it_shows_policies_read_only_to_managers_and_refuses_their_changes(
    client_for: object, owner: object
) -> None:
    client = client_for(owner)
    page = _text(client.get(reverse("scorecard:policy")))
    assert "KAM directors and administrators change the policies and settings." in page
    assert 'name="threshold_mode"' not in page
    before = scorecard_fingerprint()
    assert client.post(reverse("scorecard:policy"), {"threshold_mode": "fixed"}).status_code == 403
    edit = reverse("scorecard:policy_edit", args=["star"])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"label_zh": "x"}).status_code == 403
    assert scorecard_fingerprint() == before


def test_it_lets_a_director_edit_a_policy(client_for: object, director: object) -> None:
    policy = CategoryPolicy.objects.get(code="star")
    url = reverse("scorecard:policy_edit", args=["star"])
    client = client_for(director)
    form = _text(client.get(url))
    version = re.search(r'name="version" value="([^"]+)"', form).group(1)
    data = {
        "version": version,
        "label_zh": "明星客户",
        "label_en": "Star",
        "policy_zh": policy.policy_zh,
        "policy_en": policy.policy_en,
        "plan_depth": "full",
        "review_cadence": "quarterly",
        "contact_cadence_days": "21",
        **{f"kpi_target_{code}": str(value) for code, value in policy.broad_kpi_targets.items()},
        "kpi_target_coverage_rate": "65",
    }
    assert client.post(url, {**data, "contact_cadence_days": "0"}).status_code == 400
    refused = client.post(url, {**data, "kpi_target_response_time": "0"})
    assert refused.status_code == 400
    assert 'id="id_kpi_target_response_time"' in _text(refused)
    assert client.post(url, data).status_code == 302
    policy.refresh_from_db()
    assert (policy.label_zh, policy.contact_cadence_days) == ("明星客户", 21)
    assert policy.broad_kpi_targets["coverage_rate"] == 65
    assert policy.broad_kpi_targets["response_time"] == 24
    page = _text(client.get(reverse("scorecard:policy")))
    assert "65%" in page
    assert client.get(reverse("scorecard:policy_edit", args=["nope"])).status_code == 404

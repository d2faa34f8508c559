"""Value ladder pages and API: submit, figures, errors next to fields, access, query counts."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.assessments.models import Assessment
from kam.engagement.models import CalendarEntry, Mechanism
from kam.value.services import ValueInput, value_ladder_submit
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, TeamMembershipFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CODES = ["product", "service", "solution", "process_cost", "financial",
         "brand_market", "relationship_capability", "strategic"]  # fmt: skip
CURRENT = [4, 3, 3, 2, 2, 1, 1, 0]
TARGET = [5, 4, 4, 3, 3, 3, 2, 2]


def _form(current: list[int], target: list[int], **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"period": "2026", "assessed_on": TODAY.isoformat()}
    data.update({f"current__{c}": str(v) for c, v in zip(CODES, current, strict=True)})
    data.update({f"target__{c}": str(v) for c, v in zip(CODES, target, strict=True)})
    data.update(extra)
    return data


def _submit(owner: object, account: object, period: str = "2026", current: list | None = None):  # type: ignore[no-untyped-def]
    return value_ladder_submit(
        actor=owner, account=account,
        data=ValueInput(period=period, assessed_on=TODAY,
                        current=dict(zip(CODES, current or CURRENT, strict=True)),
                        target=dict(zip(CODES, TARGET, strict=True))),
    )  # fmt: skip


def test_it_shows_an_empty_state_and_a_prefilled_form(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).get(reverse("value:account", args=[account.uuid]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="value-empty"' in content
    assert f'name="period" value="{TODAY.year}"' in content
    assert f'value="{TODAY.isoformat()}"' in content
    # Each control names its row.
    assert "Product value (quality, performance) · current" in content
    assert (
        "Strategic value (joint innovation, long-term roadmap, co-investment) · target" in content
    )
    assert "No planned action names a tactic tier yet" in content
    assert "Planned calendar entries per tactic tier: is the effort where the gap is?" in content
    # every anchor starts with a capital, the dimension's own (0 and 5) as the shared ones
    assert '<li value="0"><strong>0</strong> The product only meets the basic specification' in (
        content
    )
    assert '<li value="1"><strong>1</strong> Occasional; the customer hardly notices it' in content


def test_it_scores_from_the_page_and_shows_level_tiers_and_gaps(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    response = client.post(reverse("value:account", args=[account.uuid]), _form(CURRENT, TARGET))
    assert response.status_code == 302, response.content.decode()[:2000]
    snapshot = Assessment.objects.get(tool_code="value_ladder")
    assert (snapshot.band, snapshot.total) == ("product", 40)
    assert snapshot.result["groups"]["product"] == 70.0
    assert snapshot.inputs["gaps"] == {"product": 2.0, "process": 3.0, "strategic": 5.0,
                                       "total": 10.0}  # fmt: skip
    assert snapshot.inputs["target"]["strategic"] == 2
    page = client.get(reverse("value:account", args=[account.uuid])).content.decode()
    assert 'data-testid="value-level">Product value</span>' in page
    assert 'data-testid="value-gap-total">10</td>' in page
    assert 'data-testid="value-radar"' in page


def test_it_keeps_the_input_and_shows_errors_next_to_the_fields(
    client_for: object, owner: object, account: object
) -> None:
    data = _form(CURRENT, TARGET, period="last year")
    data["target__financial"] = ""
    response = client_for(owner).post(reverse("value:account", args=[account.uuid]), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="id_target__financial_error"' in content
    assert 'id="id_period_error"' in content
    assert '<option value="4" selected>4</option>' in content  # current__product kept
    assert Assessment.objects.count() == 0


def test_it_shows_the_last_period_and_the_tactic_mix(
    client_for: object, owner: object, account: object
) -> None:
    _submit(owner, account, "2025", [2, 2, 1, 1, 1, 0, 0, 0])
    latest = _submit(owner, account, "2026")
    CalendarEntry.objects.create(
        account=account, mechanism=Mechanism.objects.first(), title="联合创新研讨",
        planned_on=TODAY, tactic_tier="strategic",
    )  # fmt: skip
    client = client_for(owner)
    page = client.get(reverse("value:account", args=[account.uuid])).content.decode()
    assert "Last period 2025" in page
    assert 'data-testid="value-tactic-chart"' in page
    snapshot = client.get(reverse("value:snapshot", args=[latest.uuid]))
    assert snapshot.status_code == 200
    assert "Value ladder snapshot of 2026" in snapshot.content.decode()


def test_it_suggests_t4_items_but_never_applies_them_by_itself(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("value:suggestion", args=[account.uuid])
    empty = client.get(url + "?item=m_strategy").content.decode()
    assert "No value ladder scored yet" in empty
    _submit(owner, account)
    hint = client.get(url + "?item=m_strategy&value__m_strategy__0=").content.decode()
    assert "Suggested from the value ladder (2026): 0.7" in hint
    assert "hx-swap-oob" not in hint
    applied = client.get(url + "?item=j_innovation&apply=1&value__j_innovation__0=")
    assert 'id="id_value__j_innovation__0"' in applied.content.decode()
    assert '<option value="0" selected>' in applied.content.decode()
    assert client.get(url + "?item=c_info").status_code == 404
    sheet = client.get(reverse("assessments:new", args=[account.uuid, "org_score_sheet"]))
    assert 'data-testid="value-suggestion-slot-m_strategy"' in sheet.content.decode()


def test_it_sorts_the_portfolio_by_level_and_gap(
    client_for: object, director: object, owner: object, account: object
) -> None:
    other = AccountFactory(name="阿尔法科技", owner=owner)
    TeamMembershipFactory(account=other, user=owner, team_role="account_manager")
    _submit(owner, account)  # product, gap 10
    _submit(owner, other, current=[5, 5, 4, 4, 4, 1, 1, 1])  # process, gap 1 + (−1) + 2 + 3 …
    client = client_for(director)
    by_level = client.get(reverse("value:portfolio")).content.decode()
    assert by_level.index("阿尔法科技") < by_level.index("华东电力集团")
    by_gap = client.get(reverse("value:portfolio") + "?sort=gap").content.decode()
    assert by_gap.index("华东电力集团") < by_gap.index("阿尔法科技")


def test_it_serves_and_accepts_the_value_ladder_in_the_api(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    api = f"/api/v1/accounts/{account.uuid}"
    body = {"period": "2026", "assessed_on": TODAY.isoformat(),
            "current": dict(zip(CODES, CURRENT, strict=True)),
            "target": dict(zip(CODES, TARGET, strict=True))}  # fmt: skip
    created = client.post(api + "/value-snapshots", json.dumps(body),
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["level"] == "product"
    assert created.json()["gaps"]["total"] == 10.0
    listing = client.get(api + "/value-snapshots").json()
    assert (listing["count"], listing["items"][0]["id"]) == (1, created.json()["id"])
    figures = client.get(api + "/value").json()
    assert figures["latest"]["tier_scores"]["product"] == 70.0
    assert [s["item"] for s in figures["score_sheet_suggestions"]] == ["m_strategy", "j_innovation"]
    bad = client.post(api + "/value-snapshots", json.dumps({**body, "current": {"product": 9}}),
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    assert Assessment.objects.count() == 1


def test_it_hides_the_value_ladder_from_an_outsider_and_refuses_a_viewer(
    client_for: object, owner: object, outsider: object, viewer: object, account: object
) -> None:
    snapshot = _submit(owner, account)
    before = database_fingerprint()
    stranger = client_for(outsider)
    api = f"/api/v1/accounts/{account.uuid}"
    assert stranger.get(reverse("value:account", args=[account.uuid])).status_code == 404
    assert stranger.get(reverse("value:snapshot", args=[snapshot.uuid])).status_code == 404
    assert stranger.get(api + "/value").status_code == 404
    assert stranger.get(api + "/value-snapshots").status_code == 404
    body = json.dumps(
        {
            "period": "2026",
            "assessed_on": TODAY.isoformat(),
            "current": dict.fromkeys(CODES, 5),
            "target": dict.fromkeys(CODES, 5),
        }
    )
    assert stranger.post(api + "/value-snapshots", body,
                         content_type="application/json").status_code == 404  # fmt: skip
    reader = client_for(viewer)
    page = reader.get(reverse("value:account", args=[account.uuid])).content.decode()
    assert 'data-testid="value-form"' not in page
    assert reader.post(api + "/value-snapshots", body,
                       content_type="application/json").status_code == 403  # fmt: skip
    assert reader.post(reverse("value:account", args=[account.uuid]),
                       _form([5] * 8, [5] * 8)).status_code == 403  # fmt: skip
    assert database_fingerprint() == before


def test_it_keeps_page_portfolio_and_api_queries_constant(
    client_for: object, director: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    urls = [
        reverse("value:account", args=[account.uuid]),
        f"/api/v1/accounts/{account.uuid}/value-snapshots?page_size=50",
        f"/api/v1/accounts/{account.uuid}/value",
    ]
    _submit(owner, account, "2024")
    few = [count_queries(lambda url=url: client.get(url)) for url in urls]
    portfolio = client_for(director)
    few_portfolio = count_queries(
        lambda: portfolio.get(reverse("value:portfolio") + "?period=2026")
    )
    for period in ("2025", "2026", "2026-H1"):
        _submit(owner, account, period)
    _submit(owner, account, "2026")  # a superseded snapshot too
    for index in range(4):
        other = AccountFactory(name=f"客户{index}", owner=owner)
        _submit(owner, other)
    many = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert many == few
    many_portfolio = count_queries(
        lambda: portfolio.get(reverse("value:portfolio") + "?period=2026")
    )
    assert many_portfolio == few_portfolio
    print("queries", few, few_portfolio)  # noqa: T201


def test_it_shows_the_value_pages_in_chinese_without_english(
    owner: object, director: object, account: object
) -> None:
    from django.test import Client

    from tests.test_i18n import chinese_page_problems

    _submit(owner, account, "2025", [2, 2, 1, 1, 1, 4, 4, 4])  # strategic with lower tiers below
    latest = _submit(owner, account, "2026")
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(owner)
    urls = [
        reverse("value:account", args=[account.uuid]),
        reverse("value:snapshot", args=[latest.uuid]),
        reverse("value:suggestion", args=[account.uuid]) + "?item=j_innovation",
    ]
    director_client = Client(headers={"Accept-Language": "zh-hans"})
    director_client.force_login(director)
    pages = [client.get(url) for url in urls] + [director_client.get(reverse("value:portfolio"))]
    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    problems = {url: chinese_page_problems(page.content.decode()) for url, page in zip(
        [*urls, "portfolio"], pages, strict=True)}  # fmt: skip
    assert problems == dict.fromkeys([*urls, "portfolio"], set())
    assert "产品价值" in pages[0].content.decode()
    assert "价值阶梯（2026）建议值：0.0" in pages[2].content.decode()


def test_it_sends_another_instruments_snapshot_to_the_engine_page(
    client_for: object, owner: object, account: object
) -> None:
    _submit(owner, account)
    from decimal import Decimal

    from kam.assessments.selectors import template_current
    from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit

    other = assessment_submit(
        actor=owner, account=account, template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(period="2026", assessed_on=TODAY,
                             answers=[AnswerInput("c_info", Decimal(3))]),
    )  # fmt: skip
    response = client_for(owner).get(reverse("value:snapshot", args=[other.uuid]))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", args=[other.uuid])


def test_it_lets_a_director_change_an_anchor_as_a_new_template_version(
    client_for: object, director: object, owner: object, account: object
) -> None:
    from kam.assessments.selectors import template_current
    from kam.assessments.tests.test_template_admin import post_data

    template = template_current(tool_code="value_ladder")
    anchors = {
        **template.criteria.get(code="product").anchors,
        "3": {"zh": "稳定达标", "en": "Steady"},
    }
    response = client_for(director).post(
        reverse("assessments:template_edit", args=[template.uuid]),
        post_data(template, **{"criteria-0-anchors": json.dumps(anchors)}),
    )
    assert response.status_code == 302
    new = template_current(tool_code="value_ladder")
    assert (new.version, new.special_formula, new.parameters) == (2, "value_ladder",
                                                                 template.parameters)  # fmt: skip
    page = client_for(owner).get(reverse("value:account", args=[account.uuid])).content.decode()
    assert "<strong>3</strong> Steady" in page
    assert _submit(owner, account).template == new

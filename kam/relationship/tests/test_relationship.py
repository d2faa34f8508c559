"""T4 and T2 pages: level, gates, coordinate, ladder, flags, portfolio heat table, access."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.relationship.selectors import relationship_overview
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, TeamMembershipFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

ORG_CODES = ["c_exec_freq", "c_channels", "c_info", "m_strategy", "m_solution", "m_org",
             "j_plan", "j_project", "j_innovation", "i_brand", "i_status", "i_public"]  # fmt: skip
TEST_CODES = ["trust", "commitment", "info_sharing", "joint_planning", "multi_level_contact",
              "conflict_resolution", "preferred_status", "exec_relationship"]  # fmt: skip


def score(
    actor: object, account: object, tool: str, codes: list, values: list, period: str
) -> object:
    return assessment_submit(
        actor=actor,
        account=account,
        template=template_current(tool_code=tool),
        data=AssessmentInput(
            period=period,
            assessed_on=date(2026, 1, 15),
            answers=[AnswerInput(c, Decimal(v), actor) for c, v in zip(codes, values, strict=True)],
        ),
    )


def test_it_places_the_account_on_the_coordinate_and_the_ladder(
    owner: object, account: object
) -> None:
    score(
        owner, account, "org_score_sheet", ORG_CODES, [4, 3, 5, 2, 2, 3, 4, 4, 4, 5, 4, 4], "2026"
    )
    score(owner, account, "relationship_test", TEST_CODES, [4, 4, 3, 3, 4, 3, 4, 5], "2026")
    overview = relationship_overview(account=account)
    point = overview.current
    # X = communication (broad missing) = 80; Y = (0.3·avg(80, 86.67) + 0.3·68.75)/0.6
    assert point.x == pytest.approx(80)
    assert point.y == pytest.approx((0.3 * (80 + 260 / 3) / 2 + 0.3 * 68.75) / 0.6)
    assert point.position == pytest.approx((80 + point.y) / 2)
    assert point.step == "interdependent"
    assert point.missing == ("broad", "key_person")
    assert (point.org_level, point.test_stage) == ("cooperative", "interdependent")
    assert overview.discrepancies == []


def test_it_flags_a_discrepancy_and_a_disintegrating_relationship(
    owner: object, account: object
) -> None:
    score(owner, account, "org_score_sheet", ORG_CODES, [5] * 12, "2025")
    score(owner, account, "org_score_sheet", ORG_CODES, [1] * 12, "2026")
    score(owner, account, "relationship_test", TEST_CODES, [5] * 8, "2026")
    overview = relationship_overview(account=account)
    assert overview.is_disintegrating is True  # every dimension fell by 80 points
    # score sheet 初步合作 (20) vs relationship test 伙伴合作 (100): 3 steps apart
    assert ("org_score_sheet", "relationship_test", 3) in overview.discrepancies


def test_it_forces_the_first_step_without_trading(owner: object) -> None:
    prospect = AccountFactory(owner=owner, current_revenue=0)
    score(owner, prospect, "org_score_sheet", ORG_CODES, [5] * 12, "2026")
    assert relationship_overview(account=prospect).current.step == "exploratory"


def test_it_renders_the_page_with_flags_and_missing_inputs(
    client_for: object, owner: object, account: object
) -> None:
    score(owner, account, "org_score_sheet", ORG_CODES, [5] * 12, "2025")
    score(owner, account, "org_score_sheet", ORG_CODES, [1] * 12, "2026")
    score(owner, account, "relationship_test", TEST_CODES, [5] * 8, "2026")
    response = client_for(owner).get(reverse("relationship:account", args=[account.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="flag-disintegrating"' in html
    assert 'data-testid="flag-discrepancy"' in html
    assert "Key-person relationship (from the power map)" in html
    assert response.context["coordinate_option"]["series"][-1]["data"] == [
        [p.x.__round__(1), p.y.__round__(1), p.period] for p in response.context["overview"].points
    ]


def test_it_shows_an_empty_state(client_for: object, owner: object, account: object) -> None:
    response = client_for(owner).get(reverse("relationship:account", args=[account.uuid]))
    assert "No relationship assessment yet." in response.content.decode()


def test_it_hides_the_pages_from_an_outsider(
    client_for: object, owner: object, outsider: object, account: object
) -> None:
    score(owner, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")
    client = client_for(outsider)
    before = database_fingerprint()
    assert client.get(reverse("relationship:account", args=[account.uuid])).status_code == 404
    portfolio = client.get(reverse("relationship:portfolio"))
    assert account.name not in portfolio.content.decode()
    assert database_fingerprint() == before


def test_it_keeps_page_and_heat_table_queries_constant(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    page = reverse("relationship:account", args=[account.uuid])
    heat = reverse("relationship:portfolio") + "?period=2026"
    score(owner, account, "org_score_sheet", ORG_CODES, [3] * 12, "2026")
    small = (count_queries(lambda: client.get(page)), count_queries(lambda: client.get(heat)))
    for year in range(2016, 2026):
        score(owner, account, "org_score_sheet", ORG_CODES, [2] * 12, str(year))
        score(owner, account, "relationship_test", TEST_CODES, [3] * 8, str(year))
    for _index in range(10):
        other = AccountFactory(owner=owner)
        TeamMembershipFactory(account=other, user=owner)
        score(owner, other, "org_score_sheet", ORG_CODES, [4] * 12, "2026")
    large = (count_queries(lambda: client.get(page)), count_queries(lambda: client.get(heat)))
    assert large == small
    # 15, plus one for the T10 coverage rate behind the broad dimension, plus one for the
    # targets of the year's approved plan (T13 → T2 target step and T4 radar)
    assert max(large) <= 17


def test_it_serves_the_header_stage_badge(
    client_for: object, owner: object, outsider: object, account: object
) -> None:
    url = reverse("relationship:stage", args=[account.uuid])
    assert "Not assessed yet" in client_for(owner).get(url).content.decode()
    score(owner, account, "org_score_sheet", ORG_CODES, [4] * 12, "2026")
    html = client_for(owner).get(url).content.decode()
    assert 'data-testid="header-stage"' in html
    # every item 4 of 5: X = 沟通 = 80, Y = avg(联合, 认同) = 80, P = 80 → 伙伴合作
    assert ">Integrated</a>" in html
    assert client_for(outsider).get(url).status_code == 404


def test_it_says_which_instrument_the_header_stage_comes_from_and_links_the_explanation(
    client_for: object, owner: object, account: object
) -> None:
    # given the score sheet of 2026 (the coordinate's step comes from it)
    score(owner, account, "org_score_sheet", ORG_CODES, [4] * 12, "2026")
    stage_url = reverse("relationship:stage", args=[account.uuid])
    page_url = reverse("relationship:account", args=[account.uuid])
    client = client_for(owner)
    # when the header badge is loaded, in English and in 中文
    english = client.get(stage_url).content.decode()
    chinese = client.get(stage_url, headers={"Accept-Language": "zh-hans"}).content.decode()
    # then it names the instrument and the period and links to the explanation
    assert f'href="{page_url}#stage-explained"' in english
    assert "derived from T2 coordinate, 2026</a>" in english
    assert "来自关系坐标，2026</a>" in chinese
    page = client.get(page_url).content.decode()
    assert 'id="stage-explained"' in page
    assert "derived from the T2 relationship coordinate for 2026: Integrated." in page

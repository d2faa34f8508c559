"""我的工作台 (issue 10, item 15): the landing page after sign-in; each section by exact value at
its date boundaries, an empty state that says what to do, links to where each line is fixed, and a
constant query count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.cards.services import card_action_create
from kam.compliance.services import GiftInput, counterpart_profile_set, gift_entry_create
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.tests.calendar_factories import entry_for, key_date_for
from kam.scorecard.services import ScorecardFigures, ScorecardInput, scorecard_submit
from kam.scorecard.tests.conftest import attractiveness_answers, strength_answers
from kam.workspace.selectors import my_day
from tests.factories import AccountFactory, CompetitorFactory, ContactFactory, TeamMembershipFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

# A Wednesday: the week runs Monday 9 March to Sunday 15 March 2026.
TODAY = date(2026, 3, 11)
MONDAY, SUNDAY = date(2026, 3, 9), date(2026, 3, 15)
ORG_CODES = ["c_exec_freq", "c_channels", "c_info", "m_strategy", "m_solution", "m_org",
             "j_plan", "j_project", "j_innovation", "i_brand", "i_status", "i_public"]  # fmt: skip


def _action(owner: object, account: object, title: str, due_on: date, **values: object) -> None:
    fields = {"owner_side": "ours", "owner_user": owner, **values}
    action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(description=title, due_on=due_on, **fields),
    )


def test_it_lists_overdue_and_this_weeks_actions_of_both_kinds_at_the_week_boundaries(
    owner: object, teammate: object, account: object, contact: object
) -> None:
    _action(owner, account, "昨天到期", TODAY - timedelta(days=1))
    _action(owner, account, "今天到期", TODAY)
    _action(owner, account, "周日到期", SUNDAY)
    _action(owner, account, "下周一到期", SUNDAY + timedelta(days=1))
    _action(owner, account, "已完成", TODAY - timedelta(days=3), status="done")
    _action(owner, account, "别人的", TODAY, owner_user=teammate)
    card_action_create(
        actor=owner, contact=contact, description="约见张伟", owner=owner, due_on=MONDAY
    )
    day = my_day(user=owner, today=TODAY)
    assert [(item.kind, item.title) for item in day.overdue] == [
        ("development", "约见张伟"),
        ("meeting", "昨天到期"),
    ]
    assert [item.title for item in day.due_this_week] == ["今天到期", "周日到期"]
    assert (day.week_start, day.week_end, day.period) == (MONDAY, SUNDAY, "2026")


def test_it_lists_this_weeks_entries_and_key_dates(owner: object, account: object) -> None:
    entry_for(owner, account, title="周一拜访", planned_on=MONDAY)
    entry_for(owner, account, title="周日交流", planned_on=SUNDAY)
    entry_for(owner, account, title="上周日", planned_on=MONDAY - timedelta(days=1))
    entry_for(owner, account, title="下周一", planned_on=SUNDAY + timedelta(days=1))
    entry_for(owner, account, title="整月", planned_on=date(2026, 3, 1), is_month_only=True)
    key_date_for(owner, account, title="招标", starts_on=SUNDAY)
    key_date_for(
        owner, account, title="检修期", starts_on=date(2026, 3, 1), ends_on=MONDAY, kind="shutdown"
    )
    key_date_for(
        owner,
        account,
        title="已结束",
        starts_on=date(2026, 3, 1),
        ends_on=MONDAY - timedelta(days=1),
    )
    key_date_for(owner, account, title="下周", starts_on=SUNDAY + timedelta(days=1))
    day = my_day(user=owner, today=TODAY)
    assert [entry.title for entry in day.entries] == ["周一拜访", "周日交流"]
    assert [key_date.title for key_date in day.key_dates] == ["检修期", "招标"]


def _score_sheet(owner: object, account: object, period: str) -> None:
    assessment_submit(
        actor=owner,
        account=account,
        template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(
            period=period,
            assessed_on=date(2026, 1, 15),
            answers=[AnswerInput(code, Decimal(3), owner) for code in ORG_CODES],
        ),
    )


def _scorecard(owner: object, account: object, period: str) -> None:
    data = ScorecardInput(
        period=period,
        assessed_on=date(2026, 3, 1),
        attractiveness_answers=attractiveness_answers(owner, (8, 6, 7, 9, 5, 8, 10, 4)),
        strength_answers=strength_answers(
            owner, (7, 7, 8, 7, 7), {CompetitorFactory(): (7, 7, 7, 6, 7)}
        ),
        figures=ScorecardFigures(Decimal("1000000"), Decimal("3000000"), Decimal("9000000")),
    )
    scorecard_submit(actor=owner, account=account, data=data)


def test_it_names_the_accounts_missing_this_years_assessments(
    owner: object, account: object
) -> None:
    ContactFactory(account=account, name="李总", is_key_person=True)
    day = my_day(user=owner, today=TODAY)
    assert [(line.account.name, line.kind, line.people) for line in day.missing] == [
        ("华东电力集团", "scorecard", ()),
        ("华东电力集团", "score_sheet", ()),
        ("华东电力集团", "ladder", ("李总",)),
    ]
    assert day.missing[0].url == reverse("scorecard:new", args=[account.uuid])
    assert day.missing[1].url == reverse("assessments:new", args=[account.uuid, "org_score_sheet"])
    # last year's scores do not count for this year; this year's do
    _score_sheet(owner, account, "2025")
    _scorecard(owner, account, "2025")
    assert [line.kind for line in my_day(user=owner, today=TODAY).missing] == [
        "scorecard",
        "score_sheet",
        "ladder",
    ]
    _score_sheet(owner, account, "2026-H1")
    _scorecard(owner, account, "2026")
    assert [line.kind for line in my_day(user=owner, today=TODAY).missing] == ["ladder"]


def test_it_shows_the_red_flags_of_my_accounts_linked_to_the_power_map(
    owner: object, account: object
) -> None:
    ContactFactory(
        account=account, name="王总", influence=9, support=-2, decision_roles=["decider"]
    )
    day = my_day(user=owner, today=TODAY)
    titles = [line.title for line in day.red_flags]
    assert "Strong opponent" in titles
    assert {line.url for line in day.red_flags} == {
        reverse("powermap:account", args=[account.uuid])
    }


def test_it_shows_gift_entries_waiting_for_a_director_only(
    owner: object, director: object, account: object, contact: object
) -> None:
    counterpart_profile_set(actor=owner, contact=contact, counterpart_type="private_company")
    contact.refresh_from_db()
    gift_entry_create(
        actor=owner,
        contact=contact,
        data=GiftInput(
            occurred_on=date(2026, 1, 10),
            gift_type="gift",
            description="茶叶礼盒",
            value=Decimal("1500"),
            currency="CNY",
            purpose="年度答谢",
        ),
    )
    assert [gift.description for gift in my_day(user=director, today=TODAY).gifts] == ["茶叶礼盒"]
    assert my_day(user=director, today=TODAY).shows_gifts is True
    manager = my_day(user=owner, today=TODAY)
    assert (manager.shows_gifts, manager.gifts) == (False, [])


def test_it_lands_on_my_day_after_sign_in_and_at_the_root(client: object, owner: object) -> None:
    owner.set_password("pass-1234-word")
    owner.save()
    response = client.post(
        reverse("users:login"), {"username": owner.username, "password": "pass-1234-word"}
    )
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert page.templates[0].name == "workspace/my_day.html"


def test_it_says_what_to_do_in_every_empty_section(client_for: object, director: object) -> None:
    page = client_for(director).get("/").content.decode()
    for text in (
        "You own no account and are on no account team yet.",
        "Nothing overdue.",
        "Nothing due this week. Agree actions in a meeting record",
        "Nothing planned this week. Plan an entry on an account",
        "No customer key date this week.",
        "No red flags on your accounts.",
        "Once you own or support an account, the assessments it still needs this year",
        "No gift or hospitality entry waits for your decision.",
    ):
        assert text in page, text
    assert "Every account of yours has a current scorecard" not in page  # they have none
    for heading in (
        "my-day-actions",
        "my-day-week",
        "my-day-flags",
        "my-day-missing",
        "my-day-gifts",
    ):
        assert f'<h2 id="{heading}">' in page


def test_it_links_each_line_to_where_it_is_fixed(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    today = timezone.localdate()
    _action(owner, account, "逾期行动", today - timedelta(days=1))
    entry = entry_for(owner, account, title="本周拜访", planned_on=today)
    page = client_for(owner).get("/").content.decode()
    assert "逾期行动" in page and "本周拜访" in page
    assert reverse("engagement:entry_record", args=[entry.uuid]) in page
    assert reverse("assessments:new", args=[account.uuid, "org_score_sheet"]) in page


def _grow(owner: object, count: int) -> None:
    today = timezone.localdate()
    for index in range(count):
        other = AccountFactory(owner=owner, name=f"客户{index}")
        TeamMembershipFactory(account=other, user=owner, team_role="account_manager")
        person = ContactFactory(account=other, name=f"关键人{index}", is_key_person=True)
        ContactFactory(account=other, influence=9, support=-2)
        _action(owner, other, f"行动{index}", today - timedelta(days=1))
        card_action_create(
            actor=owner, contact=person, description=f"步骤{index}", owner=owner, due_on=today
        )
        entry_for(owner, other, title=f"拜访{index}", planned_on=today)
        key_date_for(owner, other, title=f"招标{index}", starts_on=today)


@pytest.mark.parametrize("persona", ["owner", "director"])
def test_it_keeps_the_query_count_constant_as_accounts_and_rows_grow(
    client_for: object, owner: object, director: object, persona: str
) -> None:
    user = owner if persona == "owner" else director
    client = client_for(user)
    _grow(user, 2)
    small = count_queries(lambda: client.get("/"))
    _grow(user, 12)
    large = count_queries(lambda: client.get("/"))
    assert large == small
    assert large <= 20


def test_it_speaks_chinese_and_has_the_my_day_link_in_the_main_navigation(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    today = timezone.localdate()
    _action(owner, account, "逾期行动", today - timedelta(days=1))
    entry_for(owner, account, title="本周拜访", planned_on=today)
    client = client_for(owner)
    page = client.get("/", headers={"Accept-Language": "zh-hans"}).content.decode()
    missing = f"{today.year} 年缺少的评估"
    for text in ("<h1>我的工作台</h1>", "我的到期行动项", "会议行动项", "记录本次会议/活动",
                 "本周会议与关键日期", "我的客户的风险警示", missing):  # fmt: skip
        assert text in page, text
    for english in ("My day", "Overdue", "Due this week", "Record this meeting"):
        assert english not in page, english
    assert '<a href="/" aria-current="page">我的工作台</a>' in page


def test_it_shows_the_first_ten_lines_of_a_section_and_links_to_the_rest(
    client_for: object, owner: object, account: object
) -> None:
    for number in range(13):
        _action(owner, account, f"过期{number:02d}", TODAY - timedelta(days=20 - number))
    day = my_day(user=owner, today=TODAY)
    assert [item.title for item in day.overdue] == [f"过期{n:02d}" for n in range(10)]
    assert (day.totals["overdue"], day.more["overdue"]) == (13, 3)
    client = client_for(owner)
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert page.count('data-testid="my-day-action"') == 10
    assert f'<a href="{reverse("engagement:my_actions")}">还有 3 项</a>' in page


def test_it_counts_all_of_this_weeks_entries_and_key_dates_beyond_the_ten_shown(
    owner: object, account: object
) -> None:
    for number in range(12):
        entry_for(owner, account, title=f"拜访{number:02d}", planned_on=MONDAY)
        key_date_for(owner, account, title=f"节点{number:02d}", starts_on=SUNDAY)
    entry_for(owner, account, title="下周", planned_on=SUNDAY + timedelta(days=1))
    day = my_day(user=owner, today=TODAY)
    assert [entry.title for entry in day.entries] == [f"拜访{n:02d}" for n in range(10)]
    assert (day.totals["entries"], day.more["entries"]) == (12, 2)
    assert (day.totals["key_dates"], day.more["key_dates"], len(day.key_dates)) == (12, 2, 10)

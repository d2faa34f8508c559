"""Bilingual: complete catalogs, no English on any page in 中文, a language switch that sticks."""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kam.accounts.services import (
    AccountInput,
    account_create,
    account_group_create,
    account_update,
    competitor_create,
)
from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.cards.services import card_action_create, card_record_style, card_update
from kam.compliance.services import GiftInput, counterpart_profile_set, gift_entry_create
from kam.engagement.calendar.services import (
    CalendarEntryInput,
    KeyDateInput,
    calendar_entry_create,
    key_date_create,
)
from kam.engagement.matching.services import MatchingItemInput, matching_item_create
from kam.engagement.meetings.actions import ActionItemInput
from kam.engagement.meetings.services import (
    ActivityInput,
    MeetingRecordInput,
    NextMeetingInput,
    activity_log,
    meeting_record_save,
)
from kam.engagement.models import Mechanism
from kam.ladder.services import LadderInput, ladder_assess, ladder_evidence_create
from kam.people.services import (
    ContactEdgeInput,
    contact_edge_create,
    contact_map_update,
    contact_update,
)
from tests.factories import ContactFactory, OrgUnitFactory, UserFactory

LOCALE = Path(settings.BASE_DIR) / "locale"

# Words that are the same in both languages: product names, codes, units and brands.
ALLOWED_WORDS = {
    "KAM",
    "ics",
    "csv",
    "ESG",
    "min",
    "Outlook",
    "Google",
    "Apple",
    "KPI",
    "PNG",
    "xlsx",
    "API",
    "OpenAPI",
    "English",
    "CNY",
    "USD",
    "EUR",
    "HKD",
    "JPY",
    "GBP",
    "CIO",
    "CSV",
    "TCO",  # total cost of ownership, as the spec writes it in Chinese too
    "transformers",  # an example of a category code, which is typed in Latin letters
    "Bearer",
    "Authorization",
    "kam",
    "token",
    "BI",
    "Power",
    "IT",
}


class _TextCollector(HTMLParser):
    """Visible text and the attributes a user reads (title, placeholder, aria-label, alt)."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.skipping: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Skipped: code, and data explicitly marked as English (lang="en", e.g. both labels of a
        # bilingual setting; the language switch buttons carry lang too).
        if tag in {"script", "style", "code", "pre", "textarea"} or ("lang", "en") in attrs:
            self.skip += 1
            self.skipping.append(tag)
        for name, value in attrs:
            if name in {"title", "placeholder", "aria-label", "alt"} and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.texts.append(data.strip())


def english_words(html: str) -> set[str]:
    collector = _TextCollector()
    collector.feed(html)
    words = set()
    for text in collector.texts:
        words |= set(re.findall(r"[A-Za-z]{3,}", text))
    return words - ALLOWED_WORDS


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_it_has_a_complete_catalog(language: str) -> None:
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalog) > 300


def test_it_keeps_placeholders_in_translations() -> None:
    catalog = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    pattern = re.compile(r"\{\w+\}|%\(\w+\)s")
    for entry in catalog:
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for translated in translations:
            assert sorted(pattern.findall(translated)) == sorted(pattern.findall(entry.msgid)), (
                entry.msgid
            )


@pytest.fixture
def chinese_portfolio(db: None) -> dict[str, object]:
    """A portfolio whose user-typed data is Chinese, so any English left on a page is ours."""
    manager = UserFactory(username="manager", display_name="李明", role="account_manager")

    account = account_create(
        actor=manager,
        data=AccountInput(
            name="华东电力集团", industry="energy", region="east_china", owner=manager
        ),
    )
    account_update(
        actor=manager, account=account, data={"status": "dormant", "description": "重点客户"}
    )
    unit = OrgUnitFactory(account=account, name="信息中心")
    boss = ContactFactory(account=account, name="王总", title="总经理", org_unit=unit)
    contact = ContactFactory(account=account, name="张伟", title="采购总监", reports_to=boss)
    contact_update(actor=manager, contact=contact, data={"title": "采购副总"})
    director = UserFactory(username="director", display_name="赵总监", role="director")
    competitor = competitor_create(actor=director, name="某竞争对手")
    assessment = assessment_submit(
        actor=manager,
        account=account,
        template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(
            period="2026", assessed_on=date(2026, 3, 1),
            answers=[AnswerInput(code, Decimal(value), manager, None, "会议纪要") for code, value in
                     [("c_exec_freq", 4), ("c_info", 5), ("m_strategy", 1), ("j_plan", 4),
                      ("i_brand", 5), ("m_org", 2)]],
        ),
    )  # fmt: skip
    group = account_group_create(actor=director, name="能源客户群")
    _key_person_records(manager, boss, contact)
    with translation.override("zh-hans"):  # what a Chinese team records (texts it generates too)
        engagement = _engagement_records(manager, account, contact)
    return {
        **engagement,
        "manager": manager,
        "director": director,
        "account": account,
        "unit": unit,
        "contact": contact,
        "competitor": competitor,
        "group": group,
        "assessment": assessment,
    }


STYLE_ITEMS = ("speaks_firmly", "takes_lead", "decides_quickly", "tells_not_asks",
               "shows_feelings", "talks_personal", "animated", "people_over_facts")  # fmt: skip


def _key_person_records(manager: object, boss: object, contact: object) -> None:
    """A key person with a map, a line, a ladder with evidence, a card and a gift (issue 4)."""
    contact_map_update(
        actor=manager,
        contact=contact,
        data={"decision_roles": ["decider"], "influence": 8, "support": 1, "coverage": "brief",
              "relationship_owner": manager, "response_mode": "even_keel",
              "buying_influence": "economic_buyer"},
    )  # fmt: skip
    contact_edge_create(
        actor=manager, source=boss, data=ContactEdgeInput(target=contact, edge_type="influences")
    )
    evidence = ladder_evidence_create(
        actor=manager, contact=contact, rung_code="info_sharing", occurred_on=date(2026, 2, 1),
        description="主动告知预算安排", kind="meeting",
    )  # fmt: skip
    ladder_assess(
        actor=manager, contact=contact,
        data=LadderInput(
            period="2026", assessed_on=date(2026, 3, 1),
            scores={"brand_recognition": 2, "access_participation": 1, "info_sharing": 2,
                    "business_guidance": 0, "key_event_support": 0, "competitive_stance": 0},
            evidence={"info_sharing": [evidence.uuid]}, target_level=4, competitor_level=2,
        ),
    )  # fmt: skip
    card_update(
        actor=manager, contact=contact, expected_version=0,
        data={"job_kpis": "降本", "primary_need": "esteem", "secondary_need": "safety",
              "interests_hobbies": "围棋", "personal_data_basis": "本人同意"},
    )  # fmt: skip
    card_record_style(actor=manager, contact=contact, answers=dict.fromkeys(STYLE_ITEMS, 3))
    card_action_create(actor=manager, contact=contact, description="高层互访", owner=manager,
                       due_on=date(2026, 1, 10))  # fmt: skip
    counterpart_profile_set(
        actor=manager, contact=contact, counterpart_type="state_owned_enterprise"
    )
    gift_entry_create(
        actor=manager, contact=contact,
        data=GiftInput(occurred_on=date(2026, 3, 2), gift_type="meal", description="工作餐",
                       value=Decimal("400"), currency="CNY", purpose="项目沟通"),
    )  # fmt: skip


def _engagement_records(manager: object, account: object, contact: object) -> dict:
    """A planned entry, a key date, an activity with a meeting record and actions (issue 5)."""
    account.category = "strategic"
    account.save(update_fields=["category"])
    mechanism = Mechanism.objects.get(code="exec_strategy_meeting")
    entry = calendar_entry_create(
        actor=manager,
        account=account,
        entry=CalendarEntryInput(
            mechanism=mechanism,
            title="年度战略会",
            planned_on=date(2026, 3, 10),
            our_participants=[manager],
            customer_participants=[contact],
        ),
    )
    key_date_create(
        actor=manager,
        account=account,
        key_date=KeyDateInput(kind="tender", title="年度招标", starts_on=date(2026, 3, 20)),
    )
    activity = activity_log(
        actor=manager,
        account=account,
        activity=ActivityInput(
            mechanism=mechanism,
            title="年度战略会",
            occurred_on=date(2026, 3, 10),
            calendar_entry=entry,
            customer_participants=[contact],
            outcomes="确定试点范围",
            rung_evidence={contact: ["info_sharing"]},
        ),
    )
    meeting = meeting_record_save(
        actor=manager,
        activity=activity,
        record=MeetingRecordInput(
            listen="希望降本",
            discuss="讨论试点",
            issues=[("备件库存过高", "supply_chain", "explicit", "high")],
            actions=[
                ActionItemInput(
                    description="提交方案",
                    owner_side="ours",
                    owner_user=manager,
                    due_on=date(2026, 3, 20),
                ),
                ActionItemInput(
                    description="提供数据",
                    owner_side="customer",
                    owner_contact=contact,
                    due_on=date(2026, 4, 1),
                ),
            ],
            next_meeting=NextMeetingInput(
                mechanism=mechanism, planned_on=date(2026, 6, 10), title="中期回顾"
            ),
        ),
    )
    item = matching_item_create(
        actor=manager,
        account=account,
        item=MatchingItemInput(
            domain="supply_chain",
            problem="备件库存过高",
            customer_owner=contact,
            key_help="库存优化方案",
            help_type="solution",
            value_type="cost_reduction",
            value_amount=Decimal("500000"),
        ),
    )
    return {"entry": entry, "activity": activity, "meeting": meeting, "matching": item}


def _zh_client(user: object) -> Client:
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(user)
    return client


def _pages(data: dict[str, object]) -> list[str]:
    account, contact = data["account"].uuid, data["contact"].uuid
    return [
        reverse("accounts:list"),
        reverse("accounts:list") + "?q=不存在",
        reverse("accounts:create"),
        reverse("workspace:account", args=[account]),
        reverse("accounts:edit", args=[account]),
        reverse("accounts:delete", args=[account]),
        reverse("accounts:team", args=[account]),
        reverse("accounts:history", args=[account]),
        reverse("people:account_contacts", args=[account]),
        reverse("people:contact_create", args=[account]),
        reverse("people:account_org", args=[account]),
        reverse("people:org_unit_edit", args=[data["unit"].uuid]),
        reverse("people:contact_list"),
        reverse("people:contact_detail", args=[contact]),
        reverse("people:contact_edit", args=[contact]),
        reverse("people:contact_delete", args=[contact]),
        reverse("accounts:competitors"),
        reverse("accounts:competitor_edit", args=[data["competitor"].uuid]),
        reverse("accounts:groups"),
        reverse("accounts:group_edit", args=[data["group"].uuid]),
        reverse("users:tokens"),
        reverse("users:password_change"),
        reverse("relationship:account", args=[account]),
        reverse("relationship:portfolio"),
        reverse("assessments:new", args=[account, "org_score_sheet"]),
        reverse("assessments:new", args=[account, "relationship_test"]),
        reverse("assessments:detail", args=[data["assessment"].uuid]),
        reverse("assessments:history", args=[account, "org_score_sheet"]),
        reverse("assessments:template_list"),
        reverse("assessments:template_edit", args=[data["assessment"].template.uuid]),
        reverse("health:account", args=[account]),
        reverse("health:survey_create", args=[account]),
        reverse("health:wallet_estimate", args=[account]),
        reverse("scorecard:account", args=[account]),
        reverse("scorecard:new", args=[account]),
        reverse("scorecard:portfolio"),
        reverse("scorecard:policy"),
        reverse("powermap:account", args=[account]),
        reverse("powermap:table", args=[account]),
        reverse("people:contact_map", args=[contact]),
        reverse("ladder:contact", args=[contact]),
        reverse("ladder:assess", args=[contact]),
        reverse("ladder:evidence_new", args=[contact]),
        reverse("cards:card", args=[contact]),
        reverse("cards:edit", args=[contact]),
        reverse("cards:style", args=[contact]),
        reverse("cards:action_new", args=[contact]),
        reverse("cards:account_styles", args=[account]),
        reverse("compliance:contact_gifts", args=[contact]),
        reverse("compliance:account", args=[account]),
        reverse("compliance:approvals"),
        reverse("compliance:policy_list"),
        reverse("compliance:rule_new"),
        reverse("compliance:note_new"),
        reverse("users:social_style"),
        reverse("powermap:settings"),
        reverse("engagement:settings"),
        reverse("engagement:calendar", args=[account]),
        reverse("engagement:calendar", args=[account]) + "?year=2026&month=3&view=agenda",
        reverse("engagement:calendar", args=[account]) + "?year=2026&month=3",
        reverse("engagement:year_map", args=[account]) + "?year=2026",
        reverse("engagement:entry_create", args=[account]),
        reverse("engagement:entry_edit", args=[data["entry"].uuid]),
        reverse("engagement:key_date_create", args=[account]),
        reverse("engagement:my_calendar") + "?year=2026&month=3",
        reverse("engagement:my_year_map") + "?year=2026",
        reverse("engagement:subscriptions"),
        reverse("engagement:mechanism_guide"),
        reverse("engagement:mechanisms"),
        reverse("engagement:mechanism_edit", args=["exec_strategy_meeting"]),
        reverse("engagement:activities", args=[account]),
        reverse("engagement:activity_detail", args=[data["activity"].uuid]),
        reverse("engagement:activity_edit", args=[data["activity"].uuid]),
        reverse("engagement:meeting_edit", args=[data["activity"].uuid]),
        reverse("engagement:meeting_detail", args=[data["meeting"].uuid]),
        reverse("engagement:action_board", args=[account]),
        reverse("engagement:my_actions"),
        reverse("engagement:matching", args=[account]),
        reverse("engagement:matching_edit", args=[data["matching"].uuid]),
        reverse("engagement:figures", args=[account]) + "?year=2026",
        reverse("engagement:portfolio_figures") + "?year=2026",
    ]


def test_it_leaves_no_english_on_any_page_in_chinese(chinese_portfolio: dict[str, object]) -> None:
    client = _zh_client(chinese_portfolio["director"])
    for url in _pages(chinese_portfolio):
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == set(), url


def test_it_leaves_no_english_in_chinese_error_messages(
    chinese_portfolio: dict[str, object],
) -> None:
    client = _zh_client(chinese_portfolio["manager"])
    response = client.post(reverse("accounts:create"), {"name": "", "current_revenue": "abc"})
    assert response.status_code == 400
    assert english_words(response.content.decode()) == set()
    login = Client(headers={"Accept-Language": "zh-hans"}).post(
        reverse("users:login"), {"username": "manager", "password": "wrong"}
    )
    assert english_words(login.content.decode()) == set()


def test_it_shows_the_empty_states_in_chinese(db: None) -> None:
    client = _zh_client(UserFactory(role="team_member"))
    for url in (reverse("accounts:list"), reverse("people:contact_list"), reverse("users:tokens")):
        assert english_words(client.get(url).content.decode()) == set(), url


def test_it_remembers_the_language_choice(client: object, db: None) -> None:
    user = UserFactory(role="viewer")
    client.force_login(user)
    response = client.post(reverse("users:language"), {"language": "en", "next": "/accounts/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"
    # a new browser (no cookie) of the same user gets English, too
    fresh = Client(headers={"Accept-Language": "zh-hans"})
    fresh.force_login(user)
    assert "Key accounts" in fresh.get(reverse("accounts:list")).content.decode()


def test_it_refuses_an_unknown_language(client: object, db: None) -> None:
    user = UserFactory(role="viewer")
    client.force_login(user)
    client.post(reverse("users:language"), {"language": "xx"})
    user.refresh_from_db()
    assert user.language == ""


def test_it_shows_the_error_pages_in_chinese(chinese_portfolio: dict[str, object]) -> None:
    viewer = UserFactory(role="viewer")
    client = _zh_client(viewer)
    missing = client.get(reverse("workspace:account", args=[chinese_portfolio["account"].uuid]))
    assert missing.status_code == 404
    assert "未找到" in missing.content.decode()
    assert english_words(missing.content.decode()) == set()
    viewer_on_team = UserFactory(role="viewer")
    chinese_portfolio["account"].team_memberships.create(user=viewer_on_team, team_role="other")
    forbidden = _zh_client(viewer_on_team).get(
        reverse("accounts:edit", args=[chinese_portfolio["account"].uuid])
    )
    assert forbidden.status_code == 403
    assert english_words(forbidden.content.decode()) == set()


def test_it_shows_a_translated_csrf_failure_page(chinese_portfolio: dict[str, object]) -> None:
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "zh-hans"})
    client.force_login(chinese_portfolio["manager"])
    response = client.post(reverse("accounts:create"), {"name": "x"})
    assert response.status_code == 403
    assert english_words(response.content.decode()) == set()

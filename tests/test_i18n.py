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
from django.urls import resolve, reverse
from django.utils import translation

from kam.accounts.services import (
    AccountInput,
    account_create,
    account_group_create,
    account_update,
    competitor_create,
)
from kam.alerts.services import alerts_refresh
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
from kam.handover.tests.objects import handover_objects
from kam.ladder.services import LadderInput, ladder_assess, ladder_evidence_create
from kam.letters.tests.objects import letter_objects
from kam.people.services import (
    ContactEdgeInput,
    contact_edge_create,
    contact_map_update,
    contact_update,
)
from kam.plans.tests.objects import plan_objects
from kam.reviews.tests.objects import review_objects
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
    "PDCA",  # 戴明环: written so in Chinese management texts too (PDCA循环)
    "PNG",
    "xlsx",
    "vcf",  # the vCard file extension, written so in Chinese too (like xlsx and csv)
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
    "Tab",  # the key's name, printed so on Chinese keyboards too (Tab 键)
    "A",  # 名称 A→Z, the sort order as Chinese software writes it
    # The letters of the responsibility matrix (R 负责执行 · A 最终负责 · C 咨询 · I 知会): the
    # course writes 《普遍客户管理责任矩阵》 with them, always next to their Chinese meaning.
    "R",
    "C",
    "I",
    "Z",
    # the ladder's levels L0–L6, written so in the Chinese methodology (T7)
    *(f"L{level}" for level in range(7)),
    "NPS",  # net promoter score and customer satisfaction: used as such in Chinese reports
    "CSAT",
    "n",  # n = the number of answers, the statistical notation
    "PDF",  # file formats, named so in Chinese software (导出 PDF / 导出 Word)
    "Word",
}
# Pages whose help texts show a JSON format to administrators (keys are code there).
JSON_FORMAT_PAGES = {"assessments:template_edit"}


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


class _AllTextCollector(_TextCollector):
    """Every visible text, code included (a raw rule key in <code> is still shown to people)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # translate="no" marks machine identifiers (a token's prefix), not words.
        if (
            tag in {"script", "style", "textarea"}
            or ("lang", "en") in attrs
            or ("translate", "no") in attrs
        ):
            self.skip += 1
            self.skipping.append(tag)


# Short Latin tokens a Chinese reader should not meet as words: axis letters as column headers
# ("X", "Y"), tool numbers ("T7"); the units and codes of ALLOWED_WORDS stay allowed.
STRAY_LATIN = re.compile(r"(?<![A-Za-z0-9_.\-/#])([A-Za-z]{1,2}\d{0,2})(?![A-Za-z0-9_])")
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ASCII_COLON_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff）]\s*:(?!\d)")
MONTH_THEN_YEAR = re.compile(r"[一二三四五六七八九十]+月\s*\d{4}")


def chinese_page_problems(html: str) -> set[str]:
    """English-looking words and the other leftovers a Chinese page must not show: stray
    letters, raw keys, half-width colons after Chinese labels and "十二月 2026" month headings."""
    problems = english_words(html)
    collector = _AllTextCollector()
    collector.feed(html)
    text = "\n".join(collector.texts)
    problems |= {f"letters {m}" for m in STRAY_LATIN.findall(text) if m not in ALLOWED_WORDS}
    problems |= {f"raw key {key}" for key in RAW_KEY.findall(text)}
    problems |= {f"colon {m!r}" for m in ASCII_COLON_AFTER_CHINESE.findall(text)}
    problems |= {f"month {m}" for m in MONTH_THEN_YEAR.findall(text)}
    return problems


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
    alerts_refresh(on=date(2026, 7, 2))  # the alert centre lists its reasons in 中文
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
    problems = {}
    for url in _pages(chinese_portfolio):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        is_json_format = resolve(url.split("?")[0]).view_name in JSON_FORMAT_PAGES
        found = english_words(html) if is_json_format else chinese_page_problems(html)
        if found:
            problems[url] = found
    assert problems == {}, "\n".join(f"{url}: {sorted(found)}" for url, found in problems.items())


# Routes the walk does not open, and why.
UNWALKED_ROUTES = {
    "users:logout": "signs the client out",
    "engagement:subscription_feed": "an iCalendar feed, not a page",
    "engagement:calendar_ics": "an iCalendar file, not a page",
    "scorecard:snapshot": "a scorecard snapshot; the scorecard pages are walked in en tests",
    "favicon": "a redirect to the static icon, not a page",
    "jobs:retry": "the retry button of the job list (POST only)",
}
# Pages only an administrator may open (the walk uses a director otherwise).
ADMINISTRATOR_ROUTES = {"jobs:list", "security:lockouts"}


def _route_values(data: dict[str, object]) -> dict[str, object]:
    """A value for every URL keyword of the page routes, from the Chinese portfolio."""
    from django.utils import timezone

    from kam.accounts.models import AccountTeamMembership
    from kam.broad.services import raci_row_create
    from kam.cards.models import CardAction
    from kam.compliance.models import GiftEntry, GiftPolicyRule
    from kam.compliance.services import custom_note_create
    from kam.documents.models import DocumentPack
    from kam.engagement.calendar.services import calendar_subscription_create
    from kam.engagement.models import ActionItem, CustomerKeyDate
    from kam.health.services import RatingInput, RespondentInput, survey_submit
    from kam.needs.services import NeedInput, need_create
    from kam.people.models import ContactEdge
    from kam.platforms.services import (
        PlatformItemInput,
        platform_item_add_to_calendar,
        platform_item_create,
    )
    from kam.users.services import api_token_create

    manager, account = data["manager"], data["account"]
    survey = survey_submit(
        actor=manager, account=account, period="2026", conducted_on=date(2026, 3, 2),
        respondents=[RespondentInput(contact=data["contact"], role="采购", influence=8, overall=4,
                                     recommend=9, verbatim="交付两次延误",
                                     ratings=(RatingInput("product_quality", 5, 4),))],
    )  # fmt: skip
    region_note = custom_note_create(
        actor=data["director"], region="east_china", title="春节", text="节前拜访"
    )
    account_note = custom_note_create(actor=manager, account=account, title="忌讳", text="不送钟")
    subscription, _raw = calendar_subscription_create(user=data["director"])
    token, _raw = api_token_create(user=data["director"], name="报表", scope="read")
    need = need_create(
        actor=manager,
        account=account,
        need=NeedInput(
            title="希望项目成为集团标杆",
            iceberg_layer="deep",
            level="personal",
            contact=data["contact"],
            visibility="implicit",
            source="inferred",
            source_meeting=data["meeting"],
        ),
    )

    def first_uuid(model: type) -> object:
        row = model.objects.order_by("pk").first()
        return row.uuid if row is not None else None

    batch = _import_batch(manager, account)
    platform = platform_item_create(
        actor=manager,
        account=account,
        item=PlatformItemInput(
            year=timezone.localdate().year, platform_type="technical_seminar", title="技术研讨会",
            audience_level="operational", owner=manager, budget=Decimal("80000"),
            kpi_contribution="新增支持者", notes="每季度一次",
        ),
    )  # fmt: skip
    platform_item_add_to_calendar(actor=manager, item=platform)
    raci_row = raci_row_create(actor=manager, account=account, touchpoint="年度用户大会")
    with translation.override("zh-hans"):  # the catalogue's data source, as a Chinese team sees it
        plans = plan_objects(manager, account)
    return {
        "platform_uuid": platform.uuid,
        "cycle_uuid": _pdca_cycle(manager, account).uuid,
        **plans,
        **review_objects(manager, plans["plan_uuid"]),
        **handover_objects(manager, account),
        **letter_objects(manager, plans["plan_uuid"]),
        "batch_uuid": batch.uuid,
        "raci_row_uuid": raci_row.uuid,
        "account_uuid": data["account"].uuid,
        "contact_uuid": data["contact"].uuid,
        "unit_uuid": data["unit"].uuid,
        "membership_uuid": first_uuid(AccountTeamMembership),
        "assessment_uuid": data["assessment"].uuid,
        "survey_uuid": survey.uuid,
        "edge_uuid": first_uuid(ContactEdge),
        "action_uuid": first_uuid(CardAction),
        "gift_uuid": first_uuid(GiftEntry),
        "account_note_uuid": account_note.uuid,
        "activity_uuid": data["activity"].uuid,
        "meeting_uuid": data["meeting"].uuid,
        "action_item_uuid": first_uuid(ActionItem),
        "matching_uuid": data["matching"].uuid,
        "entry_uuid": data["entry"].uuid,
        "key_date_uuid": first_uuid(CustomerKeyDate),
        "need_uuid": need.uuid,
        "competitor_uuid": data["competitor"].uuid,
        "group_uuid": data["group"].uuid,
        "template_uuid": data["assessment"].template.uuid,
        "rule_uuid": first_uuid(GiftPolicyRule),
        "note_uuid": region_note.uuid,
        "subscription_uuid": subscription.uuid,
        "token_uuid": token.uuid,
        "tool_code": "org_score_sheet",
        "code": "strategic",
        "mechanism_code": "exec_strategy_meeting",
        "pack_uuid": DocumentPack.objects.create(
            account=account, year=2026, language="zh-hans", created_by=manager
        ).uuid,
    }


def _pdca_cycle(manager: object, account: object) -> object:
    """A cycle in Do (its plan read-only, the check's form open) after a closed-looking past."""
    from kam.pdca.services import PdcaCycleInput, pdca_cycle_advance, pdca_cycle_create

    pdca_cycle_create(
        actor=manager,
        account=account,
        cycle=PdcaCycleInput(cadence="monthly", period="2026-02", planned_actions="拜访信息中心"),
    )
    cycle = pdca_cycle_create(
        actor=manager,
        account=account,
        cycle=PdcaCycleInput(
            cadence="quarterly",
            period="2026-Q1",
            focus_kpis=["coverage_rate", "supporter_share"],
            planned_actions="拜访采购部中层；举办技术交流会",
        ),
    )
    return pdca_cycle_advance(actor=manager, cycle=cycle, expected_version=cycle.version)


def _import_batch(manager: object, account: object) -> object:
    """A checked contacts import with errors (its preview lists them in 中文)."""
    from kam.imports.reader import ParsedFile
    from kam.imports.services import import_batch_check, import_batch_create

    rows = [{"line": 2, "values": {"name": "孙七", "email": "不是邮箱", "seniority": "老板"}},
            {"line": 3, "values": {"name": "周八", "org_unit": "不存在的部门"}}]  # fmt: skip
    batch = import_batch_create(
        actor=manager, kind="contacts", parsed=ParsedFile("联系人.xlsx", rows), account=account
    )
    import_batch_check(batch_uuid=str(batch.uuid))
    return batch


def test_it_leaves_no_english_on_any_page_of_the_url_list_in_chinese(
    chinese_portfolio: dict[str, object],
) -> None:
    """Every page route, walked from the URL configuration (a new page is covered by itself)."""
    from django.urls import get_resolver

    from tests.access_helpers import _walk

    values = _route_values(chinese_portfolio)
    client = _zh_client(chinese_portfolio["director"])
    administrator = _zh_client(UserFactory(username="administrator", role="administrator"))
    unwalked, problems = [], {}
    for name, route in _walk(get_resolver().url_patterns):
        if name.startswith(("api:", "admin:")) or name in UNWALKED_ROUTES:
            continue
        kwargs = {key: values.get(key) for key in re.findall(r"<\w+:(\w+)>", route)}
        if None in kwargs.values():
            unwalked.append(name)
            continue
        walker = administrator if name in ADMINISTRATOR_ROUTES else client
        response = walker.get(reverse(name, kwargs=kwargs))
        if response.status_code in (302, 405) or "html" not in response.get("Content-Type", ""):
            continue
        assert response.status_code == 200, name
        html = response.content.decode()
        found = english_words(html) if name in JSON_FORMAT_PAGES else chinese_page_problems(html)
        if found:
            problems[name] = found
    assert unwalked == []
    assert problems == {}, "\n".join(f"{name}: {sorted(found)}" for name, found in problems.items())


def test_it_names_entry_titles_and_action_items_in_chinese(
    chinese_portfolio: dict[str, object],
) -> None:
    """An entry's or an activity's title is 标题 (a person's is 职务); an action item is 行动项."""
    data = chinese_portfolio
    account = data["account"].uuid
    client = _zh_client(data["manager"])

    def headers(url: str) -> list[str]:
        html = client.get(url).content.decode()
        return [
            text.strip().rstrip("：") for text in re.findall(r"<(?:th|label)[^>]*>([^<]*)<", html)
        ]

    agenda = reverse("engagement:calendar", args=[account]) + "?year=2026&month=3&view=agenda"
    assert "标题" in headers(agenda) and "职务" not in headers(agenda)
    activities = headers(reverse("engagement:activities", args=[account]))
    assert "标题" in activities and "职务" not in activities
    for url in (
        reverse("engagement:entry_create", args=[account]),
        reverse("engagement:key_date_create", args=[account]),
        reverse("engagement:activity_edit", args=[data["activity"].uuid]),
    ):
        assert "标题" in headers(url) and "职务" not in headers(url), url
    assert "职务" in headers(reverse("people:contact_list"))
    for url in (
        reverse("engagement:meeting_detail", args=[data["meeting"].uuid]),
        reverse("cards:card", args=[data["contact"].uuid]),
        reverse("engagement:meeting_edit", args=[data["activity"].uuid]),
    ):
        assert "行动项" in headers(url) and "操作" not in headers(url), url
    assert "行动项" in headers(reverse("cards:action_new", args=[data["contact"].uuid]))
    overview = client.get(reverse("workspace:account", args=[account])).content.decode()
    assert "发布后" not in overview and "will appear" not in overview


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


def test_it_shows_sign_in_lockouts_and_the_lockout_page_in_chinese(db: None) -> None:
    UserFactory(username="li.ming", display_name="李明")
    stranger = Client(REMOTE_ADDR="203.0.113.7", headers={"Accept-Language": "zh-hans"})
    for _attempt in range(5):
        locked = stranger.post(reverse("users:login"), {"username": "li.ming", "password": "x"})
    assert locked.status_code == 429
    assert chinese_page_problems(locked.content.decode()) == set()
    administrator = _zh_client(UserFactory(username="administrator", role="administrator"))
    page = administrator.get(reverse("security:lockouts")).content.decode()
    assert "李明" in page
    assert "登录失败" in page
    assert "已锁定" in page
    assert chinese_page_problems(page) == set()

"""Demo key-person cards, social styles, development plans and gift ledgers (issue 4), written
through the services so that every rule runs: one gift waits for approval, one was refused and
is therefore absent, and one card is left incomplete on purpose."""

import random
from datetime import date, timedelta
from decimal import Decimal

from kam.accounts.models import Account
from kam.cards.services import card_action_create, card_record_style, card_update
from kam.compliance.services import (
    GiftInput,
    GiftRefused,
    counterpart_profile_set,
    gift_entry_create,
)
from kam.people.demo_data import DEMO_ACCOUNTS
from kam.people.models import Contact
from kam.users.models import User

STYLE_ITEMS = {
    "assertiveness": ["speaks_firmly", "takes_lead", "decides_quickly", "tells_not_asks"],
    "responsiveness": ["shows_feelings", "talks_personal", "animated", "people_over_facts"],
}
# (assertiveness, responsiveness) centres per style, on the 1–4 answer scale.
STYLE_CENTRES = {"driver": (4, 1), "expressive": (4, 4), "amiable": (1, 4), "analytical": (1, 1)}
EXPECTATIONS = [
    ("年度降本 8%，保障供应稳定", "数字化转型二期立项", "老旧系统故障频发", "投资回报两年内可见"),
    ("安全生产零事故", "设备联网与预测性维护", "运维人手不足", "不停产切换"),
    ("预算执行率与审计合规", "集中采购降本", "供应商数量过多", "总拥有成本最低"),
    ("核心系统稳定与信息安全", "云平台迁移", "数据孤岛", "等保合规一次通过"),
]
NEEDS = [("esteem", "safety"), ("self_actualisation", "esteem"), ("safety", "belonging"),
         ("belonging", "esteem")]  # fmt: skip
ACTIONS = [
    "安排高层互访并汇报项目进展",
    "邀请参加年度用户大会并担任嘉宾",
    "提交试点项目价值评估报告",
    "组织技术交流会回应其关注的问题",
]
COUNTERPARTS = {"public": "government_official", "bank": "state_owned_enterprise",
                "industrial": "state_owned_enterprise", "foreign": "private_company"}  # fmt: skip
GIFTS = [
    ("meal", "项目阶段汇报后的工作餐", Decimal("180"), "项目沟通"),
    ("event_ticket", "行业峰会门票", Decimal("260"), "行业交流"),
    ("gift", "公司定制纪念品", Decimal("120"), "节日问候"),
]


def _answers(rng: random.Random, style: str) -> dict[str, int]:
    centre = dict(zip(STYLE_ITEMS, STYLE_CENTRES[style], strict=True))
    return {
        code: max(1, min(4, centre[axis] + rng.choice([-1, 0, 0, 1])))
        for axis, codes in STYLE_ITEMS.items()
        for code in codes
    }


def _card(rng: random.Random, person: Contact, actor: User, index: int, team: list[User]) -> int:
    if index == 4:
        return 0  # left without a card: the table shows what is missing
    kpis, priorities, problems, criteria = EXPECTATIONS[index % len(EXPECTATIONS)]
    primary, secondary = NEEDS[index % len(NEEDS)]
    data = {
        "job_kpis": kpis,
        "current_priorities": priorities,
        "problems_owned": problems if index != 3 else "",
        "success_criteria": criteria,
        "primary_need": primary,
        "secondary_need": secondary,
        "attitude_to_change": rng.choice(["visionary", "pragmatist", "conservative"]),
        "industry_associations": "中国电力企业联合会" if index % 2 == 0 else "",
        "conferences": "年度数字化转型论坛",
        "our_touchpoints": "用户大会、技术交流会",
    }
    card_update(actor=actor, contact=person, data=data, expected_version=0)
    card_record_style(
        actor=actor, contact=person, answers=_answers(rng, rng.choice(list(STYLE_CENTRES)))
    )
    made = 0
    for step in range(2 if index < 3 else 1):
        owner = team[(index + step) % len(team)]
        due = date(2026, 12, 15) + timedelta(days=30 * step) if index != 1 else date(2026, 10, 20)
        card_action_create(
            actor=actor,
            contact=person,
            description=ACTIONS[(index + step) % len(ACTIONS)],
            owner=owner,
            due_on=due,
        )
        made += 1
    return made


def _gifts(rng: random.Random, account: Account, people: list[Contact], profile: str) -> int:
    counterpart = COUNTERPARTS.get(profile, "private_company")
    made = 0
    for index, person in enumerate(people[:3]):
        counterpart_profile_set(actor=account.owner, contact=person, counterpart_type=counterpart)
        gift_type, description, value, purpose = GIFTS[index % len(GIFTS)]
        try:
            gift_entry_create(
                actor=account.owner,
                contact=person,
                data=GiftInput(
                    occurred_on=date(2026, 9, 1) + timedelta(days=rng.randint(0, 60)),
                    gift_type=gift_type,
                    description=description,
                    value=value + (Decimal(200) if index == 2 else Decimal(0)),
                    currency="CNY",
                    purpose=purpose,
                    giver=account.owner,
                ),
            )
            made += 1
        except GiftRefused:
            pass  # over a limit for this counterpart: refused and not recorded, as in real use
    return made


def seed_cards_and_gifts(*, rng: random.Random, accounts: list[Account]) -> dict[str, int]:
    """Cards with styles and plans for the key persons, and a gift ledger per account."""
    profiles = {spec.name: spec.profile for spec in DEMO_ACCOUNTS}
    counts = {"key-person cards": 0, "development actions": 0, "gift entries": 0}
    for account in accounts:
        team = [m.user for m in account.team_memberships.select_related("user").order_by("pk")]
        team = team or [account.owner]
        people = list(
            account.contacts.filter(is_key_person=True).order_by("-influence", "name", "pk")
        )
        for index, person in enumerate(people):
            actions = _card(rng, person, account.owner, index, team)
            counts["development actions"] += actions
            counts["key-person cards"] += index != 4
        counts["gift entries"] += _gifts(rng, account, people, profiles.get(account.name, ""))
    return counts

"""Demo needs (issue 12, T11): every account gets a dozen needs across the three layers of the
iceberg, explicit and implicit, organisational and personal (on its key persons), some heard in
its meetings; two are addressed through strategic-matching items and one is dropped. Written
through the services, by each account's manager."""

import random
from dataclasses import dataclass

from kam.accounts.models import Account
from kam.engagement.models import MeetingRecord
from kam.needs.models import Need
from kam.needs.services import NeedInput, need_address, need_create, need_drop
from kam.people.models import Contact


@dataclass(frozen=True)
class DemoNeed:
    title: str
    layer: str
    visibility: str
    source: str
    domain: str
    level: str = "organisational"
    kano: str = ""


NEEDS = [
    DemoNeed(
        "设备交付周期缩短到8周以内",
        "surface",
        "explicit",
        "stated",
        "supply_chain",
        kano="performance",
    ),
    DemoNeed("备品备件价格下调5%", "surface", "explicit", "stated", "finance", kano="must_be"),
    DemoNeed("提供中英文双语技术文档", "surface", "explicit", "stated", "rnd", kano="must_be"),
    DemoNeed(
        "现场服务4小时响应", "surface", "explicit", "validated", "production", kano="performance"
    ),
    DemoNeed(
        "降低非计划停机时间", "business", "explicit", "stated", "production", kano="performance"
    ),
    DemoNeed("完成年度降本目标", "business", "implicit", "observed", "finance"),
    DemoNeed("数字化转型项目按期上线", "business", "explicit", "stated", "it_digital"),
    DemoNeed(
        "满足新的碳排放考核",
        "business",
        "implicit",
        "inferred",
        "compliance_esg",
        kano="attractive",
    ),
    DemoNeed("培养自己的运维骨干", "business", "implicit", "validated", "hr_training"),
    DemoNeed("希望项目成为集团标杆", "deep", "implicit", "inferred", "strategy", level="personal"),
    DemoNeed(
        "规避采购决策的个人风险", "deep", "implicit", "observed", "compliance_esg", level="personal"
    ),
    DemoNeed(
        "在行业内树立技术领先形象",
        "deep",
        "implicit",
        "validated",
        "marketing_sales",
        kano="attractive",
    ),
]


class NeedsSeeder:
    def __init__(self, *, rng: random.Random) -> None:
        self.rng = rng
        self.counts = {"needs": 0, "needs addressed": 0}

    def run(self, accounts: list[Account]) -> dict[str, int]:
        for account in accounts:
            self._seed_account(account)
        return self.counts

    @staticmethod
    def _contact(people: list[Contact], index: int, demo: DemoNeed) -> Contact | None:
        """Personal needs and two needs in three belong to one of the four most influential
        people; the rest are the organisation's."""
        if not people or (demo.level != "personal" and index % 3 == 0):
            return None
        return people[index % len(people)]

    def _seed_account(self, account: Account) -> None:
        actor = account.owner
        if actor is None:
            return
        people = list(account.contacts.order_by("-influence", "name")[:4])
        meetings = list(MeetingRecord.objects.filter(account=account).order_by("pk")[:3])
        created: list[Need] = []
        for index, demo in enumerate(NEEDS):
            contact = self._contact(people, index, demo)
            level = demo.level if contact is not None else "organisational"
            created.append(
                need_create(
                    actor=actor,
                    account=account,
                    need=NeedInput(
                        title=demo.title,
                        iceberg_layer=demo.layer,
                        visibility=demo.visibility,
                        source=demo.source,
                        domain=demo.domain,
                        level=level,
                        contact=contact,
                        kano=demo.kano,
                        importance=self.rng.randint(2, 5),
                        our_fit=self.rng.randint(1, 5),
                        urgency=self.rng.randint(1, 5),
                        source_meeting=meetings[index % len(meetings)]
                        if meetings and demo.visibility == "implicit"
                        else None,
                    ),
                )
            )
        self.counts["needs"] += len(created)
        for need in (created[4], created[7]):
            need_address(actor=actor, need=need)
            self.counts["needs addressed"] += 1
        need_drop(actor=actor, need=created[2])


def seed_needs(*, rng: random.Random, accounts: list[Account]) -> dict[str, int]:
    """The needs demo for every account (see the module docstring)."""
    return NeedsSeeder(rng=rng).run(accounts)

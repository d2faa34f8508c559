"""Demo engagement platform plans (issue 12, T10 拓展平台规划书): every account plans two to four
platforms for the demo year; its first one (a quarterly technical seminar) is on the calendar
and its events before the demo day are held (logged as activities). Written through the
services, by each account's manager."""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from kam.accounts.models import Account
from kam.engagement.meetings.services import ActivityInput, activity_log
from kam.engagement.models import CalendarEntry
from kam.platforms.services import (
    PlatformItemInput,
    platform_item_add_to_calendar,
    platform_item_create,
)
from kam.users.models import User
from kam.workspace.demo_engagement import DEMO_DAY, DEMO_YEAR


@dataclass(frozen=True)
class DemoPlatform:
    platform_type: str
    title: str
    frequency: str
    budget: int
    kpi: str
    contribution: str
    function: str = ""
    level: str = ""


PLATFORMS = [
    DemoPlatform(
        "technical_seminar",
        "运维技术研讨会",
        "quarterly",
        80000,
        "platform_events",
        "每季度一场，覆盖生产与运维骨干",
        function="production",
        level="operational",
    ),
    DemoPlatform(
        "user_forum",
        "年度用户交流会",
        "yearly",
        150000,
        "coverage_rate",
        "新增采购、质量两个部门的联系人",
        level="middle",
    ),
    DemoPlatform(
        "training_academy",
        "客户运维骨干培训学院",
        "semiannual",
        120000,
        "supporter_share",
        "培训学员中发展3名支持者",
        function="service_maintenance",
        level="operational",
    ),
    DemoPlatform(
        "customer_club",
        "客户高层俱乐部",
        "semiannual",
        200000,
        "contacts_per_dept",
        "高层每半年交流一次",
        level="executive",
    ),
]


def _team(account: Account) -> list[User]:
    members = [m.user for m in account.team_memberships.select_related("user")]
    return [user for user in members if user.role != "viewer"] or [account.owner]


def _hold_past_events(actor: User, account: Account, entries: list[CalendarEntry]) -> int:
    """Log an activity for each event before the demo day (the entry becomes done)."""
    held = 0
    for entry in entries:
        if entry.planned_on > DEMO_DAY - timedelta(days=20):
            continue
        activity_log(
            actor=actor,
            account=account,
            activity=ActivityInput(
                mechanism=entry.mechanism,
                title=entry.title,
                occurred_on=entry.planned_on + timedelta(days=14),
                lead=actor,
                calendar_entry=entry,
                outcomes="参会人员反馈良好，约定下一期主题。",
            ),
        )
        held += 1
    return held


def seed_platforms(*, rng: random.Random, accounts: list[Account]) -> dict[str, int]:
    """A platform plan for every account (see the module docstring)."""
    counts = {"platform items": 0, "platform events held": 0}
    for index, account in enumerate(accounts):
        actor = account.owner
        team = _team(account)
        items = []
        for demo in PLATFORMS[: 2 + index % 3]:
            items.append(
                platform_item_create(
                    actor=actor,
                    account=account,
                    item=PlatformItemInput(
                        year=DEMO_YEAR,
                        platform_type=demo.platform_type,
                        title=demo.title,
                        audience_function=demo.function,
                        audience_level=demo.level,
                        frequency=demo.frequency,
                        owner=rng.choice(team),
                        budget=Decimal(demo.budget),
                        kpi=demo.kpi,
                        kpi_contribution=demo.contribution,
                    ),
                )
            )
        counts["platform items"] += len(items)
        platform_item_add_to_calendar(actor=actor, item=items[0])
        entries = list(
            CalendarEntry.objects.filter(platform_link__item=items[0])
            .select_related("mechanism")
            .order_by("planned_on")
        )
        counts["platform events held"] += _hold_past_events(actor, account, entries)
    return counts

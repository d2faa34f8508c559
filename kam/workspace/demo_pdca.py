"""Demo PDCA cycles (issue 12, T10 《普遍客户关系管理流程》): every account runs a quarterly cycle.
The third quarter went round the wheel — planned, done, checked (a KPI snapshot) and closed with
its act, which opened the fourth quarter's cycle with the carry-over; every other account (by
name, from the first) is already doing that one. An account whose KPIs cannot be measured (no
category or no targets) skips the closed cycle and only plans the fourth quarter. Written
through the services, by each account's manager, after the coverage targets are seeded."""

import random
from datetime import date

from django.db import transaction

from kam.accounts.models import Account
from kam.core.exceptions import ApplicationError
from kam.pdca.models import PdcaCycle
from kam.pdca.services import (
    PdcaCycleInput,
    pdca_cycle_advance,
    pdca_cycle_check,
    pdca_cycle_close,
    pdca_cycle_create,
)
from kam.users.models import User

CLOSED_PERIOD, OPEN_PERIOD = "2026-Q3", "2026-Q4"
CHECKED_ON = date(2026, 9, 28)
FOCUS_CHOICES = [
    ["coverage_rate", "contacts_per_dept"],
    ["supporter_share", "contact_frequency"],
    ["coverage_rate", "platform_events"],
]
PLANNED = "拜访采购部和财务部中层各两次；举办一场运维技术研讨会；补齐质量部联系人。"
CHECK_NOTE = "覆盖率未达标：财务部仍无有效联系人；技术研讨会反馈良好。"
ACT: dict[str, object] = {
    "corrective_actions": "由客户经理牵头约见财务部副总，争取列入下季度预算沟通会。",
    "standardise": "技术研讨会后一周内逐一回访参会骨干，已写入团队拜访规范。",
    "carry_over": "约见财务部副总；发展质量部一名支持者。",
}


def _closed_cycle(actor: User, account: Account, focus: list[str]) -> PdcaCycle | None:
    """The third quarter round the wheel, closing into the fourth (None when the KPIs cannot
    be measured: nothing of it is kept)."""
    try:
        with transaction.atomic():
            cycle = pdca_cycle_create(
                actor=actor,
                account=account,
                cycle=PdcaCycleInput(
                    cadence="quarterly",
                    period=CLOSED_PERIOD,
                    focus_kpis=focus,
                    planned_actions=PLANNED,
                ),
            )
            cycle = pdca_cycle_advance(actor=actor, cycle=cycle, expected_version=cycle.version)
            cycle = pdca_cycle_check(
                actor=actor,
                cycle=cycle,
                note=CHECK_NOTE,
                expected_version=cycle.version,
                on=CHECKED_ON,
            )
            cycle = pdca_cycle_advance(actor=actor, cycle=cycle, expected_version=cycle.version)
            result = pdca_cycle_close(
                actor=actor, cycle=cycle, data=ACT, expected_version=cycle.version, open_next=True
            )
    except ApplicationError:
        return None
    return result.next_cycle


def seed_pdca(*, rng: random.Random, accounts: list[Account]) -> dict[str, int]:
    """Two cycles for every account that can be measured (see the module docstring)."""
    counts = {"PDCA cycles": 0, "PDCA cycles closed": 0}
    for index, account in enumerate(accounts):
        actor = account.owner
        if actor is None:
            continue
        focus = FOCUS_CHOICES[index % len(FOCUS_CHOICES)]
        following = _closed_cycle(actor, account, focus)
        if following is None:
            following = pdca_cycle_create(
                actor=actor,
                account=account,
                cycle=PdcaCycleInput(
                    cadence="quarterly",
                    period=OPEN_PERIOD,
                    focus_kpis=focus,
                    planned_actions=PLANNED,
                ),
            )
        else:
            counts["PDCA cycles"] += 1
            counts["PDCA cycles closed"] += 1
        counts["PDCA cycles"] += 1
        if index % 2 == 0:
            pdca_cycle_advance(actor=actor, cycle=following, expected_version=following.version)
    return counts

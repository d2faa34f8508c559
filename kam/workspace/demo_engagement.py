"""Demo engagement (issue 5): each classified account's 2026 plan from the category cadences,
activities logged for most past entries (with realistic gaps: two accounts fall well behind, a
few entries are cancelled or postponed, a few activities were never planned), meeting records
with issues and action items (some overdue), the customers' key dates and strategic-matching
items at every stage. Everything is written through the services, by each account's manager."""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kam.accounts.models import Account
from kam.engagement.calendar.plan import calendar_plan_generate
from kam.engagement.calendar.services import (
    KeyDateInput,
    calendar_entry_cancel,
    calendar_entry_postpone,
    key_date_create,
)
from kam.engagement.choices import ActionStatus, MatchingStage
from kam.engagement.matching.services import (
    STAGES,
    MatchingAdvanceInput,
    MatchingItemInput,
    matching_item_advance,
    matching_item_create,
)
from kam.engagement.meetings.actions import ActionItemInput, action_item_update
from kam.engagement.meetings.services import (
    ActivityInput,
    MeetingRecordInput,
    activity_log,
    meeting_record_save,
)
from kam.engagement.models import (
    ActionItem,
    Activity,
    CalendarEntry,
    MatchingItem,
    Mechanism,
)
from kam.people.models import Contact
from kam.users.models import User

DEMO_YEAR = 2026
DEMO_DAY = date(2026, 11, 20)  # "today" of the demo story (or the real day, if earlier)
# Share of past entries that were carried out, per account in name order: two accounts lag.
DONE_SHARES = [0.95, 0.9, 0.6, 0.92, 0.88, 0.5, 0.97, 0.9, 0.85, 0.93, 0.8, 0.9, 0.95]
CANCEL_SHARE = 0.04
POSTPONE_SHARE = 0.04
MEETING_MECHANISMS = {
    "exec_strategy_meeting",
    "periodic_planning_meeting",
    "tech_exchange_service",
}
CUSTOMER_SENIORITY = {
    "executive": ["executive"],
    "middle": ["middle"],
    "mixed": ["middle", "executive"],
    "expert": ["operational", "middle"],
    "front_line": ["operational", "middle"],
}
ISSUES = [
    ("备件库存占用资金过高", "supply_chain", "explicit", "high"),
    ("一线人员数字化技能不足", "hr_training", "implicit", "medium"),
    ("老旧系统故障频发，影响生产", "production", "explicit", "high"),
    ("集团要求年度降本 8%", "finance", "explicit", "high"),
    ("数据分散在多个系统，难以决策", "it_digital", "implicit", "medium"),
    ("ESG 披露要求越来越严", "compliance_esg", "implicit", "low"),
]
ACTIONS = [
    "提交试点方案与投资回报测算",
    "安排专家到现场诊断",
    "整理同行业最佳实践案例",
    "确认下次会议的议程与参会人",
    "提供培训计划草案",
]
KEY_DATES = [
    ("budget_cycle", "年度预算编制", 9, 15),
    ("tender", "集中采购招标", 4, 10),
    ("shutdown", "年度检修停产", 7, 5),
    ("board_meeting", "董事会年度会议", 12, 8),
]
MATCHING = [
    ("production", "设备非计划停机多，产能受损", "solution", "efficiency", "预测性维护方案"),
    ("finance", "采购成本高于行业平均", "expertise", "cost_reduction", "品类管理专家咨询"),
    ("it_digital", "数据孤岛，经营分析慢", "solution", "efficiency", "数据中台与驾驶舱"),
    ("hr_training", "班组长管理能力不足", "training", "efficiency", "班组长训练营"),
    ("strategy", "新业务方向缺少合作伙伴", "resources", "strategic", "引荐产业链伙伴"),
    ("supply_chain", "关键物料交期不稳", "product", "risk_reduction", "安全库存与寄售方案"),
    ("marketing_sales", "海外市场拓展缓慢", "resources", "revenue_growth", "对接海外渠道"),
]


class EngagementSeeder:
    """Seeds one account after another with the same random generator (deterministic)."""

    def __init__(self, *, rng: random.Random) -> None:
        self.rng = rng
        self.today = min(DEMO_DAY, timezone.localdate())
        self.mechanisms = {m.code: m for m in Mechanism.objects.filter(is_active=True)}
        self.counts = {
            "calendar entries": 0,
            "activities": 0,
            "meeting records": 0,
            "action items": 0,
            "matching items": 0,
        }

    def run(self, accounts: list[Account]) -> dict[str, int]:
        # Fresh rows: the scorecards set the categories after the caller loaded its list.
        fresh = Account.objects.select_related("owner").filter(pk__in=[a.pk for a in accounts])
        for index, account in enumerate(fresh.order_by("name")):
            actor = account.owner
            team = _team(account)
            contacts = list(Contact.objects.filter(account=account).order_by("pk"))
            if account.category:
                share = DONE_SHARES[index % len(DONE_SHARES)]
                self._plan_and_log(account, actor, team, contacts, share)
            self._unplanned(account, actor, team, contacts)
            self._key_dates(account, actor)
            self._matching(account, actor, contacts, index)
        return self.counts

    # --- calendar and activities ------------------------------------------------------------

    def _plan_and_log(
        self, account: Account, actor: User, team: list[User], contacts: list[Contact], share: float
    ) -> None:
        plan = calendar_plan_generate(actor=actor, account=account, year=DEMO_YEAR)
        self.counts["calendar entries"] += len(plan)
        for entry in sorted(plan, key=lambda item: (item.planned_on, item.pk)):
            if entry.planned_on > self.today:
                continue
            roll = self.rng.random()
            if roll < CANCEL_SHARE:
                calendar_entry_cancel(actor=actor, entry=entry)
            elif roll < CANCEL_SHARE + POSTPONE_SHARE:
                later = entry.planned_on + timedelta(days=self.rng.randint(20, 45))
                calendar_entry_postpone(actor=actor, entry=entry, planned_on=later)
            elif self.rng.random() < share:
                self._log(account, actor, team, contacts, entry)

    def _occurred_on(self, entry: CalendarEntry) -> date:
        day = entry.planned_on
        if entry.is_month_only:
            day += timedelta(days=self.rng.randint(3, 24))
        return min(day, self.today)

    def _participants(self, mechanism: Mechanism, contacts: list[Contact]) -> list[Contact]:
        levels = CUSTOMER_SENIORITY.get(mechanism.customer_level, ["middle"])
        chosen = [contact for contact in contacts if contact.seniority in levels]
        return self.rng.sample(chosen or contacts, min(len(chosen or contacts), 2))

    def _log(
        self,
        account: Account,
        actor: User,
        team: list[User],
        contacts: list[Contact],
        entry: CalendarEntry | None,
        mechanism: Mechanism | None = None,
        title: str = "",
        occurred_on: date | None = None,
    ) -> None:
        mechanism = mechanism or entry.mechanism  # type: ignore[union-attr]  # entry or mechanism
        customers = self._participants(mechanism, contacts)
        juniors = [user for user in team if user.seniority == "operational"]
        lead = actor
        if juniors and self.rng.random() < 0.2:
            # Only a junior colleague went to meet the customer's executives: no level match.
            lead = self.rng.choice(juniors)
            executives = [contact for contact in contacts if contact.seniority == "executive"]
            customers = executives[:1] or customers
        activity = activity_log(
            actor=actor,
            account=account,
            activity=ActivityInput(
                mechanism=mechanism,
                title=title or (entry.title if entry else mechanism.name),
                occurred_on=occurred_on or self._occurred_on(entry),  # type: ignore[arg-type]  # entry or date
                lead=lead,
                calendar_entry=entry,
                customer_participants=customers,
                outcomes="双方确认下一步工作重点。",
            ),
        )
        self.counts["activities"] += 1
        if mechanism.code in MEETING_MECHANISMS and self.rng.random() < 0.4:
            self._meeting(actor, activity, team, contacts)

    def _unplanned(
        self, account: Account, actor: User, team: list[User], contacts: list[Contact]
    ) -> None:
        """Two things that happened without a plan: a visit and a technical exchange."""
        for code, title, days_ago in [
            ("routine_visit_advisory", "临时拜访：处理投诉", 40),
            ("tech_exchange_service", "紧急技术支持", 12),
        ]:
            self._log(
                account,
                actor,
                team,
                contacts,
                None,
                mechanism=self.mechanisms[code],
                title=title,
                occurred_on=self.today - timedelta(days=days_ago),
            )

    # --- meetings and action items ----------------------------------------------------------

    def _meeting(
        self, actor: User, activity: Activity, team: list[User], contacts: list[Contact]
    ) -> None:
        issues = self.rng.sample(ISSUES, 2)
        descriptions = self.rng.sample(ACTIONS, 2)
        customer = self.rng.choice(contacts)
        actions = [
            ActionItemInput(
                description=descriptions[0],
                owner_side="ours",
                owner_user=self.rng.choice(team),
                due_on=activity.occurred_on + timedelta(days=self.rng.randint(7, 30)),
            ),
            ActionItemInput(
                description=descriptions[1],
                owner_side="customer",
                owner_contact=customer,
                due_on=activity.occurred_on + timedelta(days=self.rng.randint(10, 40)),
            ),
        ]
        meeting = meeting_record_save(
            actor=actor,
            activity=activity,
            record=MeetingRecordInput(
                listen="客户介绍了今年的经营目标和面临的主要问题。",
                issues=issues,
                discuss="讨论了分阶段实施的可行性。",
                share="分享了同行业两个成功案例。",
                actions=actions,
                execution_plan="两周内提交方案，下月复盘。",
            ),
        )
        self.counts["meeting records"] += 1
        self.counts["action items"] += 2
        for item in meeting.action_items.all():
            self._close(actor, item)

    def _close(self, actor: User, item: ActionItem) -> None:
        """Most past-due actions are done (mostly on time); the rest stay open: overdue."""
        if item.due_on > self.today or self.rng.random() < 0.2:
            return
        action_item_update(actor=actor, action_item=item, data={"status": ActionStatus.DONE})
        # The service stamps the real day; the demo story closed it back then.
        late = self.rng.random() < 0.15
        closed_on = item.due_on + timedelta(days=self.rng.randint(1, 10) if late else 0)
        ActionItem.objects.filter(pk=item.pk).update(closed_on=min(closed_on, self.today))

    # --- key dates and matching -------------------------------------------------------------

    def _key_dates(self, account: Account, actor: User) -> None:
        for kind, title, month, day in self.rng.sample(KEY_DATES, 2):
            key_date_create(
                actor=actor,
                account=account,
                key_date=KeyDateInput(
                    kind=kind, title=title, starts_on=date(DEMO_YEAR, month, day)
                ),
            )

    def _matching(self, account: Account, actor: User, contacts: list[Contact], index: int) -> None:
        """Items at every stage across the portfolio; some with value proven and signed off."""
        for number, (domain, problem, help_type, value_type, key_help) in enumerate(
            self.rng.sample(MATCHING, 3)
        ):
            stage = STAGES[(index + number * 2) % len(STAGES)]
            amount = Decimal(self.rng.randint(5, 80) * 10000)
            item = matching_item_create(
                actor=actor,
                account=account,
                item=MatchingItemInput(
                    domain=domain,
                    problem=problem,
                    customer_owner=self.rng.choice(contacts) if contacts else None,
                    key_help=key_help,
                    help_type=help_type,
                    value_type=value_type,
                    value_amount=amount,
                    currency=account.currency,
                ),
            )
            self.counts["matching items"] += 1
            self._advance(actor, item, stage, number)

    def _advance(self, actor: User, item: MatchingItem, stage: str, number: int) -> None:
        day = date(DEMO_YEAR, 1, 15) + timedelta(days=40 * number)
        for step in STAGES[1 : STAGES.index(stage) + 1]:
            day = min(day + timedelta(days=self.rng.randint(20, 60)), self.today)
            extra: dict[str, Any] = {}
            if step == MatchingStage.VALUE_PROVEN:
                extra = {"evidence": "客户出具的效益确认函", "is_signed_off": True}
            item = matching_item_advance(
                actor=actor,
                item=item,
                move=MatchingAdvanceInput(stage=step, changed_on=day, **extra),
            )


def _team(account: Account) -> list[User]:
    members = [membership.user for membership in account.team_memberships.select_related("user")]
    users = [user for user in members if user.role != "viewer"]
    return users or [account.owner]


def seed_engagement(*, rng: random.Random, accounts: list[Account]) -> dict[str, int]:
    """The engagement demo for every account (see the module docstring)."""
    return EngagementSeeder(rng=rng).run(accounts)

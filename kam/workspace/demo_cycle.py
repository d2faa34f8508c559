"""Demo of the management cycle wheel (T13 循环轮盘): after seeding, the roll-up at
/portfolio/cycle/ shows accounts standing in every phase. An account's current phase is the
first one not done (kam.cycle.rules); Execute is done only once the year is over with the
calendar on target, so the year under way (2026) shows the first four phases and the year past
(2025) shows the last three. What each demo account illustrates (the test
test_it_shows_demo_accounts_at_every_phase_of_the_wheel keeps it true):

2026 (the year under way)
- Assess: 长江汽车零部件有限公司 has never taken the relationship test (T3): the instruments of
  the Assess phase are incomplete (NEVER_TESTED in kam.workspace.demo).
- Plan: manager.wang's other accounts, and 蓝海国际物流 (just handed over), have no 2026 plan.
- Set targets: manager.li's accounts whose 2026 responsibility letters are not signed by both
  the owner and the director (kam.workspace.demo_letters).
- Execute: manager.li's first three accounts (华东电力集团 and its two subsidiaries): plan
  approved, letters signed, the calendar under way.

2025 (the year is over)
- Assess and Plan: as in 2026 (manager.wang's accounts had no 2025 plan either).
- Set targets: manager.li's other 2025 plans, which never had responsibility letters.
- Execute: 华南城市商业银行 signed its 2025 letters but held only two of its four quarterly
  executive meetings: the calendar missed the compliance target.
- Review: 华东电力江苏配售电有限公司 held all four, but its 2025 year-end review is still to be
  held (its 2026 plan page shows last year's actuals live from the catalogue).
- Improve: 华东电力上海发电有限公司 held all four and reviewed the year; the corrective action the
  review agreed is still open.

A letter is signed only on measured baselines, and the demo's history starts with the 2025
assessments (kam.workspace.demo.PERIODS): the 2025 plans of these three accounts take their
baselines on that day rather than on 1 January. Written through the services, from
kam.workspace.demo_plans, around each 2025 plan: the calendar before the plan, the letter after
its approval, both before its year-end review, so the review freezes the year's calendar
compliance.
"""

from datetime import date

from kam.accounts.models import Account
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.meetings.services import ActivityInput, activity_log
from kam.engagement.models import Mechanism
from kam.letters.services import letter_generate, letter_sign
from kam.people.models import Contact
from kam.plans.models import AccountPlan
from kam.users.models import User
from kam.workspace.demo import PERIODS

PAST_EXECUTE = "华南城市商业银行"
PAST_REVIEW = "华东电力江苏配售电有限公司"
PAST_IMPROVE = "华东电力上海发电有限公司"
# The 2025 quarterly executive meetings each account held, of the four it planned.
PAST_MEETINGS_HELD = {PAST_EXECUTE: 2, PAST_REVIEW: 4, PAST_IMPROVE: 4}
PAST_MEETING_DAYS = [date(2025, 3, 20), date(2025, 6, 19), date(2025, 9, 18), date(2025, 12, 11)]
PAST_MECHANISM = "exec_strategy_meeting"
# The corrective action of PAST_IMPROVE's 2025 year-end review, still open.
PAST_CORRECTIVE_ACTION = ("年内完成集团战略供应商名录准入评审", date(2026, 12, 31))


def past_baseline_on(account: Account) -> date:
    """The baseline date of the account's 2025 plan."""
    return PERIODS[0][1] if account.name in PAST_MEETINGS_HELD else date(2025, 1, 1)


def has_year_end_review(account: Account) -> bool:
    """Whether the account's 2025 plan was reviewed at the year's end."""
    return account.name != PAST_REVIEW


def year_end_action(account: Account) -> tuple[str, date] | None:
    """The corrective action the account's 2025 year-end review agrees, if any."""
    return PAST_CORRECTIVE_ACTION if account.name == PAST_IMPROVE else None


def _meetings(actor: User, account: Account, held: int) -> None:
    mechanism = Mechanism.objects.get(code=PAST_MECHANISM)
    executives = Contact.objects.filter(account=account, seniority="executive").order_by("pk")
    for index, planned_on in enumerate(PAST_MEETING_DAYS):
        entry = calendar_entry_create(
            actor=actor,
            account=account,
            entry=CalendarEntryInput(
                mechanism=mechanism, title=f"{planned_on.year} 年第{index + 1}季度高层战略会",
                planned_on=planned_on,
            ),
        )  # fmt: skip
        if index < held:
            activity_log(
                actor=actor,
                account=account,
                activity=ActivityInput(
                    mechanism=mechanism, title=entry.title, occurred_on=planned_on, lead=actor,
                    calendar_entry=entry, customer_participants=list(executives[:2]),
                    outcomes="回顾季度进展，确认下一季度重点。",
                ),
            )  # fmt: skip


def seed_past_calendar(*, planner: User, account: Account) -> dict[str, int]:
    """For the accounts of the 2025 story: the quarterly executive meetings planned on the
    2025 calendar, some held (before the plan, whose baselines read the calendar)."""
    held = PAST_MEETINGS_HELD.get(account.name)
    if held is None:
        return {}
    _meetings(planner, account, held)
    return {"entries": len(PAST_MEETING_DAYS), "held": held}


def seed_past_letter(*, planner: User, director: User, plan: AccountPlan) -> dict[str, int]:
    """For the accounts of the 2025 story: the year's letter signed by the planner, then by
    the director."""
    if plan.account.name not in PAST_MEETINGS_HELD:
        return {}
    letter = letter_generate(plan=plan, owner=planner, actor=planner)
    letter_sign(letter=letter_sign(letter=letter, actor=planner), actor=director)
    return {"letters": 1}

"""我的工作台 (My day) for the latency benchmark (issue 10, item 15): one key account manager on the
teams of 30 generated accounts, with work due on each of them.

Call after django.setup() on the bench database:

    from my_day_bench import add_my_day_user, targets
    user = add_my_day_user()          # idempotent: reuses the user when it is there
    for label, url in targets(): ...

Rows are load (bulk_create, no audit trail): per account two meeting actions (one overdue, one
due this week), one development-plan step of a contact, one planned entry and one customer key
date this week; the red flags and missing assessments come from the generated data set.
"""

from datetime import timedelta

USERNAME = "bench.manager.myday"
ACCOUNTS = 30


def _team(user: object) -> list:
    from kam.accounts.models import Account, AccountTeamMembership

    accounts = list(Account.objects.order_by("pk")[:ACCOUNTS])
    AccountTeamMembership.objects.bulk_create(
        [
            AccountTeamMembership(account=account, user=user, team_role="other")
            for account in accounts
        ]
    )
    return accounts


def _work(user: object, accounts: list) -> None:
    from django.utils import timezone

    from kam.cards.models import CardAction, KeyPersonCard
    from kam.engagement.models import ActionItem, CalendarEntry, CustomerKeyDate, Mechanism
    from kam.people.models import Contact

    today = timezone.localdate()
    mechanism = Mechanism.objects.order_by("pk").first()
    actions, entries, key_dates, steps = [], [], [], []
    for index, account in enumerate(accounts):
        for offset, description in ((-2, "逾期行动"), (2, "本周行动")):
            actions.append(
                ActionItem(
                    account=account,
                    description=f"{description}{index}",
                    owner_side="ours",
                    owner_user=user,
                    due_on=today + timedelta(days=offset),
                )
            )
        entries.append(
            CalendarEntry(
                account=account, mechanism=mechanism, title=f"拜访{index}", planned_on=today
            )
        )
        key_dates.append(
            CustomerKeyDate(account=account, kind="tender", title=f"招标{index}", starts_on=today)
        )
        person = Contact.objects.filter(account=account).order_by("pk").first()
        if person is not None:
            card, _created = KeyPersonCard.objects.get_or_create(contact=person, account=account)
            steps.append(
                CardAction(
                    card=card, account=account, description=f"拓展{index}", owner=user, due_on=today
                )
            )
    ActionItem.objects.bulk_create(actions)
    CalendarEntry.objects.bulk_create(entries)
    CustomerKeyDate.objects.bulk_create(key_dates)
    CardAction.objects.bulk_create(steps)


def add_my_day_user() -> object:
    """The bench manager of 我的工作台 with 30 accounts and their work (created once)."""
    from kam.users.models import User
    from kam.workspace.management.commands.generate_dataset import BENCH_PASSWORD

    existing = User.objects.filter(username=USERNAME).first()
    if existing is not None:
        return existing
    user = User.objects.create_user(
        username=USERNAME,
        password=BENCH_PASSWORD,
        role="account_manager",
        display_name="工作台经理",
    )
    _work(user, _team(user))
    return user


def targets() -> list[tuple[str, str]]:
    from django.urls import reverse

    return [("my day (我的工作台)", reverse("home"))]

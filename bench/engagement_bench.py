"""Engagement data for the latency benchmark (issue 5): the calendar and 1,000,000 activities.

Call after django.setup() on the bench database:

    from engagement_bench import add_engagement_data, targets
    add_engagement_data()                    # once; found again on --reuse
    for label, url in targets(account): ...

Calendar entries follow each account's category cadences for 2025 and 2026 (the same slots as
`calendar_plan_generate`); activities are spread over the same two years and every mechanism,
led by a member of the account team. Everything is load (bulk_create, no audit trail).
"""

import random
import time
from datetime import date, timedelta

ACTIVITIES = 1_000_000
YEARS = (2025, 2026)
SEED = 20261127
BATCH = 20_000
PARTICIPANT_SHARE = 0.1  # our_participants rows for one activity in ten


def _teams() -> dict[int, list[int]]:
    from kam.accounts.models import Account, AccountTeamMembership

    teams: dict[int, list[int]] = {}
    for account_id, owner_id in Account.objects.values_list("pk", "owner_id"):
        teams[account_id] = [owner_id] if owner_id else []
    for account_id, user_id in AccountTeamMembership.objects.values_list("account_id", "user_id"):
        if user_id not in teams.setdefault(account_id, []):
            teams[account_id].append(user_id)
    return teams


def _entries(teams: dict[int, list[int]]) -> int:
    from kam.accounts.models import Account
    from kam.engagement.calendar.plan import cadence_count_in_year, cadence_slots
    from kam.engagement.models import CalendarEntry, MechanismCadence

    cadences: dict[str, list] = {}
    for cadence in MechanismCadence.objects.select_related("mechanism").filter(is_on_demand=False):
        cadences.setdefault(cadence.category, []).append(cadence)
    rows = []
    owners = []
    today = date(2026, 11, 26)
    for account_id, category in Account.objects.exclude(category="").values_list("pk", "category"):
        owner = teams.get(account_id, [None])[0]
        for year in YEARS:
            for cadence in cadences.get(category, []):
                count = cadence_count_in_year(cadence.per_year, year)
                for slot in cadence_slots(count, year):
                    rows.append(
                        CalendarEntry(
                            account_id=account_id,
                            mechanism_id=cadence.mechanism_id,
                            title=cadence.mechanism.name_zh,
                            planned_on=slot.planned_on,
                            is_month_only=slot.is_month_only,
                            status="done" if slot.planned_on < today else "planned",
                            is_generated=True,
                            created_by_id=owner,
                        )
                    )
                    owners.append(owner)
    created = CalendarEntry.objects.bulk_create(rows, batch_size=BATCH)
    through = CalendarEntry.our_participants.through
    links = [
        through(calendarentry_id=entry.pk, user_id=owner)
        for entry, owner in zip(created, owners, strict=True)
        if owner
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    return len(created)


def _activities(teams: dict[int, list[int]], rng: random.Random, total: int) -> int:
    from kam.engagement.models import Activity, Mechanism

    mechanisms = list(Mechanism.objects.values_list("pk", flat=True))
    # Routine visits and planning meetings happen far more often than executive meetings.
    weights = [1, 3, 6, 1, 1, 12][: len(mechanisms)]
    account_ids = sorted(teams)
    start = date(YEARS[0], 1, 1)
    days = (date(YEARS[-1], 12, 31) - start).days + 1
    through = Activity.our_participants.through
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        batch = []
        for index in range(size):
            account_id = account_ids[(made + index) % len(account_ids)]
            team = teams[account_id]
            batch.append(
                Activity(
                    account_id=account_id,
                    mechanism_id=rng.choices(mechanisms, weights)[0],
                    title="压测活动",
                    occurred_on=start + timedelta(days=rng.randrange(days)),
                    lead_id=rng.choice(team) if team else None,
                )
            )
        created = Activity.objects.bulk_create(batch, batch_size=BATCH)
        links = [
            through(activity_id=activity.pk, user_id=activity.lead_id)
            for activity in created
            if activity.lead_id and rng.random() < PARTICIPANT_SHARE
        ]
        through.objects.bulk_create(links, batch_size=BATCH)
        made += size
    return made


def add_engagement_data(activities: int = ACTIVITIES) -> None:
    """Entries from the cadences and `activities` activities, 1,000,000 by default (once)."""
    from django.db import connection, transaction

    from kam.engagement.models import Activity

    if Activity.objects.count() >= activities:
        return
    started = time.perf_counter()
    rng = random.Random(SEED)
    teams = _teams()
    with transaction.atomic():
        entries = _entries(teams)
        made = _activities(teams, rng, activities)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elapsed = time.perf_counter() - started
    print(f"engagement: {entries} calendar entries, {made} activities in {elapsed:.1f} s")


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    return [
        (
            "engagement year heat map (account)",
            f"{reverse('engagement:year_map', args=[uuid])}?year=2026",
        ),
        (
            "engagement calendar month (account)",
            f"{reverse('engagement:calendar', args=[uuid])}?year=2026&month=6",
        ),  # fmt: skip
        ("engagement my calendar month", f"{reverse('engagement:my_calendar')}?year=2026&month=6"),
        (
            "engagement my calendar agenda",
            f"{reverse('engagement:my_calendar')}?year=2026&month=6&view=agenda",
        ),  # fmt: skip
        ("engagement my year heat map", f"{reverse('engagement:my_year_map')}?year=2026"),
        (
            "engagement API calendar entries",
            f"/api/v1/accounts/{uuid}/calendar-entries?from=2026-01-01&to=2026-12-31&page_size=50",
        ),
        (
            "engagement API my calendar",
            "/api/v1/me/calendar?from=2026-06-01&to=2026-06-30&page_size=50",
        ),
    ]

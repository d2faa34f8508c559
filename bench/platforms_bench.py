"""Engagement platform plan (T10) for the latency benchmark (issue 12): 3 platform items of this
year on every account of the 2,000-account data set, plus 30 on the measured account, each of
those with its 4 quarterly calendar entries (half of them done).

Call after django.setup() on the bench database:

    from platforms_bench import add_platforms_data, targets
    add_platforms_data(account)             # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail).
"""

from datetime import date

PER_ACCOUNT = 3
MEASURED_ACCOUNT_EXTRA = 30
BATCH = 5000
TYPES = ["user_forum", "technical_seminar", "training_academy", "customer_club", "joint_event"]


def _items(account_id: int, year: int, count: int, owner_id: int | None) -> list:
    from kam.platforms.models import PlatformItem

    return [
        PlatformItem(
            account_id=account_id,
            year=year,
            platform_type=TYPES[index % len(TYPES)],
            title=f"平台{index}",
            frequency="quarterly",
            owner_id=owner_id,
            budget=10000 * (index + 1),
            kpi_contribution="覆盖更多部门",
        )
        for index in range(count)
    ]


def _link_entries(account_id: int, items: list, year: int) -> None:
    from kam.engagement.models import CalendarEntry, Mechanism
    from kam.platforms.models import PlatformEntry

    mechanism = Mechanism.objects.get(code="tech_exchange_service")
    entries = CalendarEntry.objects.bulk_create(
        [
            CalendarEntry(
                account_id=account_id,
                mechanism=mechanism,
                title=item.title,
                planned_on=date(year, month, 1),
                is_month_only=True,
                status="done" if slot < 2 else "planned",
            )
            for item in items
            for slot, month in enumerate((2, 5, 8, 11))
        ]
    )
    PlatformEntry.objects.bulk_create(
        [
            PlatformEntry(item=items[index // 4], entry=entry, slot=index % 4)
            for index, entry in enumerate(entries)
        ]
    )


def add_platforms_data(account: object) -> int:
    """The platform plans of every account and the measured account's larger one (once)."""
    from django.utils import timezone

    from kam.accounts.models import Account
    from kam.platforms.models import PlatformItem

    if PlatformItem.objects.filter(account_id=account.pk).exists():
        return 0
    year = timezone.localdate().year
    rows = []
    for account_id, owner_id in Account.objects.values_list("pk", "owner_id"):
        rows += _items(account_id, year, PER_ACCOUNT, owner_id)
    PlatformItem.objects.bulk_create(rows, batch_size=BATCH)
    extra = PlatformItem.objects.bulk_create(
        _items(account.pk, year, MEASURED_ACCOUNT_EXTRA, account.owner_id)
    )
    _link_entries(account.pk, extra, year)
    return len(rows) + len(extra)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    return [
        ("platform plan page (account)", reverse("platforms:account", args=[uuid])),
        (
            "platform API list",
            f"{reverse('api:api_platform_list', args=[uuid])}?page_size=50",
        ),
    ]

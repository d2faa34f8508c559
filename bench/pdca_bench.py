"""PDCA cycles (T10) for the latency benchmark (issue 12): two quarterly cycles on every account
of the 2,000-account data set, and 48 monthly cycles (four years) on the measured account, the
current one in Do so its page reads the activity log and the calendar of its month.

Call after django.setup() on the bench database:

    from pdca_bench import add_pdca_data, targets
    add_pdca_data(account)                  # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail).
"""

from datetime import date, timedelta

MEASURED_MONTHS = 48
BATCH = 5000


def _quarterly(account_id: int, year: int) -> list:
    from kam.pdca.models import PdcaCycle

    return [
        PdcaCycle(
            account_id=account_id,
            cadence="quarterly",
            period=f"{year}-Q{quarter}",
            starts_on=date(year, quarter * 3 - 2, 1),
            ends_on=date(year + quarter // 4, quarter * 3 % 12 + 1, 1) - timedelta(days=1),
            phase=phase,
            focus_kpis=["coverage_rate", "supporter_share"],
            planned_actions="拜访采购部中层；举办技术交流会",
        )
        for quarter, phase in ((1, "closed"), (2, "plan"))
    ]


def _monthly(account_id: int, year: int) -> list:
    from kam.pdca.models import PdcaCycle

    cycles = []
    for index in range(MEASURED_MONTHS):
        month_index = (year - 3) * 12 + index
        first = date(month_index // 12, month_index % 12 + 1, 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        cycles.append(
            PdcaCycle(
                account_id=account_id,
                cadence="monthly",
                period=f"{first.year}-{first.month:02d}",
                starts_on=first,
                ends_on=following - timedelta(days=1),
                phase="do" if index == MEASURED_MONTHS - 1 else "closed",
                focus_kpis=["contact_frequency"],
                planned_actions="每周拜访一次",
                corrective_actions="补齐财务部联系人",
                standardise="技术交流会后回访",
            )
        )
    return cycles


def add_pdca_data(account: object) -> int:
    """Two quarterly cycles on every other account, 48 monthly ones on the measured account."""
    from django.utils import timezone

    from kam.accounts.models import Account
    from kam.pdca.models import PdcaCycle

    if PdcaCycle.objects.filter(account_id=account.pk).exists():
        return 0
    year = timezone.localdate().year
    rows = []
    for account_id in Account.objects.exclude(pk=account.pk).values_list("pk", flat=True):
        rows += _quarterly(account_id, year)
    rows += _monthly(account.pk, year)
    PdcaCycle.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    from kam.pdca.models import PdcaCycle

    uuid = str(account.uuid)
    current = PdcaCycle.objects.filter(account_id=account.pk, phase="do").first()
    rows = [
        ("PDCA cycles page with the wheel (account)", reverse("pdca:account", args=[uuid])),
        ("PDCA API list", f"{reverse('api:api_pdca_list', args=[uuid])}?page_size=50"),
    ]
    if current is not None:
        rows.append(("PDCA cycle page", reverse("pdca:cycle", args=[uuid, current.uuid])))
    return rows

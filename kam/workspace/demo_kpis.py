"""Demo KPI checks (T10.2): every demo account's broad-relationship KPIs of this quarter recorded
through the service, from the records the other demo seeders made (so the lights differ from
account to account as their coverage, contacts and calendars do). Last quarter's check is the
one its closed PDCA cycle made (demo_pdca)."""

from django.utils import timezone

from kam.accounts.models import Account
from kam.core.exceptions import ApplicationError
from kam.kpis.selectors import quarter_of
from kam.kpis.services import kpi_check_record


def seed_kpi_checks(*, accounts: list[Account]) -> int:
    """One check per account that can be measured (an account without a category is skipped)."""
    count = 0
    today = timezone.localdate()
    for account in accounts:
        try:
            kpi_check_record(
                actor=account.owner, account=account, period=quarter_of(today), note="演示数据"
            )
        except ApplicationError:
            continue
        count += 1
    return count

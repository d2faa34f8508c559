"""Demo KPI checks (T10.2): every demo account's broad-relationship KPIs recorded through the
service for the last quarter and this one, from the records the other demo seeders made (so the
lights differ from account to account as their coverage, contacts and calendars do)."""

import datetime

from django.utils import timezone

from kam.accounts.models import Account
from kam.core.exceptions import ApplicationError
from kam.kpis.selectors import period_window, quarter_of
from kam.kpis.services import kpi_check_record


def _quarters(today: datetime.date) -> list[tuple[str, datetime.date]]:
    current = quarter_of(today)
    last_day = period_window(current)[0] - datetime.timedelta(days=1)
    return [(quarter_of(last_day), last_day), (current, today)]


def seed_kpi_checks(*, accounts: list[Account]) -> int:
    """Two checks per account that can be measured (an account without a category is skipped)."""
    count = 0
    for account in accounts:
        for period, on in _quarters(timezone.localdate()):
            try:
                kpi_check_record(
                    actor=account.owner, account=account, period=period, note="演示数据", on=on
                )
            except ApplicationError:
                continue
            count += 1
    return count

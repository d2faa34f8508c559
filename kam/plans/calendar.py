"""The plan's review dates as a read-only layer of the account's engagement calendar (they stay
the plan's records: editing or removing a review date changes the calendar with it)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.engagement.calendar.layers import CalendarMarker
from kam.plans.models import ReviewDate


def review_date_markers(account: Account, start: date, end: date) -> list[CalendarMarker]:
    """The review dates of the account's plans between the dates (one query)."""
    rows = (
        ReviewDate.objects.filter(plan__account=account, review_on__range=(start, end))
        .select_related("plan")
        .order_by("review_on", "pk")
    )
    layer = _("Annual plan review")
    return [
        CalendarMarker(
            day=row.review_on,
            title=_("Plan {year} review").format(year=row.plan.year)
            + (f" · {row.label}" if row.label else ""),
            url=reverse("plans:plan", args=[account.uuid, row.plan.uuid]) + "#review",
            layer=layer,
        )
        for row in rows
    ]

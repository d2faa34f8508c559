"""Reads of the plan reviews: a plan's reviews, one review with its corrective actions, the
account's previous review (what 与过去比 compares with), the default date of the next review,
and a snapshot's texts in the reader's language."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from kam.accounts.models import Account
from kam.assessments.models import localized
from kam.lib.periods import quarter_of
from kam.plans.models import AccountPlan
from kam.reviews.choices import ReviewKind
from kam.reviews.models import Review, ReviewAction


def reviews_of_plan(*, plan: AccountPlan) -> QuerySet[Review]:
    """The plan's reviews, newest first, with their reviewer and number of actions."""
    return (
        Review.objects.filter(plan=plan)
        .select_related("reviewer")
        .annotate(action_count=Count("actions"))
        .order_by("-review_on", "-pk")
    )


def review_get(*, plan: AccountPlan, review_uuid: Any) -> Review | None:
    """One review of the plan with its corrective actions (their items and owners)."""
    actions = ReviewAction.objects.select_related("action_item__owner_user").order_by(
        "created_at", "pk"
    )
    return (
        Review.objects.filter(plan=plan, uuid=review_uuid)
        .select_related("reviewer")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .first()
    )


def previous_review(*, account: Account, before: date) -> Review | None:
    """The account's latest review dated before the date, whatever the plan's year."""
    return (
        Review.objects.filter(plan__account=account, review_on__lt=before)
        .order_by("-review_on", "-pk")
        .first()
    )


def year_end_review(*, plan: AccountPlan) -> Review | None:
    """The plan's year-end review (one query)."""
    return (
        Review.objects.filter(plan=plan, kind=ReviewKind.YEAR_END)
        .order_by("-review_on", "-pk")
        .first()
    )


@dataclass(frozen=True)
class NextReview:
    kind: str
    review_on: date


def next_review(*, plan: AccountPlan, today: date) -> NextReview:
    """The plan's first review date whose period has no review yet (not after today); the last
    quarter's date is the year-end review."""
    done = set(plan.reviews.values_list("period", flat=True))
    dates = sorted(item.review_on for item in plan.review_dates.all())
    for day in dates:
        is_last = day == dates[-1] and day.month == 12
        kind = ReviewKind.YEAR_END if is_last else ReviewKind.QUARTERLY
        period = str(plan.year) if is_last else quarter_of(day)
        if period not in done:
            return NextReview(kind, min(day, today))
    return NextReview(ReviewKind.QUARTERLY, today)


def localize_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A frozen snapshot's labels in the reader's language."""
    return {
        **snapshot,
        "objectives": [
            {**item, "label": localized(item.get("label"), item["metric_code"])}
            for item in snapshot.get("objectives", [])
        ],
        "vs_last_period": [
            {**item, "label": localized(item.get("label"), item["metric_code"])}
            for item in snapshot.get("vs_last_period", [])
        ],
    }

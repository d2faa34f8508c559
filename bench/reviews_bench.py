"""Plan reviews (T13 回顾) for the latency benchmark: the four quarterly reviews and the
year-end review of the bench plan (plans_bench.py), each with a full snapshot (the plan's 12
objectives, every compared metric, the competitor comparison) and three corrective actions.

Call after django.setup() on the bench database, after add_plans_data:

    from reviews_bench import add_reviews_data, targets
    add_reviews_data(account)                # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail); the snapshot is computed once by the same code a
recorded review runs.
"""

from datetime import date

ACTIONS_PER_REVIEW = 3
LABELS = ("Plan reviews list", "Plan review page", "Plan reviews API")


def _plan(account: object) -> object:
    from kam.plans.models import AccountPlan

    return AccountPlan.objects.filter(account_id=account.pk).order_by("-year").first()


def add_reviews_data(account: object) -> int:
    """Five reviews of the bench plan with their corrective actions (none when present)."""
    from plans_bench import add_plans_data

    from kam.engagement.models import ActionItem
    from kam.lib.periods import period_window
    from kam.reviews.evaluation import review_snapshot
    from kam.reviews.models import Review, ReviewAction

    add_plans_data(account)  # the plan reviewed (found again when present)
    plan = _plan(account)
    if plan is None or Review.objects.filter(plan=plan).exists():
        return 0
    plan.account = account
    objectives = list(plan.objectives.select_related("owner").order_by("created_at", "pk"))
    snapshot = review_snapshot(
        plan=plan, objectives=objectives, review_on=date(plan.year, 9, 30),
        compared_on=date(plan.year, 6, 30), compared_with="period_start",
    )  # fmt: skip
    periods = [(f"{plan.year}-Q{quarter}", "quarterly") for quarter in (1, 2, 3, 4)]
    reviews = Review.objects.bulk_create(
        [
            Review(
                plan=plan,
                kind=kind,
                period=period,
                period_start=period_window(period)[0],
                period_end=period_window(period)[1],
                review_on=period_window(period)[1],
                phase="check",
                findings="份额低于目标，需加强高层互访。",
                reviewer=account.owner,
                snapshot=snapshot,
            )
            for period, kind in [*periods, (str(plan.year), "year_end")]
        ]  # fmt: skip
    )
    items = ActionItem.objects.bulk_create(
        [
            ActionItem(
                account_id=account.pk,
                description=f"纠偏行动{index}",
                owner_side="ours",
                owner_user=account.owner,
                due_on=date(plan.year, 12, 31),
            )
            for index in range(len(reviews) * ACTIONS_PER_REVIEW)
        ]  # fmt: skip
    )
    ReviewAction.objects.bulk_create(
        [
            ReviewAction(review=reviews[index // ACTIONS_PER_REVIEW], action_item=item)
            for index, item in enumerate(items)
        ]
    )
    return len(reviews) + 2 * len(items)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    from kam.reviews.models import Review

    plan = _plan(account)
    if plan is None:
        return []
    uuid = str(account.uuid)
    rows = [("Plan reviews list", reverse("reviews:list", args=[uuid, plan.uuid]))]
    review = Review.objects.filter(plan=plan, kind="year_end").first()
    if review is not None:
        rows.append(
            ("Plan review page", reverse("reviews:review", args=[uuid, plan.uuid, review.uuid]))
        )
    rows.append(("Plan reviews API", reverse("api:api_reviews_list", args=[uuid, plan.year])))
    return rows

"""A review with a corrective action, for the route walkers (access and i18n)."""

from datetime import date

from kam.plans.models import AccountPlan
from kam.reviews.services import CorrectiveActionInput, review_record


def review_objects(owner: object, plan_uuid: object) -> dict[str, object]:
    """A first-quarter review of the plan `plan_uuid`, agreeing one corrective action."""
    plan = AccountPlan.objects.select_related("account").get(uuid=plan_uuid)
    review = review_record(
        actor=owner, plan=plan, kind="quarterly", review_on=date(plan.year, 3, 31),
        findings="高层互访不足，份额低于目标。", phase="check",
        corrective_actions=[CorrectiveActionInput("安排高层拜访", owner, date(plan.year, 12, 31))],
    )  # fmt: skip
    return {"review_uuid": review.uuid}

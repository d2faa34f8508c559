"""A letter for the route walkers (access and i18n), on the plan of kam.plans.tests.objects."""

from kam.letters.services import letter_generate
from kam.plans.models import AccountPlan


def letter_objects(owner: object, plan_uuid: object) -> dict[str, object]:
    """The owner's draft letter of the plan (the walkers' `letter_uuid`)."""
    plan = AccountPlan.objects.select_related("account").get(uuid=plan_uuid)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    return {"letter_uuid": letter.uuid}

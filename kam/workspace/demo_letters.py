"""Demo responsibility letters (T13 《大客户关系管理目标责任书》): every 2026 plan of the demo
gets its planner's letter (the three objectives, weights 40/30/30). The first three are signed
by the planner and the director, the next two by the planner only, the last ones stay unsigned
drafts. Written through the services, after the plans."""

from kam.letters.services import letter_generate, letter_sign
from kam.plans.models import AccountPlan
from kam.users.models import User
from kam.workspace.demo_plans import PLANNER, YEAR

SIGNED_BY_BOTH = 3
SIGNED_BY_OWNER = 2


def seed_letters() -> dict[str, int]:
    planner = User.objects.get(username=PLANNER)
    director = User.objects.get(username="director")
    plans = AccountPlan.objects.filter(year=YEAR, account__owner=planner).select_related("account")
    made = 0
    for index, plan in enumerate(plans.order_by("account__name_sort_key", "pk")):
        letter = letter_generate(plan=plan, owner=planner, actor=planner)
        if index < SIGNED_BY_BOTH + SIGNED_BY_OWNER:
            letter = letter_sign(letter=letter, actor=planner)
        if index < SIGNED_BY_BOTH:
            letter_sign(letter=letter, actor=director)
        made += 1
    return {"responsibility letters": made}

"""Demo handover: the director has just handed 蓝海国际物流 from manager.wang to manager.li, who
has one pending handover. He has re-rated the ladder of one key person and confirmed another's
power map unchanged; the rest still show "rated by the previous owner". Written through the
services, after every tool's records are seeded."""

from datetime import date

from django.utils import timezone

from kam.accounts.models import Account
from kam.accounts.services import account_update
from kam.handover.models import Handover
from kam.handover.services import handover_item_confirm
from kam.ladder.selectors import ladder_states_for_contacts
from kam.ladder.services import LadderInput, ladder_assess
from kam.users.models import User

ACCOUNT_NAME = "蓝海国际物流股份有限公司"
NEW_MANAGER = "manager.li"


def seed_handover(*, accounts: list[Account]) -> dict[str, int]:
    account = next((item for item in accounts if item.name == ACCOUNT_NAME), None)
    if account is None:
        return {"handovers": 0}
    director = User.objects.get(username="director")
    successor = User.objects.get(username=NEW_MANAGER)
    account_update(actor=director, account=account, data={"owner": successor})
    handover = Handover.objects.filter(account=account, new_owner=successor).latest("created_at")
    persons = [person.contact for person in handover.persons.select_related("contact")]
    states = ladder_states_for_contacts([contact.pk for contact in persons])
    rated = next((contact for contact in persons if contact.pk in states), None)
    if rated is not None:
        state = states[rated.pk]
        ladder_assess(
            actor=successor,
            contact=rated,
            data=LadderInput(
                period=state.period,
                assessed_on=min(timezone.localdate(), date(int(state.period[:4]), 12, 31)),
                scores=state.raw_scores or state.rung_scores,
                evidence={},
                target_level=state.target_level,
                competitor_level=state.competitor_level,
                note="交接后重新评定",
            ),
        )
    confirmed = next((contact for contact in persons if contact != rated), None)
    if confirmed is not None:
        handover_item_confirm(
            actor=successor, handover=handover, contact=confirmed, item_code="power_map"
        )
    return {"handovers": 1}

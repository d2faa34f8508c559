"""Handovers made through the services, for the handover tests and the route walkers."""

from datetime import date

from kam.handover.models import Handover
from kam.ladder.services import LadderInput, ladder_assess
from kam.people.services import contact_map_update
from tests.factories import ContactFactory, TeamMembershipFactory, UserFactory

LADDER_CODES = (
    "brand_recognition", "access_participation", "info_sharing", "business_guidance",
    "key_event_support", "competitive_stance",
)  # fmt: skip


def rate_ladder(
    actor: object, contact: object, scores: tuple[int, ...] = (2, 1, 1, 0, 0, 0)
) -> object:
    return ladder_assess(
        actor=actor, contact=contact,
        data=LadderInput(
            period="2026", assessed_on=date(2026, 1, 10),
            scores=dict(zip(LADDER_CODES, scores, strict=True)), evidence={},
            target_level=4, competitor_level=None,
        ),
    )  # fmt: skip


def key_person(account: object, name: str, **values: object) -> object:
    values.setdefault("title", "总监")  # Chinese, like every typed text of the i18n walk
    return ContactFactory(account=account, name=name, is_key_person=True, **values)


def handover_objects(
    actor: object, account: object, new_owner: object | None = None
) -> dict[str, object]:
    """A key person owned and rated by `actor`, then given to `new_owner` (on the account
    team; by default a new colleague joins it): one pending handover. Returns the walkers' key."""
    if new_owner is None:
        new_owner = UserFactory(username="successor", display_name="陈浩", role="team_member")
        TeamMembershipFactory(account=account, user=new_owner, team_role="solution")
    person = key_person(account, "刘总", influence=8, support=1)
    contact_map_update(actor=actor, contact=person, data={"relationship_owner": actor})
    rate_ladder(actor, person)
    contact_map_update(actor=actor, contact=person, data={"relationship_owner": new_owner})
    handover = Handover.objects.filter(account=account, new_owner=new_owner).latest("created_at")
    return {"handover_uuid": handover.uuid}

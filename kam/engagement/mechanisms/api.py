"""API of the communication mechanisms."""

from decimal import Decimal

from ninja import Router, Schema

from kam.engagement.choices import ParticipantLevel
from kam.engagement.mechanisms import selectors
from kam.engagement.models import Mechanism
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["engagement"])


class CadenceOut(Schema):
    category: str
    per_year: Decimal
    is_on_demand: bool


class MechanismOut(Schema):
    code: str
    name: str
    name_zh: str
    name_en: str
    our_level: ParticipantLevel
    customer_level: ParticipantLevel
    purpose_zh: str
    purpose_en: str
    preparation_zh: str
    preparation_en: str
    agenda_zh: str
    agenda_en: str
    follow_up_zh: str
    follow_up_en: str
    cadences: list[CadenceOut]

    @staticmethod
    def resolve_cadences(mechanism: Mechanism) -> list:
        return list(mechanism.cadences.all())


@router.get("/mechanisms", response=list[MechanismOut], url_name="api_mechanism_list")
def list_mechanisms(request: AuthenticatedHttpRequest) -> list[Mechanism]:
    return selectors.mechanisms_active()

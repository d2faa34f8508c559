"""API of the key-person card (same services, selectors and access rules as its pages).

Personal fields are returned only to those allowed to see them (and each showing is audited);
anyone else gets `personal: null`, and a write that includes them is refused with 403.
"""

import uuid
from datetime import date, datetime
from typing import Any, SupportsFloat

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.api.pagination import PagePagination
from kam.api.patching import PatchIn, refuse_nulls
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    NUMBER_VERSION_DESCRIPTION,
    VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.cards import services
from kam.cards.choices import ActionStatus
from kam.cards.models import PERSONAL_FIELDS, CardAction, KeyPersonCard
from kam.cards.selectors import (
    CardOverview,
    account_key_persons,
    card_overview,
    social_style_template,
    style_label,
)
from kam.core.exceptions import ApplicationError
from kam.ladder.selectors import LadderState
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["key-person cards"])

CONTACT_QUERYSET = Contact.objects.select_related(
    "account", "account__owner", "org_unit", "relationship_owner"
)
ACTION_QUERYSET = CardAction.objects.select_related("account", "owner")
TEXT = 5000


class RefOut(Schema):
    id: uuid.UUID
    name: str


class StyleOut(Schema):
    answers: dict[str, int]
    assertiveness: float | None
    responsiveness: float | None
    code: str
    label: str
    confidence: float | None
    tip: str
    template_version: int | None


class PersonalOut(Schema):
    interests_hobbies: str
    associations: str
    family_milestones: str
    family_milestones_opt_in: bool
    personal_data_basis: str


class CompletenessOut(Schema):
    filled: int
    required: int
    percent: int
    is_usable: bool
    missing: list[str]


class LadderOut(Schema):
    current_level: int
    current_label: str
    target_level: int | None
    target_label: str
    period: str


class ActionOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    description: str
    owner_id: uuid.UUID | None = None
    owner_name: str = ""
    due_on: date | None
    status: ActionStatus
    done_on: date | None
    updated_at: datetime = Field(..., description="The action's version: send it to change it.")

    @staticmethod
    def resolve_owner_id(action: CardAction) -> uuid.UUID | None:
        return action.owner.uuid if action.owner is not None else None

    @staticmethod
    def resolve_owner_name(action: CardAction) -> str:
        return str(action.owner) if action.owner_id else ""


class CardOut(Schema):
    contact_id: uuid.UUID
    account_id: uuid.UUID
    version: int
    job_kpis: str
    current_priorities: str
    problems_owned: str
    success_criteria: str
    primary_need: str
    secondary_need: str
    attitude_to_change: str
    decision_focus: str
    style: StyleOut
    industry_associations: str
    conferences: str
    professional_communities: str
    our_touchpoints: str
    personal_fields_visible: bool
    personal: PersonalOut | None
    completeness: CompletenessOut
    owner_style_clash: bool
    shared_acquaintances: list[RefOut]
    ladder: LadderOut | None
    actions: list[ActionOut]


def _number(value: SupportsFloat | str | None) -> float | None:
    return None if value is None else float(value)


def _ladder(state: LadderState | None) -> dict[str, object] | None:
    if state is None:
        return None
    return {
        "current_level": state.current_level,
        "current_label": state.level_label,
        "target_level": state.target_level,
        "target_label": state.target_label,
        "period": state.period,
    }


def _card_out(overview: CardOverview) -> dict[str, object]:
    card, contact = overview.card, overview.contact
    completeness = overview.completeness
    personal = None
    if overview.can_view_personal:
        personal = {name: getattr(card, name) for name in PERSONAL_FIELDS}
    return {
        "contact_id": contact.uuid,
        "account_id": contact.account.uuid,
        "version": card.version,
        **{name: getattr(card, name) for name in services.CARD_FIELDS},
        "decision_focus": contact.decision_focus,
        "style": {
            "answers": card.style_answers or {},
            "assertiveness": _number(card.assertiveness),
            "responsiveness": _number(card.responsiveness),
            "code": card.social_style,
            "label": overview.style_label,
            "confidence": _number(card.style_confidence),
            "tip": overview.style_tip,
            "template_version": card.style_template_version,
        },
        "personal_fields_visible": overview.can_view_personal,
        "personal": personal,
        "completeness": {
            "filled": completeness.filled,
            "required": completeness.required,
            "percent": completeness.percent,
            "is_usable": completeness.is_usable,
            "missing": completeness.missing,
        },
        "owner_style_clash": overview.owner_style_clash,
        "shared_acquaintances": [
            {"id": person.uuid, "name": person.name} for person in overview.acquaintances
        ],
        "ladder": _ladder(overview.ladder_state),
        "actions": overview.actions,
    }


def _shown_card(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> dict[str, object]:
    """The card as the user may see it; showing personal fields is recorded in the audit."""
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id)
    overview = card_overview(contact=contact, user=request.user)
    if overview.can_view_personal:
        services.card_personal_view_record(
            actor=request.user, card=overview.card, fields=overview.personal_fields_shown
        )
    return _card_out(overview)


@router.get("/contacts/{contact_id}/card", response=CardOut)
def get_card(
    request: AuthenticatedHttpRequest, response: HttpResponse, contact_id: uuid.UUID
) -> dict[str, object]:
    """The card, with its `version` number as the `ETag` (`"0"`: nobody has written it yet)."""
    card = _shown_card(request, contact_id)
    set_etag(response, int(card["version"]))  # type: ignore[call-overload]  # an int
    return card


class CardIn(PatchIn):
    """Fields left out are kept as they are; null empties a choice (primary need…), other fields
    take a value. Choice fields take their codes (checked by the model: errors name the field).
    """

    version: int | None = Field(None, ge=0, description=NUMBER_VERSION_DESCRIPTION)
    job_kpis: str | None = Field(None, max_length=TEXT)
    current_priorities: str | None = Field(None, max_length=TEXT)
    problems_owned: str | None = Field(None, max_length=TEXT)
    success_criteria: str | None = Field(None, max_length=TEXT)
    primary_need: str | None = Field(None, max_length=20)
    secondary_need: str | None = Field(None, max_length=20)
    attitude_to_change: str | None = Field(None, max_length=20)
    decision_focus: str | None = Field(None, max_length=20)
    industry_associations: str | None = Field(None, max_length=TEXT)
    conferences: str | None = Field(None, max_length=TEXT)
    professional_communities: str | None = Field(None, max_length=TEXT)
    our_touchpoints: str | None = Field(None, max_length=TEXT)
    interests_hobbies: str | None = Field(None, max_length=TEXT)
    associations: str | None = Field(None, max_length=TEXT)
    family_milestones: str | None = Field(None, max_length=TEXT)
    family_milestones_opt_in: bool | None = None
    personal_data_basis: str | None = Field(None, max_length=TEXT)


@router.put(
    "/contacts/{contact_id}/card",
    response={200: CardOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_card(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    contact_id: uuid.UUID,
    payload: CardIn,
) -> dict[str, object]:
    """Change some fields of the card. Needs the card `version` you read (0 before anyone wrote
    it): If-Match (412 when someone saved since) or `version` (409); 428 without either."""
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    current = KeyPersonCard.objects.filter(contact=contact).values_list("version", flat=True)
    expected = expected_version(request, data.pop("version", None), current.first() or 0)
    data = refuse_nulls(data, KeyPersonCard, Contact)
    with stale_as_precondition_failed(expected):
        card = services.card_update(
            actor=request.user, contact=contact, data=data, expected_version=expected.value
        )
    set_etag(response, card.version)
    return _shown_card(request, contact_id)


class StyleIn(Schema):
    answers: dict[str, int] = Field(..., max_length=50)


@router.post("/contacts/{contact_id}/card/style", response=CardOut)
def record_style(
    request: AuthenticatedHttpRequest, contact_id: uuid.UUID, payload: StyleIn
) -> dict[str, object]:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    services.card_record_style(actor=request.user, contact=contact, answers=payload.answers)
    return _shown_card(request, contact_id)


class ActionIn(Schema):
    description: str = Field(..., min_length=1, max_length=500)
    owner_id: uuid.UUID
    due_on: date | None = None


class ActionPatch(PatchIn):
    description: str | None = Field(None, min_length=1, max_length=500)
    owner_id: uuid.UUID | None = None
    due_on: date | None = None
    status: ActionStatus | None = None
    done_on: date | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


def _owner(owner_id: uuid.UUID) -> User:
    owner = User.objects.filter(uuid=owner_id, is_active=True).first()
    if owner is None:
        raise ApplicationError(
            _("The owner must be the account manager or on the account team."), status=422
        )
    return owner


@router.post("/contacts/{contact_id}/card/actions", response={201: ActionOut})
def create_action(
    request: AuthenticatedHttpRequest, contact_id: uuid.UUID, payload: ActionIn
) -> Status:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    action = services.card_action_create(
        actor=request.user,
        contact=contact,
        description=payload.description,
        owner=_owner(payload.owner_id),
        due_on=payload.due_on,
    )
    return Status(201, action)


@router.patch(
    "/card-actions/{action_id}",
    response={200: ActionOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_action(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    action_id: uuid.UUID,
    payload: ActionPatch,
) -> CardAction:
    """Complete, cancel, reopen or edit an action. Needs the version you read (its
    `updated_at`): If-Match (412) or `version` (409); 428 without either."""
    action = object_get_for_user(request.user, ACTION_QUERYSET, action_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), action.updated_at)
    data = refuse_nulls(data, CardAction)
    if "owner_id" in data:
        data["owner"] = _owner(data.pop("owner_id"))
    with stale_as_precondition_failed(expected):
        services.card_action_update(
            actor=request.user, action=action, data=data, expected_version=expected.value
        )
    updated = object_get_for_user(request.user, ACTION_QUERYSET, action_id)
    set_etag(response, updated.updated_at)
    return updated


class StylePointOut(Schema):
    contact_id: uuid.UUID = Field(..., alias="uuid")
    name: str
    title: str
    support: int | None
    assertiveness: float | None = None
    responsiveness: float | None = None
    style: str = ""
    style_label: str = ""
    confidence: float | None = None

    @staticmethod
    def resolve_assertiveness(contact: Contact) -> float | None:
        return _number(_card_value(contact, "assertiveness"))

    @staticmethod
    def resolve_responsiveness(contact: Contact) -> float | None:
        return _number(_card_value(contact, "responsiveness"))

    @staticmethod
    def resolve_style(contact: Contact) -> str:
        return _card_value(contact, "social_style") or ""

    @staticmethod
    def resolve_style_label(contact: Contact, context: dict) -> str:
        style = _card_value(contact, "social_style")
        # The handler puts the current questionnaire on the request: one query for all rows.
        template = getattr(context["request"], "social_style_template", None)
        return style_label(template, style) if style and template else ""

    @staticmethod
    def resolve_confidence(contact: Contact) -> float | None:
        return _number(_card_value(contact, "style_confidence"))


def _card_value(contact: Contact, name: str) -> Any:
    card = getattr(contact, "card", None)
    return getattr(card, name) if card else None


@router.get("/accounts/{account_id}/social-styles", response=list[StylePointOut])
@paginate(PagePagination)
def list_social_styles(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    account = account_get_for_user(request.user, account_id)
    request.social_style_template = social_style_template()  # type: ignore[attr-defined]  # read by resolve_style_label
    return account_key_persons(account=account)

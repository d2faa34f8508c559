"""Reads of the key-person card: who may see personal data, completeness, style clash, 2×2."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from kam.accounts.access import can_read_all_personal_data
from kam.accounts.models import Account
from kam.assessments.choices import ToolCode
from kam.assessments.models import AssessmentTemplate, localized
from kam.assessments.selectors import template_current
from kam.cards.choices import CardActionStatus
from kam.cards.defaults import CARD_REQUIRED_FIELDS, CARD_USABLE_THRESHOLD
from kam.cards.models import PERSONAL_FIELDS, CardAction, KeyPersonCard
from kam.cards.style import template_midpoint
from kam.ladder.selectors import LadderState, ladder_states_for_contacts
from kam.lib.sorting import name_ordering
from kam.people.choices import EdgeType
from kam.people.models import Contact, ContactEdge
from kam.users.models import User


def can_view_personal_fields(user: User, contact: Contact) -> bool:
    """Personal-relationship data is for the contact's relationship owner, the account's owner
    (account manager) and KAM directors only; not for other team members, viewers or
    administrators (spec T9.3: "visible to the owner and managers only")."""
    if not user.is_authenticated or not user.is_active:
        return False
    if can_read_all_personal_data(user):
        return True
    return user.pk in {contact.relationship_owner_id, contact.account.owner_id}


def social_style_template() -> AssessmentTemplate:
    """The current social-style questionnaire (with its criteria prefetched)."""
    return template_current(tool_code=ToolCode.SOCIAL_STYLE)


def card_for_contact(*, contact: Contact) -> KeyPersonCard:
    """The contact's card, or a new unsaved one (version 0) when nobody has written it yet."""
    card = KeyPersonCard.objects.filter(contact=contact).first()
    if card is None:
        card = KeyPersonCard(contact=contact, account=contact.account, version=0)
    card.contact = contact
    return card


def card_actions(*, card: KeyPersonCard) -> list[CardAction]:
    if card.pk is None:
        return []
    return list(card.actions.select_related("owner").order_by("status", "due_on", "pk")[:100])


def shown_personal_fields(card: KeyPersonCard) -> list[str]:
    """The personal fields that hold a value (what a permitted viewer is actually shown)."""
    if card.pk is None:
        return []
    return [name for name in PERSONAL_FIELDS if getattr(card, name) not in ("", False, None)]


# --- completeness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    filled: int
    required: int
    ratio: float
    is_usable: bool
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)


def _is_filled(name: str, card: KeyPersonCard, contact: Contact, has_plan: bool) -> bool:
    if name == "development_plan":
        return has_plan
    if name == "decision_focus":
        return bool(contact.decision_focus)
    value = getattr(card, name, None)
    return value not in (None, "", {}, []) and (not isinstance(value, str) or bool(value.strip()))


def card_completeness(
    *,
    card: KeyPersonCard,
    contact: Contact,
    template: AssessmentTemplate,
    actions: list[CardAction],
) -> Completeness:
    """Completeness = filled required fields / required fields; usable at ≥ 70 % [D].

    The required list and the threshold are template parameters of the social-style
    instrument (`card_required_fields`, `card_usable_threshold`), defaulting to
    kam.cards.defaults.
    """
    required = list(template.parameters.get("card_required_fields") or CARD_REQUIRED_FIELDS)
    threshold = float(template.parameters.get("card_usable_threshold", CARD_USABLE_THRESHOLD))
    has_plan = any(action.status != CardActionStatus.CANCELLED for action in actions)
    missing = [name for name in required if not _is_filled(name, card, contact, has_plan)]
    filled = len(required) - len(missing)
    ratio = filled / len(required) if required else 0.0
    return Completeness(filled, len(required), ratio, ratio >= threshold - 1e-9, missing)


# --- social style ------------------------------------------------------------------------------


def is_diagonal(first: str, second: str, pairs: list[list[str]]) -> bool:
    """True when the two styles form one of the diagonal (clashing) pairs, in either order."""
    return bool(first and second) and any({first, second} == set(pair) for pair in pairs)


def owner_style_clash(
    *, card: KeyPersonCard, contact: Contact, template: AssessmentTemplate
) -> bool:
    """The owner's own style is diagonal to the contact's (analytical–expressive,
    amiable–driver)."""
    owner = contact.relationship_owner
    if owner is None:
        return False
    pairs = template.parameters.get("diagonal_pairs") or []
    return is_diagonal(owner.social_style, card.social_style, pairs)


def style_label(template: AssessmentTemplate, style: str) -> str:
    labels = template.parameters.get("style_labels") or {}
    return localized(labels.get(style), style)


def style_tip(template: AssessmentTemplate, style: str) -> str:
    return localized((template.parameters.get("tips") or {}).get(style))


# --- shared acquaintances (ContactEdge personal_tie) ---------------------------------------------


def shared_acquaintances(*, contact: Contact) -> list[Contact]:
    """The people linked to this contact by a personal tie (either direction)."""
    edges = (
        ContactEdge.objects.filter(edge_type=EdgeType.PERSONAL_TIE)
        .filter(Q(source=contact) | Q(target=contact))
        .select_related("source", "target")
        .order_by("pk")[:50]
    )
    return [edge.target if edge.source_id == contact.pk else edge.source for edge in edges]


# --- the account's 2×2 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StylePoint:
    contact: Contact
    assertiveness: Decimal | None
    responsiveness: Decimal | None
    style: str
    confidence: Decimal | None


def account_key_persons(*, account: Account) -> QuerySet[Contact]:
    return (
        account.contacts.filter(is_key_person=True)
        .select_related("card", "relationship_owner")
        .order_by(*name_ordering(), "pk")
    )


def account_style_points(*, account: Account) -> list[StylePoint]:
    """Every key person of the account with their social style (None axes when not assessed)."""
    points = []
    for contact in account_key_persons(account=account):
        card = getattr(contact, "card", None)
        points.append(
            StylePoint(
                contact=contact,
                assertiveness=card.assertiveness if card else None,
                responsiveness=card.responsiveness if card else None,
                style=card.social_style if card else "",
                confidence=card.style_confidence if card else None,
            )
        )
    return points


def restricted_text() -> str:
    return _("Restricted: visible to the relationship owner, the account manager and directors.")


# --- the whole card ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardOverview:
    """Everything the card page, its print and the API show for one contact."""

    contact: Contact
    card: KeyPersonCard
    template: AssessmentTemplate
    actions: list[CardAction]
    completeness: Completeness
    style_label: str
    style_tip: str
    owner_style_clash: bool
    can_view_personal: bool
    acquaintances: list[Contact]
    ladder_state: LadderState | None

    @property
    def style_midpoint(self) -> Decimal:
        """The social-style midpoint of the template version in force (a tie counts as high)."""
        return template_midpoint(self.template)

    @property
    def personal_fields_shown(self) -> list[str]:
        return shown_personal_fields(self.card) if self.can_view_personal else []


def card_overview(*, contact: Contact, user: User) -> CardOverview:
    """The card of a contact the user may see (load the contact through the access helper)."""
    template = social_style_template()
    card = card_for_contact(contact=contact)
    actions = card_actions(card=card)
    style = card.social_style
    return CardOverview(
        contact=contact,
        card=card,
        template=template,
        actions=actions,
        completeness=card_completeness(
            card=card, contact=contact, template=template, actions=actions
        ),
        style_label=style_label(template, style) if style else "",
        style_tip=style_tip(template, style) if style else "",
        owner_style_clash=owner_style_clash(card=card, contact=contact, template=template),
        can_view_personal=can_view_personal_fields(user, contact),
        acquaintances=shared_acquaintances(contact=contact),
        ladder_state=ladder_states_for_contacts([contact.pk]).get(contact.pk),
    )


@dataclass(frozen=True)
class OpenAction:
    """An open development-plan step, for the power map's assessment table."""

    contact_id: int
    description: str
    due_on: date | None
    owner_name: str


def open_actions_for_account(*, account: Account) -> list[OpenAction]:
    """Every open step of the account's cards, soonest due first (one query)."""
    rows = (
        CardAction.objects.filter(account=account, status=CardActionStatus.OPEN)
        .select_related("card", "owner")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    return [
        OpenAction(
            contact_id=action.card.contact_id,
            description=action.description,
            due_on=action.due_on,
            owner_name=str(action.owner) if action.owner else "",
        )
        for action in rows
    ]

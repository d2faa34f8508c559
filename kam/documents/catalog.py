"""The course forms that export as documents: for each, its page view (which renders the one
layout), the access-checked lookup of its account, and the forms of an account's pack.

A document is the form's own page rendered with `request.document` set (see base.html): the same
template, the same read model, the same access rules as the page a person sees."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from kam.accounts.access import account_get_for_user, object_get_for_user, scope_to_visible_accounts
from kam.accounts.models import Account
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment
from kam.assessments.views import assessment_detail_view
from kam.cards.models import KeyPersonCard
from kam.cards.views import card_view
from kam.documents.choices import DocumentForm
from kam.engagement.calendar.views import year_map_view
from kam.engagement.meetings.selectors import meeting_queryset
from kam.engagement.meetings.views import meeting_detail_view
from kam.engagement.models import MeetingRecord
from kam.letters.models import ResponsibilityLetter
from kam.letters.views import letter_print_view
from kam.people.models import Contact
from kam.plans.models import AccountPlan
from kam.plans.views import plan_view, version_view
from kam.powermap.views import assessment_table_view, power_map_view
from kam.scorecard.views import account_scorecard_view
from kam.users.models import User

ASSESSMENT_FORMS = {
    ToolCode.ORG_SCORE_SHEET: DocumentForm.SCORE_SHEET,
    ToolCode.RELATIONSHIP_TEST: DocumentForm.RELATIONSHIP_TEST,
}


@dataclass(frozen=True)
class Located:
    """What an export route found for a user: the account, the form and (for the pack) the
    page's URL keywords and query."""

    account: Account
    form: DocumentForm
    kwargs: dict[str, Any]
    query: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportRoute:
    """One export route: `<route>pdf/` and `<route>docx/` beside the page `<route>`."""

    name: str
    route: str
    page_view: Callable[..., HttpResponse]
    locate: Callable[[User, dict[str, Any]], Located]


def _by_account(form: DocumentForm) -> Callable[[User, dict[str, Any]], Located]:
    def locate(user: User, kwargs: dict[str, Any]) -> Located:
        return Located(account_get_for_user(user, kwargs["account_uuid"]), form, kwargs)

    return locate


def _card(user: User, kwargs: dict[str, Any]) -> Located:
    contact = object_get_for_user(
        user, Contact.objects.select_related("account"), kwargs["contact_uuid"]
    )
    return Located(contact.account, DocumentForm.CARD, kwargs)


def _assessment(user: User, kwargs: dict[str, Any]) -> Located:
    assessment = object_get_for_user(
        user, Assessment.objects.select_related("account"), kwargs["assessment_uuid"]
    )
    form = ASSESSMENT_FORMS.get(assessment.tool_code)  # type: ignore[call-overload]
    if form is None:
        raise Http404(_("This assessment has no printable form."))
    return Located(assessment.account, form, kwargs)


def _meeting(user: User, kwargs: dict[str, Any]) -> Located:
    meeting = object_get_for_user(user, meeting_queryset(), kwargs["meeting_uuid"])
    return Located(meeting.account, DocumentForm.MEETING, kwargs)


def _letter(user: User, kwargs: dict[str, Any]) -> Located:
    account = account_get_for_user(user, kwargs["account_uuid"])
    if not ResponsibilityLetter.objects.filter(
        plan__account=account, uuid=kwargs["letter_uuid"]
    ).exists():
        raise Http404(_("Not found."))
    return Located(account, DocumentForm.LETTER, kwargs)


EXPORT_ROUTES: tuple[ExportRoute, ...] = (
    ExportRoute("card", "contacts/<uuid:contact_uuid>/card/", card_view, _card),
    ExportRoute(
        "assessment", "assessments/<uuid:assessment_uuid>/", assessment_detail_view, _assessment
    ),
    ExportRoute(
        "scorecard",
        "accounts/<uuid:account_uuid>/scorecard/",
        account_scorecard_view,
        _by_account(DocumentForm.SCORECARD),
    ),
    ExportRoute("meeting", "meetings/<uuid:meeting_uuid>/", meeting_detail_view, _meeting),
    ExportRoute(
        "power_map",
        "accounts/<uuid:account_uuid>/power-map/",
        power_map_view,
        _by_account(DocumentForm.POWER_MAP),
    ),
    ExportRoute(
        "key_person_table",
        "accounts/<uuid:account_uuid>/key-persons/",
        assessment_table_view,
        _by_account(DocumentForm.KEY_PERSON_TABLE),
    ),
    ExportRoute(
        "year_map",
        "accounts/<uuid:account_uuid>/calendar/year/",
        year_map_view,
        _by_account(DocumentForm.YEAR_MAP),
    ),
    # The plan's page answers 404 for a plan of another account (the page view checks it).
    ExportRoute(
        "plan",
        "accounts/<uuid:account_uuid>/plans/<uuid:plan_uuid>/",
        plan_view,
        _by_account(DocumentForm.PLAN),
    ),
    ExportRoute(
        "plan_version",
        "accounts/<uuid:account_uuid>/plans/<uuid:plan_uuid>/versions/<uuid:version_uuid>/",
        version_view,
        _by_account(DocumentForm.PLAN_VERSION),
    ),
    ExportRoute(
        "letter",
        "accounts/<uuid:account_uuid>/letters/<uuid:letter_uuid>/print/",
        letter_print_view,
        _letter,
    ),
)
ROUTES_BY_FORM = {
    DocumentForm.CARD: "card",
    DocumentForm.SCORE_SHEET: "assessment",
    DocumentForm.RELATIONSHIP_TEST: "assessment",
    DocumentForm.SCORECARD: "scorecard",
    DocumentForm.MEETING: "meeting",
    DocumentForm.POWER_MAP: "power_map",
    DocumentForm.KEY_PERSON_TABLE: "key_person_table",
    DocumentForm.YEAR_MAP: "year_map",
    DocumentForm.PLAN: "plan",
    DocumentForm.PLAN_VERSION: "plan_version",
    DocumentForm.LETTER: "letter",
}
ROUTES = {route.name: route for route in EXPORT_ROUTES}
# Forms whose page prints landscape (body class print-landscape): so in the pack, too.
LANDSCAPE_FORMS = {DocumentForm.KEY_PERSON_TABLE}

# Meetings of one year in a pack: the most recent ones, so a pack stays a readable size.
PACK_MEETINGS_LIMIT = 24


def _current_assessment(account: Account, tool_code: str, year: str) -> Assessment | None:
    return (
        Assessment.objects.filter(
            account=account, tool_code=tool_code, is_current=True, period__startswith=year
        )
        .order_by("-period", "-created_at")
        .first()
    )


def _visible(queryset: QuerySet, user: User) -> QuerySet:
    return scope_to_visible_accounts(queryset, user)


def pack_contents(*, user: User, account: Account, year: int) -> list[Located]:
    """Every form of one account for one year, in the order of the course: scorecard, relationship
    test, score sheet, power map, status table, cards, meetings, the year's calendar, the
    year's annual plan (its working draft) when there is one and its responsibility letters."""
    period = str(year)
    by_account = {"account_uuid": account.uuid}
    parts = [Located(account, DocumentForm.SCORECARD, by_account)]
    for tool_code, form in (
        (ToolCode.RELATIONSHIP_TEST, DocumentForm.RELATIONSHIP_TEST),
        (ToolCode.ORG_SCORE_SHEET, DocumentForm.SCORE_SHEET),
    ):
        assessment = _current_assessment(account, tool_code, period)
        if assessment is not None:
            parts.append(Located(account, form, {"assessment_uuid": assessment.uuid}))
    parts += [
        Located(account, DocumentForm.POWER_MAP, by_account),
        Located(account, DocumentForm.KEY_PERSON_TABLE, by_account),
    ]
    cards = _visible(KeyPersonCard.objects.filter(account=account), user).select_related("contact")
    for card in sorted(cards, key=lambda card: card.contact.name_sort_key):
        parts.append(Located(account, DocumentForm.CARD, {"contact_uuid": card.contact.uuid}))
    meetings = _visible(
        MeetingRecord.objects.filter(account=account, activity__occurred_on__year=year), user
    ).order_by("-activity__occurred_on", "-pk")[:PACK_MEETINGS_LIMIT]
    for meeting in meetings:
        parts.append(Located(account, DocumentForm.MEETING, {"meeting_uuid": meeting.uuid}))
    parts.append(Located(account, DocumentForm.YEAR_MAP, by_account, {"year": period}))
    plan = AccountPlan.objects.filter(account=account, year=year).only("uuid").first()
    if plan is not None:
        parts.append(Located(account, DocumentForm.PLAN, {**by_account, "plan_uuid": plan.uuid}))
    letters = ResponsibilityLetter.objects.filter(plan__account=account, plan__year=year)
    for letter in letters.order_by("created_at", "pk"):
        parts.append(Located(account, DocumentForm.LETTER,
                             {**by_account, "letter_uuid": letter.uuid}))  # fmt: skip
    return parts

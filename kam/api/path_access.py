"""Access before validation: ninja validates a request body before the handler runs, so a
refused request with a malformed body would answer 422. When validation fails, the objects named
in the path are checked first, so an outsider always gets 404 and a viewer 403 on any body."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.models import AccountTeamMembership
from kam.assessments.models import Assessment
from kam.broad.models import RaciRow
from kam.cards.models import CardAction
from kam.compliance.models import GiftEntry
from kam.engagement.models import (
    ActionItem,
    Activity,
    CalendarEntry,
    CustomerKeyDate,
    MatchingItem,
    MeetingRecord,
)
from kam.handover.models import Handover
from kam.health.models import SatisfactionSurvey
from kam.needs.models import Need
from kam.pdca.models import PdcaCycle
from kam.people.models import Contact, ContactEdge, OrgUnit

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Path parameter → the records it names (each hangs from an account).
PATH_OBJECTS: dict[str, QuerySet] = {
    "contact_id": Contact.objects.select_related("account"),
    "unit_id": OrgUnit.objects.select_related("account"),
    "member_id": AccountTeamMembership.objects.select_related("account"),
    "assessment_id": Assessment.objects.select_related("account"),
    "survey_id": SatisfactionSurvey.objects.select_related("account"),
    "edge_id": ContactEdge.objects.select_related("account"),
    "action_id": CardAction.objects.select_related("account"),
    "gift_id": GiftEntry.objects.select_related("account"),
    "activity_id": Activity.objects.select_related("account"),
    "meeting_id": MeetingRecord.objects.select_related("account"),
    "action_item_id": ActionItem.objects.select_related("account"),
    "matching_id": MatchingItem.objects.select_related("account"),
    "entry_id": CalendarEntry.objects.select_related("account"),
    "key_date_id": CustomerKeyDate.objects.select_related("account"),
    "need_id": Need.objects.select_related("account"),
    "raci_row_id": RaciRow.objects.select_related("account"),
    "cycle_id": PdcaCycle.objects.select_related("account"),
    "handover_id": Handover.objects.select_related("account"),
}


def refusal_for_path(request: HttpRequest) -> Exception | None:
    """The 404/403 the path's objects call for, or None when the user may go on."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if user is None or not user.is_authenticated or match is None:
        return None
    for_change = request.method not in SAFE_METHODS
    try:
        for name, value in match.kwargs.items():
            if name == "account_id":
                account_get_for_user(user, value, for_change=for_change)
            elif name in PATH_OBJECTS:
                object_get_for_user(user, PATH_OBJECTS[name], value, for_change=for_change)
    except (Http404, PermissionDenied) as error:
        return error
    except (ValueError, TypeError, ValidationError):
        return Http404()
    return None

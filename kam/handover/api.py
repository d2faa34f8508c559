"""API of the handovers (same services, selectors and access rules as the pages): the
handovers I received, one handover with its checklist, and confirming an item unchanged.
Anyone who may see the account reads its handovers; outsiders get 404; only the new owner
(or a director) confirms, viewers get 403."""

import uuid
from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import object_get_for_user
from kam.api.pagination import ConvertedPage, PagePagination
from kam.api.schemas import ErrorOut
from kam.core.exceptions import ApplicationError
from kam.handover import services
from kam.handover.choices import HandoverKind, ItemCode, ItemStatus
from kam.handover.items import ChecklistItem
from kam.handover.models import Handover
from kam.handover.selectors import HandoverChecklist, checklist, checklists, handovers_of_user
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["handovers"])

READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}
QUERYSET = Handover.objects.select_related("account", "new_owner", "previous_owner")


class HandoverItemOut(Schema):
    code: ItemCode
    label: str
    status: ItemStatus
    contact_id: uuid.UUID | None = Field(
        None, description="The person; none for a whole-handover item."
    )
    contact_name: str = ""
    done_by: str = Field("", description="rated, updated (a natural record) or confirmed.")
    can_be_confirmed: bool
    fix_url: str


class HandoverOut(Schema):
    id: uuid.UUID
    account_id: uuid.UUID
    account_name: str
    kind: HandoverKind
    new_owner: str
    previous_owner: str | None
    created_at: datetime
    done_count: int
    total_count: int
    is_complete: bool


class HandoverDetailOut(HandoverOut):
    items: list[HandoverItemOut]


class HandoverConfirmIn(Schema):
    contact_id: uuid.UUID
    item: ItemCode


def _item(item: ChecklistItem) -> HandoverItemOut:
    contact = item.person.contact if item.person else None
    return HandoverItemOut(
        code=ItemCode(item.code),
        label=str(item.label),
        status=ItemStatus(item.status),
        contact_id=contact.uuid if contact else None,
        contact_name=contact.name if contact else "",
        done_by=item.done_by,
        can_be_confirmed=item.can_be_confirmed,
        fix_url=item.fix_url,
    )


def _summary(row: HandoverChecklist) -> HandoverOut:
    handover = row.handover
    return HandoverOut(
        id=handover.uuid,
        account_id=handover.account.uuid,
        account_name=handover.account.name,
        kind=HandoverKind(handover.kind),
        new_owner=str(handover.new_owner),
        previous_owner=str(handover.previous_owner) if handover.previous_owner else None,
        created_at=handover.created_at,
        done_count=row.done_count,
        total_count=row.total_count,
        is_complete=row.is_complete,
    )


def _detail(row: HandoverChecklist) -> HandoverDetailOut:
    return HandoverDetailOut(
        **_summary(row).model_dump(), items=[_item(item) for item in row.items]
    )


@router.get(
    "/handovers", response={200: list[HandoverOut], **READ_ERRORS}, url_name="api_handovers_list"
)
@paginate(PagePagination)
def list_my_handovers(request: AuthenticatedHttpRequest) -> ConvertedPage:
    """我的交接: the handovers I received, newest first, with their progress."""
    return ConvertedPage(
        handovers_of_user(request.user),
        lambda handovers: [_summary(row) for row in checklists(handovers)],
    )


@router.get(
    "/handovers/{handover_id}",
    response={200: HandoverDetailOut, **READ_ERRORS},
    url_name="api_handovers_get",
)
def get_handover(request: AuthenticatedHttpRequest, handover_id: uuid.UUID) -> HandoverDetailOut:
    """One handover with its checklist: per person, re-rate the ladder and confirm the power map."""
    return _detail(checklist(object_get_for_user(request.user, QUERYSET, handover_id)))


@router.post(
    "/handovers/{handover_id}/confirm",
    response={200: HandoverDetailOut, **WRITE_ERRORS},
    url_name="api_handovers_confirm",
)
def confirm_handover_item(
    request: AuthenticatedHttpRequest, handover_id: uuid.UUID, payload: HandoverConfirmIn
) -> Status:
    """Confirm a person's item unchanged; answers the updated handover. 400 `not_found` when
    the person is not part of the handover, 400 `not_confirmable` for the ladder (re-rate it
    instead), 403 for anyone but the new owner or a director, 409 `already_confirmed` or
    `superseded` (handed over again)."""
    handover = object_get_for_user(request.user, QUERYSET, handover_id, for_change=True)
    contact = Contact.objects.filter(account=handover.account, uuid=payload.contact_id).first()
    if contact is None:
        raise ApplicationError(_("This person is not part of this handover."), code="not_found")
    services.handover_item_confirm(
        actor=request.user, handover=handover, contact=contact, item_code=payload.item
    )
    return Status(200, _detail(checklist(handover)))

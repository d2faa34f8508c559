"""Pages of the handovers: 我的交接, an account's handovers, one handover's checklist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import paginate, querystring_without_page
from kam.handover import services
from kam.handover.forms import ConfirmForm
from kam.handover.models import Handover
from kam.handover.selectors import (
    checklist,
    checklists,
    handovers_of_account,
    handovers_of_user,
)
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest

PER_PAGE = 25
HANDOVER_QUERYSET = Handover.objects.select_related("account", "new_owner", "previous_owner")


@login_required
@require_GET
def my_handovers_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = paginate(request, handovers_of_user(request.user), per_page=PER_PAGE)
    context = {
        "page": page,
        "rows": checklists(page.object_list),
        "querystring": querystring_without_page(request),
    }
    return render(request, "handover/mine.html", context)


@login_required
@require_GET
def account_handovers_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    page = paginate(request, handovers_of_account(account), per_page=PER_PAGE)
    context = _account_context(request, account, "key_persons")
    context.update(
        {
            "page": page,
            "rows": checklists(page.object_list),
            "querystring": querystring_without_page(request),
        }
    )
    return render(request, "handover/account.html", context)


def _render_handover(
    request: AuthenticatedHttpRequest, handover: Handover, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "handover": handover,
        "account": handover.account,
        "checklist": checklist(handover),
        "can_confirm": services.can_confirm(request.user, handover),
        "error": error,
    }
    return render(request, "handover/detail.html", context, status=status)


@login_required
@require_GET
def handover_view(request: AuthenticatedHttpRequest, handover_uuid: str) -> HttpResponse:
    handover = object_get_for_user(request.user, HANDOVER_QUERYSET, handover_uuid)
    return _render_handover(request, handover)


@login_required
@require_POST
def confirm_view(request: AuthenticatedHttpRequest, handover_uuid: str) -> HttpResponse:
    handover = object_get_for_user(request.user, HANDOVER_QUERYSET, handover_uuid, for_change=True)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        error = " ".join(
            str(message) for messages_ in form.errors.values() for message in messages_
        )
        return _render_handover(request, handover, error=error, status=400)
    contact = Contact.objects.filter(
        account=handover.account, uuid=form.cleaned_data["contact"]
    ).first()
    if contact is None:
        error = _("This person is not part of this handover.")
        return _render_handover(request, handover, error=error, status=400)
    try:
        services.handover_item_confirm(
            actor=request.user,
            handover=handover,
            contact=contact,
            item_code=form.cleaned_data["item"],
        )
    except ApplicationError as refused:
        return _render_handover(request, handover, error=refused.message, status=refused.status)
    messages.success(request, _("{name}: power map confirmed unchanged.").format(name=contact.name))
    return redirect("handover:detail", handover_uuid=handover.uuid)

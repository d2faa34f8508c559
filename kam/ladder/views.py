"""Pages of the ladder app (thin views over its services and selectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import can_change_account, object_get_for_user
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.idempotency.pages import one_time_submission
from kam.ladder import services
from kam.ladder.forms import EvidenceForm, LadderAssessForm
from kam.ladder.selectors import (
    ladder_evidence_for_contact,
    ladder_history,
    ladder_states_for_contacts,
    ladder_template,
    rungs_of,
)
from kam.ladder.selectors.page import ladder_page
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest

CONTACT_QUERYSET = Contact.objects.select_related("account", "account__owner")


@login_required
@require_GET
def ladder_contact_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid)
    context = {
        "contact": contact,
        "account": contact.account,
        "page": ladder_page(contact=contact),
        "can_change": can_change_account(request.user, contact.account),
    }
    return render(request, "ladder/contact.html", context)


@login_required
@require_GET
def ladder_badge_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    """The contact's ladder badge alone (the contact page loads it with htmx)."""
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid)
    state = ladder_states_for_contacts([contact.pk]).get(contact.pk)
    return render(request, "ladder/partials/badge.html", {"state": state})


@login_required
@require_http_methods(["GET", "POST"])
def ladder_assess_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    template = ladder_template()
    history = ladder_history(contact)
    form = LadderAssessForm(
        request.POST or None,
        template=template,
        evidence=list(ladder_evidence_for_contact(contact)),
        state=history[-1] if history else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ladder_assess(
                actor=request.user,
                contact=contact,
                data=services.LadderInput(
                    period=data["period"],
                    assessed_on=data["assessed_on"],
                    scores=form.scores(),
                    evidence=form.evidence(),
                    target_level=data["target_level"],
                    competitor_level=data["competitor_level"],
                    competitor=data["competitor"],
                    note=data["note"],
                ),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Ladder assessment saved as a snapshot."))
            return redirect("ladder:contact", contact_uuid=contact.uuid)
    context = {"contact": contact, "account": contact.account, "form": form}
    return render(request, "ladder/assess.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def ladder_evidence_new_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    rungs = rungs_of(ladder_template())
    form = EvidenceForm(
        request.POST or None, rungs=rungs, initial={"rung_code": request.GET.get("rung", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.ladder_evidence_create(actor=request.user, contact=contact, **data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Evidence recorded."))
            return redirect("ladder:contact", contact_uuid=contact.uuid)
    context = {"contact": contact, "account": contact.account, "form": form}
    return render(request, "ladder/evidence_form.html", context, status=400 if form.errors else 200)

"""Pages of the communication mechanisms: the guide everyone reads and the reference-data editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import require
from kam.audit.selectors import audit_for_record
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.engagement.mechanisms import selectors, services
from kam.engagement.mechanisms.forms import MechanismForm
from kam.engagement.models import Mechanism
from kam.engagement.settings.services import can_change_engagement_settings
from kam.users.http import AuthenticatedHttpRequest


@login_required
@require_GET
def mechanism_guide_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone reads the operating key points of the mechanisms."""
    context = {
        "mechanisms": selectors.mechanisms_active(),
        "can_manage": services.can_manage_mechanisms(request.user),
    }
    return render(request, "engagement/calendar/mechanism_guide.html", context)


@login_required
@require_GET
def mechanisms_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(services.can_manage_mechanisms(request.user))
    context = {
        "mechanisms": selectors.mechanisms_all(),
        "can_manage": True,
        "can_change_engagement_settings": can_change_engagement_settings(request.user),
    }
    return render(request, "engagement/calendar/mechanisms.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mechanism_edit_view(request: AuthenticatedHttpRequest, mechanism_code: str) -> HttpResponse:
    require(services.can_manage_mechanisms(request.user))
    mechanism = Mechanism.objects.prefetch_related("cadences").filter(code=mechanism_code).first()
    if mechanism is None:
        raise Http404(_("Not found."))
    form = MechanismForm(request.POST or None, instance=mechanism)
    if request.method == "POST" and form.is_valid():
        try:
            services.mechanism_update(
                actor=request.user,
                mechanism=mechanism,
                data=form.mechanism_data(),
                cadences=form.cadence_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Mechanism saved."))
            return redirect("engagement:mechanisms")
    context = {
        "form": form,
        "mechanism": mechanism,
        "audit_rows": audit_for_record(instance=mechanism, limit=50),
    }
    return render(request, "engagement/calendar/mechanism_edit.html", context)

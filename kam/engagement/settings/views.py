"""The engagement settings page: directors and administrators change the thresholds and the
digest windows; the page shows the values in force and the history of changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kam.accounts.access import require
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.engagement.models import EngagementSettings
from kam.engagement.settings.forms import EngagementSettingsForm
from kam.engagement.settings.selectors import engagement_settings, engagement_settings_history
from kam.engagement.settings.services import (
    SETTINGS_FIELDS,
    can_change_engagement_settings,
    engagement_settings_update,
)
from kam.users.http import AuthenticatedHttpRequest


def _settings_copy(current: EngagementSettings) -> EngagementSettings:
    """An unsaved copy for the form to validate against (saving adds a row; see the service)."""
    return EngagementSettings(**{name: getattr(current, name) for name in SETTINGS_FIELDS})


@login_required
@require_http_methods(["GET", "POST"])
def engagement_settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_change_engagement_settings(request.user))
    current = engagement_settings()
    form = EngagementSettingsForm(
        request.POST or None,
        initial={"version": current.uuid if current.pk else None},
        instance=_settings_copy(current),
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement_settings_update(
                actor=request.user,
                data=form.settings_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Engagement settings saved."))
            return redirect("engagement:settings")
    context = {
        "form": form,
        "settings": current,
        "history": engagement_settings_history(),
    }
    status = 400 if form.errors else 200
    return render(request, "engagement/settings/edit.html", context, status=status)

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from kam.api.api import api
from kam.core.healthz import healthz_view
from kam.core.views import favicon_view
from kam.workspace.views import my_day_view

urlpatterns = [
    path("", my_day_view, name="home"),
    path("favicon.ico", favicon_view, name="favicon"),
    path("healthz", healthz_view, name="healthz"),
    path("", include("kam.users.urls")),
    path("", include("kam.workspace.urls")),
    path("accounts/", include("kam.accounts.urls")),
    path("", include("kam.people.urls")),
    path("", include("kam.assessments.urls")),
    path("", include("kam.scorecard.urls")),
    path("", include("kam.health.urls")),
    path("", include("kam.relationship.urls")),
    path("", include("kam.ladder.urls")),
    path("", include("kam.cards.urls")),
    path("", include("kam.compliance.urls")),
    path("", include("kam.powermap.urls")),
    path("", include("kam.engagement.urls")),
    path("", include("kam.value.urls")),
    path("", include("kam.needs.urls")),
    path("", include("kam.platforms.urls")),
    path("", include("kam.kpis.urls")),
    path("", include("kam.pdca.urls")),
    path("", include("kam.cycle.urls")),
    path("", include("kam.metrics.urls")),
    path("", include("kam.plans.urls")),
    path("", include("kam.reviews.urls")),
    path("", include("kam.letters.urls")),
    path("", include("kam.broad.urls")),
    path("", include("kam.jobs.urls")),
    path("", include("kam.imports.urls")),
    path("", include("kam.documents.urls")),
    path("", include("kam.handover.urls")),
    path("", include("kam.alerts.urls")),
    path("", include("kam.security.urls")),
    path("api/", api.urls),
    # One sign-in page for everyone: it applies the lockout rule and writes the audit entries.
    path("admin/login/", RedirectView.as_view(pattern_name="users:login", query_string=True)),
    path("admin/", admin.site.urls),
]

# A failure outside the views (e.g. reading the session while the database is down) still
# answers 503 when the database is unreachable, and JSON under /api/.
handler500 = "kam.core.views.server_error_view"
# A request over the size limits answers 413, and JSON under /api/ (Django's 400 is HTML).
handler400 = "kam.core.views.bad_request_view"

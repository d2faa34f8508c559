from django.urls import path

from kam.ladder import views

app_name = "ladder"
urlpatterns = [
    path("contacts/<uuid:contact_uuid>/ladder/", views.ladder_contact_view, name="contact"),
    path(
        "contacts/<uuid:contact_uuid>/ladder/badge/",
        views.ladder_badge_view,
        name="contact_badge",
    ),
    path("contacts/<uuid:contact_uuid>/ladder/assess/", views.ladder_assess_view, name="assess"),
    path(
        "contacts/<uuid:contact_uuid>/ladder/evidence/new/",
        views.ladder_evidence_new_view,
        name="evidence_new",
    ),
]

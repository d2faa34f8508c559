from django.urls import path

from kam.assessments import template_views, views

app_name = "assessments"
urlpatterns = [
    path(
        "accounts/<uuid:account_uuid>/assessments/<slug:tool_code>/",
        views.assessment_history_view,
        name="history",
    ),
    path(
        "accounts/<uuid:account_uuid>/assessments/<slug:tool_code>/new/",
        views.assessment_new_view,
        name="new",
    ),
    path("assessments/<uuid:assessment_uuid>/", views.assessment_detail_view, name="detail"),
    path("settings/templates/", template_views.template_list_view, name="template_list"),
    path(
        "settings/templates/<uuid:template_uuid>/",
        template_views.template_edit_view,
        name="template_edit",
    ),
    path(
        "assessments/<uuid:assessment_uuid>/rescore/",
        views.assessment_rescore_view,
        name="rescore",
    ),
]

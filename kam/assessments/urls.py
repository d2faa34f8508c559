from django.urls import path

from kam.assessments import views

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
    path(
        "assessments/<uuid:assessment_uuid>/rescore/",
        views.assessment_rescore_view,
        name="rescore",
    ),
]

from django.urls import path

from kam.jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.job_list_view, name="list"),
    path("jobs/<uuid:job_id>/retry/", views.job_retry_view, name="retry"),
]

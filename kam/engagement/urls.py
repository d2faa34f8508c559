from kam.engagement import calendar_views, matching_views, meeting_views, settings_views

app_name = "engagement"
urlpatterns = [
    *calendar_views.urlpatterns,
    *meeting_views.urlpatterns,
    *matching_views.urlpatterns,
    *settings_views.urlpatterns,
]

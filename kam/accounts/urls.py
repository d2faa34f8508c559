from django.urls import path

from kam.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_list_view, name="list"),
    path("new/", views.account_create_view, name="create"),
    path("<uuid:account_uuid>/edit/", views.account_edit_view, name="edit"),
    path("<uuid:account_uuid>/delete/", views.account_delete_view, name="delete"),
    path("<uuid:account_uuid>/team/", views.account_team_view, name="team"),
    path(
        "<uuid:account_uuid>/team/<uuid:membership_uuid>/remove/",
        views.account_team_remove_view,
        name="team_remove",
    ),
    path("<uuid:account_uuid>/history/", views.account_history_view, name="history"),
    path("competitors/", views.competitor_list_view, name="competitors"),
    path("competitors/<uuid:competitor_uuid>/", views.competitor_edit_view, name="competitor_edit"),
    path("groups/", views.group_list_view, name="groups"),
    path("groups/<uuid:group_uuid>/", views.group_edit_view, name="group_edit"),
]

from django.urls import path

from kam.cards import views

app_name = "cards"
urlpatterns = [
    path("contacts/<uuid:contact_uuid>/card/", views.card_view, name="card"),
    path("contacts/<uuid:contact_uuid>/card/edit/", views.card_edit_view, name="edit"),
    path("contacts/<uuid:contact_uuid>/card/style/", views.card_style_view, name="style"),
    path(
        "contacts/<uuid:contact_uuid>/card/actions/new/",
        views.card_action_new_view,
        name="action_new",
    ),
    path(
        "contacts/<uuid:contact_uuid>/card/actions/<uuid:action_uuid>/",
        views.card_action_update_view,
        name="action_update",
    ),
    path(
        "development-actions/<uuid:action_uuid>/edit/",
        views.card_action_edit_view,
        name="action_edit",
    ),
    path(
        "accounts/<uuid:account_uuid>/social-styles/",
        views.account_styles_view,
        name="account_styles",
    ),
]

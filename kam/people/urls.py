from django.urls import path

from kam.people import views

app_name = "people"
urlpatterns = [
    path("contacts/", views.contact_list_view, name="contact_list"),
    path("contacts/<uuid:contact_uuid>/", views.contact_detail_view, name="contact_detail"),
    path("contacts/<uuid:contact_uuid>/edit/", views.contact_edit_view, name="contact_edit"),
    path("contacts/<uuid:contact_uuid>/delete/", views.contact_delete_view, name="contact_delete"),
    path("contacts/<uuid:contact_uuid>/map/", views.contact_map_view, name="contact_map"),
    path(
        "contacts/<uuid:contact_uuid>/edges/new/",
        views.contact_edge_create_view,
        name="contact_edge_create",
    ),
    path(
        "contact-edges/<uuid:edge_uuid>/delete/",
        views.contact_edge_delete_view,
        name="contact_edge_delete",
    ),
    path(
        "accounts/<uuid:account_uuid>/contacts/",
        views.account_contacts_view,
        name="account_contacts",
    ),
    path(
        "accounts/<uuid:account_uuid>/contacts/new/",
        views.contact_create_view,
        name="contact_create",
    ),
    path("accounts/<uuid:account_uuid>/org/", views.account_org_view, name="account_org"),
    path("org-units/<uuid:unit_uuid>/edit/", views.org_unit_edit_view, name="org_unit_edit"),
    path("org-units/<uuid:unit_uuid>/delete/", views.org_unit_delete_view, name="org_unit_delete"),
]

from django.urls import path

from kam.compliance import views

app_name = "compliance"
urlpatterns = [
    path("contacts/<uuid:contact_uuid>/gifts/", views.contact_gifts_view, name="contact_gifts"),
    path(
        "accounts/<uuid:account_uuid>/compliance/",
        views.account_compliance_view,
        name="account",
    ),
    path(
        "compliance/notes/<uuid:account_note_uuid>/",
        views.account_note_edit_view,
        name="account_note_edit",
    ),
    path("compliance/approvals/", views.approvals_view, name="approvals"),
    path("gifts/<uuid:gift_uuid>/decide/", views.decide_view, name="decide"),
    path("settings/compliance/", views.policy_list_view, name="policy_list"),
    path("settings/compliance/rules/new/", views.rule_new_view, name="rule_new"),
    path("settings/compliance/rules/<uuid:rule_uuid>/", views.rule_edit_view, name="rule_edit"),
    path("settings/compliance/notes/new/", views.custom_note_new_view, name="note_new"),
    path(
        "settings/compliance/notes/<uuid:note_uuid>/",
        views.custom_note_edit_view,
        name="note_edit",
    ),
]

from django.urls import path

from kam.letters import views

app_name = "letters"
LETTER = "accounts/<uuid:account_uuid>/letters/<uuid:letter_uuid>/"
urlpatterns = [
    path(
        "accounts/<uuid:account_uuid>/plans/<uuid:plan_uuid>/letters/",
        views.plan_letters_view,
        name="plan",
    ),
    path(LETTER, views.letter_view, name="letter"),
    path(f"{LETTER}print/", views.letter_print_view, name="print"),
    path(f"{LETTER}sign/", views.letter_sign_view, name="sign"),
    path(f"{LETTER}close/", views.letter_close_view, name="close"),
    path("settings/evaluation-rules/", views.rules_view, name="rules"),
]

from django.urls import path

from kam.handover import views

app_name = "handover"
urlpatterns = [
    path("handovers/", views.my_handovers_view, name="mine"),
    path("handovers/<uuid:handover_uuid>/", views.handover_view, name="detail"),
    path("handovers/<uuid:handover_uuid>/confirm/", views.confirm_view, name="confirm"),
    path("accounts/<uuid:account_uuid>/handovers/", views.account_handovers_view, name="account"),
]

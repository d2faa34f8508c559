from django.urls import path

from kam.reviews import views

app_name = "reviews"
PLAN = "accounts/<uuid:account_uuid>/plans/<uuid:plan_uuid>/plan-reviews/"
urlpatterns = [
    path(PLAN, views.review_list_view, name="list"),
    path(f"{PLAN}new/", views.review_new_view, name="new"),
    path(f"{PLAN}<uuid:review_uuid>/", views.review_view, name="review"),
    path(f"{PLAN}<uuid:review_uuid>/seed-next-year/", views.review_seed_view, name="seed"),
]

from django.urls import path

from kam.plans import scoreboard_views, views

app_name = "plans"
ACCOUNT = "accounts/<uuid:account_uuid>/plans/"
PLAN = f"{ACCOUNT}<uuid:plan_uuid>/"
urlpatterns = [
    path(ACCOUNT, views.plan_account_view, name="account"),
    path(PLAN, views.plan_view, name="plan"),
    path(f"{PLAN}state/", views.state_view, name="state"),
    path(f"{PLAN}objectives/new/", views.objective_view, name="objective_new"),
    path(f"{PLAN}objectives/<uuid:objective_uuid>/", views.objective_view, name="objective_edit"),
    path(f"{PLAN}strategies/", views.strategy_add_view, name="strategy_add"),
    path(f"{PLAN}budget/", views.budget_add_view, name="budget_add"),
    path(f"{PLAN}risks/", views.risk_add_view, name="risk_add"),
    path(f"{PLAN}reviews/", views.review_add_view, name="review_add"),
    path(f"{PLAN}items/<uuid:item_uuid>/edit/", views.item_edit_view, name="item_edit"),
    path(f"{PLAN}approve/", views.approve_view, name="approve"),
    path(f"{PLAN}scoreboard/", scoreboard_views.scoreboard_view, name="scoreboard"),
    path(f"{PLAN}versions/", views.versions_view, name="versions"),
    path(f"{PLAN}versions/<uuid:version_uuid>/", views.version_view, name="version"),
    *(
        path(f"{PLAN}{kind}/<uuid:item_uuid>/delete/", view, name=f"{kind}_delete")
        for kind, view in views.DELETE_VIEWS.items()
    ),
]

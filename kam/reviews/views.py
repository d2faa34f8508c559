"""Pages of the plan reviews (thin views over the services and selectors): a plan's reviews,
the form of a new review, one review as it was frozen, and seeding next year's plan from a
year-end review."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, can_change_account
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.idempotency.pages import one_time_submission
from kam.plans.choices import Rating
from kam.plans.models import AccountPlan
from kam.plans.selectors import plan_for_year, plan_get, team_users
from kam.reviews import services
from kam.reviews.forms import ReviewForm, ReviewFormBase
from kam.reviews.models import Review
from kam.reviews.presentation import review_page_rows
from kam.reviews.selectors import (
    localize_snapshot,
    next_review,
    review_get,
    reviews_of_plan,
)
from kam.users.http import AuthenticatedHttpRequest

TAB = "plan"


def _plan(account: Account, plan_uuid: Any) -> AccountPlan:
    plan = plan_get(account=account, plan_uuid=plan_uuid)
    if plan is None:
        raise Http404(_("Not found."))
    plan.account = account  # the one the access check loaded
    return plan


def _review(plan: AccountPlan, review_uuid: Any) -> Review:
    review = review_get(plan=plan, review_uuid=review_uuid)
    if review is None:
        raise Http404(_("Not found."))
    review.plan = plan
    return review


def _review_url(review: Review) -> str:
    plan = review.plan
    return reverse("reviews:review", args=[plan.account.uuid, plan.uuid, review.uuid])


def _rating_label(code: str | None) -> str:
    return str(Rating(code).label) if code in Rating.values else ""


@login_required
@require_GET
def review_list_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """The plan's reviews, newest first, with their score and rating."""
    account = account_get_for_user(request.user, account_uuid)
    plan = _plan(account, plan_uuid)
    reviews = list(reviews_of_plan(plan=plan))
    for review in reviews:
        review.score = review.snapshot.get("score")  # type: ignore[attr-defined]
        review.rating_label = _rating_label(review.snapshot.get("rating"))  # type: ignore[attr-defined]
    context = {**_account_context(request, account, TAB), "plan": plan, "reviews": reviews}
    return render(request, "reviews/list.html", context)


def _actions(form: ReviewFormBase) -> list[services.CorrectiveActionInput]:
    return [
        services.CorrectiveActionInput(
            description=row["description"], owner=row["owner"], due_on=row["due_on"]
        )
        for row in form.cleaned_data["actions"]
    ]


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def review_new_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """The form of a new review, dated by default on the plan's next review date."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    plan = _plan(account, plan_uuid)
    upcoming = next_review(plan=plan, today=timezone.localdate())
    initial = {"kind": upcoming.kind, "review_on": upcoming.review_on}
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, initial=initial, team=team_users(account=account))
    if form.is_valid():
        values = form.cleaned_data
        try:
            review = services.review_record(
                actor=request.user, plan=plan, kind=values["kind"], review_on=values["review_on"],
                findings=values["findings"], phase=values["phase"],
                corrective_actions=_actions(form),
            )  # fmt: skip
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Review recorded."))
            return redirect(_review_url(review))
    context = {**_account_context(request, account, TAB), "plan": plan, "form": form}
    return render(request, "reviews/new.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def review_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str, review_uuid: str
) -> HttpResponse:
    """One review as it was frozen, with its corrective actions as they stand now."""
    account = account_get_for_user(request.user, account_uuid)
    plan = _plan(account, plan_uuid)
    review = _review(plan, review_uuid)
    snapshot = localize_snapshot(review.snapshot)
    next_plan = plan_for_year(account=account, year=plan.year + 1)
    context = {
        **_account_context(request, account, TAB),
        "plan": plan,
        "review": review,
        "snapshot": snapshot,
        "rating_label": _rating_label(snapshot.get("rating")),
        "rows": review_page_rows(snapshot),
        "actions": [link.action_item for link in review.actions.all()],
        "next_plan": next_plan,
        "can_seed": review.kind == "year_end"
        and next_plan is None
        and can_change_account(request.user, account),
    }
    return render(request, "reviews/review.html", context)


@login_required
@require_POST
def review_seed_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str, review_uuid: str
) -> HttpResponse:
    """A year-end review opens next year's plan with its objectives carried over."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    review = _review(_plan(account, plan_uuid), review_uuid)
    try:
        seeded = services.plan_seed_next_year(actor=request.user, review=review)
    except (ValidationError, ApplicationError) as error:
        message = error.message if isinstance(error, ApplicationError) else " ".join(error.messages)
        messages.error(request, message)
        return redirect(_review_url(review))
    messages.success(
        request,
        _("Plan {year} opened with this review's objectives; baselines are its actuals.").format(
            year=seeded.year
        ),
    )
    return redirect(reverse("plans:plan", args=[account.uuid, seeded.uuid]))

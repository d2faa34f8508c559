"""API of the plan reviews (same services, selectors and access rules as the pages): a plan's
reviews, one review with its frozen snapshot and corrective actions, recording a review and
opening next year's plan from a year-end review. The team records, viewers read, outsiders get
404."""

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.schemas import ErrorOut
from kam.engagement.choices import ActionStatus
from kam.pdca.choices import Phase
from kam.plans.choices import PlanStatus
from kam.plans.models import AccountPlan
from kam.plans.selectors import plan_for_year, team_users
from kam.reviews import services
from kam.reviews.choices import ReviewKind
from kam.reviews.models import Review
from kam.reviews.selectors import review_get, reviews_of_plan
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["reviews"])

READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class ReviewsReviewOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    kind: ReviewKind
    period: str
    period_start: date
    period_end: date
    review_on: date
    phase: Phase
    reviewer: str
    score: str | None = Field(None, description="The blended score (decimal text).")
    rating: str | None = Field(None, description="excellent, good, pass or improve.")
    created_at: datetime

    @staticmethod
    def resolve_reviewer(review: Review) -> str:
        return review.reviewer.username

    @staticmethod
    def resolve_score(review: Review) -> str | None:
        return review.snapshot.get("score")

    @staticmethod
    def resolve_rating(review: Review) -> str | None:
        return review.snapshot.get("rating")


class ReviewsActionOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    description: str
    owner: str | None
    due_on: date
    status: ActionStatus


class ReviewsReviewDetailOut(ReviewsReviewOut):
    findings: str
    snapshot: dict[str, Any] = Field(
        ..., description="Objectives against actuals, scores, rating and the comparisons."
    )
    corrective_actions: list[ReviewsActionOut]

    @staticmethod
    def resolve_corrective_actions(review: Review) -> list[dict[str, object]]:
        return [
            {
                "uuid": item.uuid,
                "description": item.description,
                "owner": item.owner_user.username if item.owner_user else None,
                "due_on": item.due_on,
                "status": item.status,
            }
            for item in (link.action_item for link in review.actions.all())
        ]


class ReviewsActionIn(Schema):
    description: str = Field(..., min_length=1, max_length=500)
    owner_id: uuid.UUID = Field(..., description="A user of the account team.")
    due_on: date


class ReviewsRecordIn(Schema):
    kind: ReviewKind
    review_on: date = Field(..., description="The actuals are read as of this date.")
    phase: Phase = Phase.CHECK
    findings: str = Field("", max_length=5000)
    corrective_actions: list[ReviewsActionIn] = Field(default_factory=list, max_length=20)


class ReviewsSeededPlanOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    year: int
    status: PlanStatus
    version: int
    baseline_on: date


def _plan(account: Account, year: int) -> AccountPlan:
    plan = plan_for_year(account=account, year=year)
    if plan is None:
        raise Http404(_("Not found."))
    plan.account = account
    return plan


def _review(plan: AccountPlan, review_id: uuid.UUID) -> Review:
    review = review_get(plan=plan, review_uuid=review_id)
    if review is None:
        raise Http404(_("Not found."))
    review.plan = plan
    return review


def _actions(account: Account, payload: ReviewsRecordIn) -> list[services.CorrectiveActionInput]:
    team = {user.uuid: user for user in team_users(account=account)}
    actions = []
    for item in payload.corrective_actions:
        owner = team.get(item.owner_id)
        if owner is None:
            raise ValidationError({"corrective_actions": _("Choose a member of the account team.")})
        actions.append(services.CorrectiveActionInput(item.description, owner, item.due_on))
    return actions


@router.get(
    "/accounts/{account_id}/plans/{year}/reviews",
    response={200: list[ReviewsReviewOut], **READ_ERRORS},
    url_name="api_reviews_list",
)
@paginate(PagePagination)
def list_reviews(request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int) -> object:
    """The plan's reviews, newest first, with their score and rating."""
    return reviews_of_plan(plan=_plan(account_get_for_user(request.user, account_id), year))


@router.post(
    "/accounts/{account_id}/plans/{year}/reviews",
    response={201: ReviewsReviewDetailOut, **WRITE_ERRORS},
    url_name="api_reviews_record",
)
def record_review(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, payload: ReviewsRecordIn
) -> Status:
    """Record a review: the objectives' actuals as of `review_on`, frozen with the scores and
    comparisons; the corrective actions become action items. 409 `duplicate_period` when the
    plan already has a review of that period, `no_objectives` when it has no objective; 422
    `review_on` outside the plan's year or in the future, `corrective_actions` with an owner
    outside the team."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    plan = _plan(account, year)
    review = services.review_record(
        actor=request.user, plan=plan, kind=payload.kind, review_on=payload.review_on,
        findings=payload.findings, phase=payload.phase,
        corrective_actions=_actions(account, payload),
    )  # fmt: skip
    return Status(201, _review(plan, review.uuid))


@router.get(
    "/accounts/{account_id}/plans/{year}/reviews/{review_id}",
    response={200: ReviewsReviewDetailOut, **READ_ERRORS},
    url_name="api_reviews_get",
)
def get_review(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, review_id: uuid.UUID
) -> Review:
    """One review as it was frozen, with its corrective actions as they stand now."""
    return _review(_plan(account_get_for_user(request.user, account_id), year), review_id)


@router.post(
    "/accounts/{account_id}/plans/{year}/reviews/{review_id}/seed-next-year",
    response={201: ReviewsSeededPlanOut, **WRITE_ERRORS},
    url_name="api_reviews_seed",
)
def seed_next_year(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, review_id: uuid.UUID
) -> Status:
    """Open next year's plan from a year-end review: its objectives carried over, baselines =
    the review's actuals. 409 `not_year_end` for a quarterly review, `plan_exists` when the
    account already has next year's plan."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    review = _review(_plan(account, year), review_id)
    return Status(201, services.plan_seed_next_year(actor=request.user, review=review))

"""API of the health app (same services, selectors and access rules as its pages)."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.choices import Currency
from kam.accounts.models import Account, Competitor
from kam.api.pagination import PagePagination
from kam.api.schemas import RefOut
from kam.assessments.models import localized
from kam.health import services
from kam.health.choices import Confidence
from kam.health.models import SatisfactionSurvey, SurveyRespondent, WalletEstimate
from kam.health.selectors import (
    health_summary,
    survey_detail_queryset,
    survey_list,
    wallet_estimates,
)
from kam.lib.periods import PERIOD_PATTERN
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["health"])

# --- schemas -----------------------------------------------------------------------------------


class NetPromoterOut(Schema):
    score: float | None
    promoters: int
    passives: int
    detractors: int
    respondents: int


class AttributeOut(Schema):
    code: str
    label: str
    importance: float
    performance: float
    gap: float
    quadrant: str
    answers: int


class SurveyOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    period: str
    conducted_on: date
    note: str
    is_current: bool
    supersedes_id: uuid.UUID | None
    template_version: int
    respondent_count: int
    csat_percent: float | None
    satisfaction_index: float | None
    net_promoter: NetPromoterOut | None
    attributes: list[AttributeOut]
    created_at: datetime

    @staticmethod
    def resolve_supersedes_id(survey: SatisfactionSurvey) -> uuid.UUID | None:
        return survey.supersedes.uuid if survey.supersedes is not None else None

    @staticmethod
    def resolve_template_version(survey: SatisfactionSurvey) -> int:
        return survey.template.version

    @staticmethod
    def resolve_respondent_count(survey: SatisfactionSurvey) -> int:
        return survey.results.get("respondents", 0)

    @staticmethod
    def resolve_csat_percent(survey: SatisfactionSurvey) -> float | None:
        return survey.results.get("csat_percent")

    @staticmethod
    def resolve_satisfaction_index(survey: SatisfactionSurvey) -> float | None:
        return survey.results.get("satisfaction_index")

    @staticmethod
    def resolve_net_promoter(survey: SatisfactionSurvey) -> dict | None:
        figures = survey.results.get("net_promoter") or {}
        return figures if figures.get("respondents") else None

    @staticmethod
    def resolve_attributes(survey: SatisfactionSurvey) -> list[dict]:
        return [
            {**item, "label": localized(item["label"], item["code"])}
            for item in survey.results.get("attributes", [])
        ]


class RatingOut(Schema):
    attribute_code: str
    importance: int
    performance: int


class RespondentOut(Schema):
    contact: RefOut | None
    role: str
    influence: int
    is_anonymous: bool
    overall: int | None
    recommend: int | None
    verbatim: str
    ratings: list[RatingOut]

    @staticmethod
    def resolve_ratings(respondent: SurveyRespondent) -> list:
        return list(respondent.ratings.all())


class SurveyDetailOut(SurveyOut):
    respondents: list[RespondentOut]

    @staticmethod
    def resolve_respondents(survey: SatisfactionSurvey) -> list:
        return list(survey.respondents.all())


class RatingIn(Schema):
    attribute_code: str = Field(..., min_length=1, max_length=50)
    importance: int = Field(..., ge=1, le=5)
    performance: int = Field(..., ge=1, le=5)


class RespondentIn(Schema):
    contact_id: uuid.UUID | None = None
    role: str = Field("", max_length=100)
    influence: int = Field(5, ge=0, le=10)
    is_anonymous: bool = False
    overall: int | None = Field(None, ge=1, le=5)
    recommend: int | None = Field(None, ge=0, le=10)
    verbatim: str = Field("", max_length=5000)
    ratings: list[RatingIn] = Field(default_factory=list, max_length=100)


class SurveyIn(Schema):
    period: str = Field(..., pattern=PERIOD_PATTERN)
    conducted_on: date
    note: str = Field("", max_length=5000)
    respondents: list[RespondentIn] = Field(..., min_length=1, max_length=200)


class SurveyListQuery(Schema):
    period: str | None = Field(None, pattern=PERIOD_PATTERN)
    current_only: bool = False


class CompetitorShareOut(Schema):
    competitor: RefOut
    share_percent: Decimal


class WalletEstimateOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    period: str
    category_code: str
    category_label: str
    customer_total_spend: Decimal
    our_revenue: Decimal
    currency: str
    our_rank: int | None
    number_of_suppliers: int | None
    confidence: Confidence
    source: str
    share_of_wallet_percent: float | None
    wallet_allocation_percent: float | None
    headroom: Decimal
    competitor_shares: list[CompetitorShareOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_competitor_shares(estimate: WalletEstimate) -> list:
        return list(estimate.competitor_shares.all())


class CompetitorShareIn(Schema):
    competitor_id: uuid.UUID
    share_percent: Decimal = Field(..., ge=0, le=100, max_digits=5, decimal_places=2)


class WalletEstimateIn(Schema):
    period: str = Field(..., pattern=PERIOD_PATTERN)
    category_code: str = Field(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=50)
    category_label: str = Field(..., min_length=1, max_length=200)
    customer_total_spend: Decimal = Field(..., gt=0, max_digits=16, decimal_places=2)
    our_revenue: Decimal = Field(..., ge=0, max_digits=16, decimal_places=2)
    currency: Currency | None = None
    our_rank: int | None = Field(None, ge=1, le=1000)
    number_of_suppliers: int | None = Field(None, ge=1, le=1000)
    confidence: Confidence = Confidence.MEDIUM
    source: str = Field("", max_length=300)
    competitor_shares: list[CompetitorShareIn] = Field(default_factory=list, max_length=50)


class WalletListQuery(Schema):
    period: str | None = Field(None, pattern=PERIOD_PATTERN)


class PeriodHealthOut(Schema):
    period: str
    satisfaction_index: float | None
    csat_percent: float | None
    net_promoter: NetPromoterOut | None
    survey_id: uuid.UUID | None = Field(None, alias="survey_uuid")
    share_of_wallet_percent: float | None
    wallet_allocation_percent: float | None
    customer_total_spend: Decimal | None
    our_revenue: Decimal | None
    headroom: Decimal | None
    currency: str | None
    wallet_categories: int
    relationship_test_score: float | None
    stage: str | None
    stage_label: str | None
    relationship_test_id: uuid.UUID | None = Field(None, alias="relationship_test_uuid")
    health_index: float | None
    health_parts: list[str]
    health_parts_missing: list[str]
    diagnosis: str | None
    diagnosis_label: str | None
    diagnosis_advice: str | None


class ParametersOut(Schema):
    satisfaction_split: float
    share_split: float
    target_share_percent: float
    health_weights: list[float]


class HealthOut(Schema):
    period: str | None
    current: PeriodHealthOut
    previous: PeriodHealthOut | None
    history: list[PeriodHealthOut]
    parameters: ParametersOut


class HealthQuery(Schema):
    period: str | None = Field(None, pattern=PERIOD_PATTERN)


# --- input resolution --------------------------------------------------------------------------


def _respondents(account: Account, items: list[RespondentIn]) -> list[services.RespondentInput]:
    """Resolve contact ids inside this account only; an unknown id is a field error (422)."""
    wanted = {item.contact_id for item in items if item.contact_id is not None}
    contacts = {contact.uuid: contact for contact in account.contacts.filter(uuid__in=wanted)}
    errors = {
        f"respondents.{index}.contact_id": [_("No contact with this id at this account.")]
        for index, item in enumerate(items)
        if item.contact_id is not None and item.contact_id not in contacts
    }
    if errors:
        raise ValidationError(errors)
    return [
        services.RespondentInput(
            contact=contacts.get(item.contact_id) if item.contact_id else None,
            role=item.role,
            influence=item.influence,
            is_anonymous=item.is_anonymous,
            overall=item.overall,
            recommend=item.recommend,
            verbatim=item.verbatim,
            ratings=tuple(
                services.RatingInput(r.attribute_code, r.importance, r.performance)
                for r in item.ratings
            ),
        )
        for item in items
    ]


def _shares(items: list[CompetitorShareIn]) -> tuple[services.ShareInput, ...]:
    wanted = {item.competitor_id for item in items}
    competitors = {c.uuid: c for c in Competitor.objects.filter(uuid__in=wanted)}
    errors = {
        f"competitor_shares.{index}.competitor_id": [_("No competitor with this id.")]
        for index, item in enumerate(items)
        if item.competitor_id not in competitors
    }
    if errors:
        raise ValidationError(errors)
    return tuple(
        services.ShareInput(competitors[item.competitor_id], item.share_percent) for item in items
    )


SURVEY_LIST_RELATED = ("account", "template", "supersedes")


# --- operations --------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/surveys", response=list[SurveyOut], url_name="api_survey_list")
@paginate(PagePagination)
def list_surveys(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[SurveyListQuery]
) -> object:
    account = account_get_for_user(request.user, account_id)
    surveys = survey_list(account=account).select_related(*SURVEY_LIST_RELATED)
    if filters.period:
        surveys = surveys.filter(period=filters.period)
    if filters.current_only:
        surveys = surveys.filter(is_current=True)
    return surveys


@router.post("/accounts/{account_id}/surveys", response={201: SurveyDetailOut})
def create_survey(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: SurveyIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    survey = services.survey_submit(
        actor=request.user,
        account=account,
        period=payload.period,
        conducted_on=payload.conducted_on,
        note=payload.note,
        respondents=_respondents(account, payload.respondents),
    )
    return Status(201, _survey(request, survey.uuid))


def _survey(request: AuthenticatedHttpRequest, survey_uuid: uuid.UUID) -> SatisfactionSurvey:
    queryset = survey_detail_queryset(request.user).select_related("template")
    return object_get_for_user(request.user, queryset, survey_uuid)


@router.get("/surveys/{survey_id}", response=SurveyDetailOut, url_name="api_survey")
def get_survey(request: AuthenticatedHttpRequest, survey_id: uuid.UUID) -> SatisfactionSurvey:
    return _survey(request, survey_id)


@router.get(
    "/accounts/{account_id}/wallet-estimates",
    response=list[WalletEstimateOut],
    url_name="api_wallet_estimate_list",
)
@paginate(PagePagination)
def list_wallet_estimates(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[WalletListQuery]
) -> object:
    account = account_get_for_user(request.user, account_id)
    estimates = wallet_estimates(account=account).select_related("account")
    if filters.period:
        estimates = estimates.filter(period=filters.period)
    return estimates


@router.post(
    "/accounts/{account_id}/wallet-estimates",
    response={200: WalletEstimateOut, 201: WalletEstimateOut},
)
def save_wallet_estimate(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: WalletEstimateIn
) -> Status:
    """Create the estimate of a category and period, or update it (200) when it exists."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = payload.dict(exclude={"competitor_shares"})
    data["currency"] = data["currency"] or account.currency
    estimate, created = services.wallet_estimate_save(
        actor=request.user,
        account=account,
        data=services.WalletInput(**data, competitor_shares=_shares(payload.competitor_shares)),
    )
    saved = wallet_estimates(account=account).select_related("account").get(pk=estimate.pk)
    return Status(201 if created else 200, saved)


@router.get("/accounts/{account_id}/health", response=HealthOut, url_name="api_account_health")
def get_health(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, query: Query[HealthQuery]
) -> object:
    account = account_get_for_user(request.user, account_id)
    return health_summary(account=account, period=query.period)

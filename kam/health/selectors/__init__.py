"""Reads of the relationship test model: the health summary, its history and the portfolio."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, Sum

from kam.accounts.access import accounts_visible_to, scope_to_visible_accounts
from kam.accounts.models import Account
from kam.assessments import formulas
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate, localized
from kam.assessments.selectors import current_assessments
from kam.health.choices import DIAGNOSIS_ADVICE, Diagnosis, HealthPart
from kam.health.models import (
    SatisfactionSurvey,
    SurveyRating,
    SurveyRespondent,
    WalletCompetitorShare,
    WalletEstimate,
)
from kam.lib.sorting import name_ordering
from kam.users.models import User

DEFAULT_PARAMETERS: dict[str, Any] = {
    "satisfaction_split": 70,
    "share_split": 50,
    "target_share_percent": 50,
    "health_weights": [0.30, 0.30, 0.40],
}


@dataclass(frozen=True)
class Parameters:
    """The administrator's settings of T3, from the current satisfaction template."""

    satisfaction_split: float
    share_split: float
    target_share_percent: float
    health_weights: tuple[float, float, float]


def health_parameters() -> Parameters:
    stored = (
        AssessmentTemplate.objects.filter(tool_code=ToolCode.SATISFACTION, is_current=True)
        .values_list("parameters", flat=True)
        .first()
    )
    values = {**DEFAULT_PARAMETERS, **(stored or {})}
    weights = [float(weight) for weight in values["health_weights"]]
    return Parameters(
        satisfaction_split=float(values["satisfaction_split"]),
        share_split=float(values["share_split"]),
        target_share_percent=float(values["target_share_percent"]),
        health_weights=(weights[0], weights[1], weights[2]),
    )


@dataclass(frozen=True)
class NetPromoterFigures:
    score: float | None
    promoters: int
    passives: int
    detractors: int
    respondents: int


@dataclass(frozen=True)
class PeriodHealth:
    """The T3 figures of one period. A figure whose input is missing is None (no data yet)."""

    period: str
    satisfaction_index: float | None = None
    csat_percent: float | None = None
    net_promoter: NetPromoterFigures | None = None
    survey_uuid: str | None = None
    share_of_wallet_percent: float | None = None
    wallet_allocation_percent: float | None = None
    customer_total_spend: Decimal | None = None
    our_revenue: Decimal | None = None
    headroom: Decimal | None = None
    currency: str | None = None
    wallet_categories: int = 0
    relationship_test_score: float | None = None
    stage: str | None = None
    stage_label: str | None = None
    relationship_test_uuid: str | None = None
    health_index: float | None = None
    health_parts: tuple[str, ...] = ()
    diagnosis: str | None = None

    @property
    def diagnosis_label(self) -> str | None:
        return str(Diagnosis(self.diagnosis).label) if self.diagnosis else None

    @property
    def diagnosis_advice(self) -> str | None:
        return str(DIAGNOSIS_ADVICE[Diagnosis(self.diagnosis)]) if self.diagnosis else None

    @property
    def health_parts_missing(self) -> tuple[str, ...]:
        return tuple(part for part in HealthPart.values if part not in self.health_parts)


@dataclass(frozen=True)
class HealthSummary:
    """This period's figures, the previous period's (compare with the past) and every period."""

    period: str | None
    current: PeriodHealth
    previous: PeriodHealth | None
    history: list[PeriodHealth]
    parameters: Parameters


@dataclass(frozen=True)
class AccountHealthData:
    """Everything T3 stored for one account, loaded in a fixed number of queries."""

    surveys: dict[str, SatisfactionSurvey]
    estimates: dict[str, list[WalletEstimate]]
    tests: dict[str, Assessment]
    parameters: Parameters = field(repr=False)

    @property
    def periods(self) -> list[str]:
        return sorted(set(self.surveys) | set(self.estimates) | set(self.tests))


def wallet_estimates(*, account: Account) -> QuerySet[WalletEstimate]:
    shares = WalletCompetitorShare.objects.select_related("competitor")
    return account.wallet_estimates.prefetch_related(
        Prefetch("competitor_shares", queryset=shares)
    ).order_by("-period", "category_label", "pk")


def account_health_data(*, account: Account) -> AccountHealthData:
    """Current surveys, wallet estimates and relationship tests of every period (5 queries)."""
    estimates: dict[str, list[WalletEstimate]] = {}
    for estimate in wallet_estimates(account=account).order_by("period", "category_label", "pk"):
        estimates.setdefault(estimate.period, []).append(estimate)
    return AccountHealthData(
        surveys={
            survey.period: survey for survey in account.satisfaction_surveys.filter(is_current=True)
        },
        estimates=estimates,
        tests={
            test.period: test
            for test in current_assessments(account=account, tool_code=ToolCode.RELATIONSHIP_TEST)
        },
        parameters=health_parameters(),
    )


def _survey_figures(survey: SatisfactionSurvey | None) -> dict[str, Any]:
    if survey is None:
        return {}
    results = survey.results
    promoter = results.get("net_promoter") or {}
    return {
        "satisfaction_index": results.get("satisfaction_index"),
        "csat_percent": results.get("csat_percent"),
        "net_promoter": NetPromoterFigures(
            score=promoter.get("score"),
            promoters=promoter.get("promoters", 0),
            passives=promoter.get("passives", 0),
            detractors=promoter.get("detractors", 0),
            respondents=promoter.get("respondents", 0),
        )
        if promoter.get("respondents")
        else None,
        "survey_uuid": str(survey.uuid),
    }


def _wallet_figures(estimates: list[WalletEstimate]) -> dict[str, Any]:
    """Actual SOW over all categories; the WAR estimate weighted by each category's spend."""
    if not estimates:
        return {}
    spend = sum((estimate.customer_total_spend for estimate in estimates), Decimal("0"))
    revenue = sum((estimate.our_revenue for estimate in estimates), Decimal("0"))
    estimated = [
        (estimate.customer_total_spend, estimate.wallet_allocation_percent)
        for estimate in estimates
        if estimate.wallet_allocation_percent is not None
    ]
    estimated_spend = sum((weight for weight, _share in estimated), Decimal("0"))
    allocation = (
        sum(float(weight) * share for weight, share in estimated) / float(estimated_spend)
        if estimated_spend
        else None
    )
    return {
        "share_of_wallet_percent": formulas.share_of_wallet(float(revenue), float(spend)),
        "wallet_allocation_percent": allocation,
        "customer_total_spend": spend,
        "our_revenue": revenue,
        "headroom": spend - revenue,
        "currency": estimates[0].currency,
        "wallet_categories": len(estimates),
    }


def _test_figures(test: Assessment | None) -> dict[str, Any]:
    if test is None or test.total is None:
        return {}
    return {
        "relationship_test_score": float(test.total),
        "stage": test.band or None,
        "stage_label": test.template.band_label(test.band) if test.band else None,
        "relationship_test_uuid": str(test.uuid),
    }


def period_health(
    period: str,
    *,
    survey: SatisfactionSurvey | None,
    estimates: list[WalletEstimate],
    test: Assessment | None,
    parameters: Parameters,
) -> PeriodHealth:
    """Combine one period's inputs into the health index and the diagnosis cell."""
    figures = {**_survey_figures(survey), **_wallet_figures(estimates), **_test_figures(test)}
    satisfaction = figures.get("satisfaction_index")
    share = figures.get("share_of_wallet_percent")
    relationship = figures.get("relationship_test_score")
    parts = tuple(
        part
        for part, value in zip(HealthPart.values, (satisfaction, share, relationship), strict=True)
        if value is not None
    )
    health = formulas.health_index(
        satisfaction,
        share,
        relationship,
        target_share_percent=parameters.target_share_percent,
        weights=parameters.health_weights,
    )
    diagnosis = None
    if satisfaction is not None and share is not None:
        diagnosis = formulas.diagnosis(
            satisfaction,
            share,
            satisfaction_split=parameters.satisfaction_split,
            share_split=parameters.share_split,
        )
    return PeriodHealth(
        period=period, health_index=health, health_parts=parts, diagnosis=diagnosis, **figures
    )


def summary_from(data: AccountHealthData, period: str | None = None) -> HealthSummary:
    history = [
        period_health(
            item,
            survey=data.surveys.get(item),
            estimates=data.estimates.get(item, []),
            test=data.tests.get(item),
            parameters=data.parameters,
        )
        for item in data.periods
    ]
    by_period = {item.period: item for item in history}
    chosen = period or (history[-1].period if history else None)
    earlier = [item for item in history if chosen is not None and item.period < chosen]
    return HealthSummary(
        period=chosen,
        current=by_period.get(chosen or "") or PeriodHealth(period=chosen or ""),
        previous=earlier[-1] if earlier else None,
        history=history,
        parameters=data.parameters,
    )


def health_summary(*, account: Account, period: str | None = None) -> HealthSummary:
    """The account's T3 figures for a period (default: the latest with data) and the one before."""
    return summary_from(account_health_data(account=account), period)


# --- surveys and estimates -----------------------------------------------------------------------


def survey_list(*, account: Account) -> QuerySet[SatisfactionSurvey]:
    """Every survey of the account, superseded ones included, newest period first."""
    return account.satisfaction_surveys.select_related("created_by").order_by(
        "-period", "-created_at"
    )


def surveys_visible_to(user: User) -> QuerySet[SatisfactionSurvey]:
    return scope_to_visible_accounts(SatisfactionSurvey.objects.all(), user)


def survey_detail_queryset(user: User) -> QuerySet[SatisfactionSurvey]:
    """Surveys with their respondents, contacts and ratings, for the detail page and the API."""
    respondents = SurveyRespondent.objects.select_related("contact").prefetch_related(
        Prefetch("ratings", queryset=SurveyRating.objects.order_by("pk"))
    )
    return (
        surveys_visible_to(user)
        .select_related("account", "account__owner", "created_by", "supersedes", "superseded_by")
        .prefetch_related(Prefetch("respondents", queryset=respondents))
    )


# --- portfolio ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioPoint:
    account_uuid: str
    name: str
    satisfaction_index: float
    share_of_wallet_percent: float


def diagnosis_portfolio(*, user: User, period: str) -> list[PortfolioPoint]:
    """Every visible account with a satisfaction index and a wallet in the period (one query)."""
    index = SatisfactionSurvey.objects.filter(
        account=OuterRef("pk"), period=period, is_current=True
    ).values("satisfaction_index")[:1]
    wallets = WalletEstimate.objects.filter(account=OuterRef("pk"), period=period).order_by()

    def total(field_name: str) -> Subquery:
        summed = wallets.values("account").annotate(total=Sum(field_name)).values("total")
        return Subquery(summed)

    rows = (
        accounts_visible_to(user)
        .annotate(
            index=Subquery(index),
            spend=total("customer_total_spend"),
            revenue=total("our_revenue"),
        )
        .filter(index__isnull=False, spend__gt=0)
        .order_by(*name_ordering())
        .values_list("uuid", "name", "index", "spend", "revenue")
    )
    return [
        PortfolioPoint(str(uuid), name, float(index), float(revenue / spend * 100))
        for uuid, name, index, spend, revenue in rows
    ]


# --- one survey --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    respondent: SurveyRespondent
    cells: Sequence[tuple[int | None, int | None]]


@dataclass(frozen=True)
class SurveySheet:
    """The survey as a sheet: one row per respondent, an importance/performance pair per column."""

    attributes: list[tuple[str, str]]
    rows: list[SheetRow]

    @property
    def has_verbatims(self) -> bool:
        return any(row.respondent.verbatim for row in self.rows)


def survey_sheet(*, survey: SatisfactionSurvey) -> SurveySheet:
    attributes = [
        (item["code"], localized(item["label"], item["code"]))
        for item in survey.results.get("attributes", [])
    ]
    rows = []
    for respondent in survey.respondents.all():
        ratings = {
            r.attribute_code: (r.importance, r.performance) for r in respondent.ratings.all()
        }
        cells = [ratings.get(code, (None, None)) for code, _label in attributes]
        rows.append(SheetRow(respondent=respondent, cells=cells))
    return SurveySheet(attributes=attributes, rows=rows)

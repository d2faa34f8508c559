"""The metrics T3 measures (satisfaction, share of wallet, our revenue), for the catalogue."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.health.models import SatisfactionSurvey
from kam.health.selectors import PeriodHealth, health_summary
from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)
from kam.metrics.registry import (
    MetricContext,
    MetricDefinition,
    MetricLink,
    MetricValue,
    register,
)
from kam.metrics.sources import period_as_of, period_end_as_of


def _wallet_period(context: MetricContext) -> PeriodHealth | None:
    """The period of wallet estimates in force on the date (the latest begun by then)."""
    history = context.shared("health", lambda: health_summary(account=context.account).history)
    by_period = {row.period: row for row in history if row.wallet_categories}
    period = period_as_of(by_period, context.on)
    return by_period[period] if period else None


def _wallet_link(context: MetricContext) -> MetricLink:
    return MetricLink(_("Share of wallet"), reverse("health:account", args=[context.account.uuid]))


def _wallet_source(row: PeriodHealth) -> str:
    return _("Wallet estimates of {period}: {count} categories.").format(
        period=row.period, count=row.wallet_categories
    )


def revenue(context: MetricContext) -> MetricValue:
    row = _wallet_period(context)
    if row is not None and row.our_revenue is not None:
        return MetricValue(
            row.our_revenue,
            period_end_as_of(row.period, context.on),
            _wallet_source(row),
            (_wallet_link(context),),
            f"{row.our_revenue} {row.currency}",
        )
    account, today = context.account, timezone.localdate()
    if context.on >= today and account.current_revenue:
        return MetricValue(
            account.current_revenue,
            today,
            _("No wallet estimate yet: the account's current annual revenue."),
            (MetricLink(account.name, reverse("workspace:account", args=[account.uuid])),),
            f"{account.current_revenue} {account.currency}",
        )
    return MetricValue(None, None, _("No wallet estimate on or before this date."))


def share_of_wallet(context: MetricContext) -> MetricValue:
    row = _wallet_period(context)
    if row is None:
        return MetricValue(None, None, _("No wallet estimate on or before this date."))
    return MetricValue(
        row.share_of_wallet_percent,
        period_end_as_of(row.period, context.on),
        _wallet_source(row),
        (_wallet_link(context),),
    )


def _survey(context: MetricContext) -> SatisfactionSurvey | None:
    return context.shared(
        "survey",
        lambda: (
            SatisfactionSurvey.objects.filter(account=context.account, conducted_on__lte=context.on)
            .order_by("-conducted_on", "-pk")
            .first()
        ),
    )


def _survey_value(context: MetricContext, read: str) -> MetricValue:
    survey = _survey(context)
    if survey is None:
        return MetricValue(None, None, _("No satisfaction survey on or before this date."))
    results = survey.results or {}
    value = (
        (results.get("net_promoter") or {}).get("score")
        if read == "net_promoter"
        else results.get("satisfaction_index")
    )
    link = MetricLink(
        _("Survey of {date}").format(date=survey.conducted_on.isoformat()),
        reverse("health:survey_detail", args=[survey.uuid]),
    )
    source = _("From the survey of {period} conducted on {date}.").format(
        period=survey.period, date=survey.conducted_on.isoformat()
    )
    return MetricValue(value, survey.conducted_on, source, (link,))


def net_promoter_score(context: MetricContext) -> MetricValue:
    return _survey_value(context, "net_promoter")


def satisfaction_index(context: MetricContext) -> MetricValue:
    return _survey_value(context, "satisfaction_index")


register(
    MetricDefinition(
        code="revenue",
        label=gettext_lazy("Revenue"),
        unit=MetricUnit.MONEY,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.BUSINESS,
        source_tool=SourceTool.T3,
        data_source=gettext_lazy("Wallet estimates (our revenue per category)"),
        formula=gettext_lazy(
            "Our revenue summed over the categories of the latest period of wallet estimates; "
            "without any, the account's current annual revenue (today only)."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=revenue,
    )
)
register(
    MetricDefinition(
        code="share_of_wallet",
        label=gettext_lazy("Share of wallet"),
        unit=MetricUnit.PERCENT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.BUSINESS,
        source_tool=SourceTool.T3,
        data_source=gettext_lazy("Wallet estimates"),
        formula=gettext_lazy(
            "Our revenue ÷ the customer's total spend over the categories of the latest period "
            "of wallet estimates × 100."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=share_of_wallet,
    )
)
register(
    MetricDefinition(
        code="net_promoter_score",
        label=gettext_lazy("Net promoter score (NPS)"),
        unit=MetricUnit.SCORE,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.SATISFACTION,
        source_tool=SourceTool.T3,
        data_source=gettext_lazy("Satisfaction surveys"),
        formula=gettext_lazy(
            "% promoters (9–10) − % detractors (0–6) of the latest survey conducted on or "
            "before the date."
        ),
        frequency=MetricFrequency.YEARLY,
        compute=net_promoter_score,
    )
)
register(
    MetricDefinition(
        code="satisfaction_index",
        label=gettext_lazy("Satisfaction index"),
        unit=MetricUnit.POINTS,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.SATISFACTION,
        source_tool=SourceTool.T3,
        data_source=gettext_lazy("Satisfaction surveys"),
        formula=gettext_lazy(
            "The influence-weighted satisfaction index of the latest survey conducted on or "
            "before the date."
        ),
        frequency=MetricFrequency.YEARLY,
        compute=satisfaction_index,
    )
)

"""The health page's read model: gauge tiles, the charts and the tables, in fixed queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.assessments.models import Assessment, localized
from kam.health import charts
from kam.health.choices import HealthPart, Quadrant
from kam.health.models import SatisfactionSurvey, WalletEstimate
from kam.health.selectors import (
    HealthSummary,
    NetPromoterFigures,
    PeriodHealth,
    account_health_data,
    diagnosis_portfolio,
    summary_from,
)
from kam.users.models import User


@dataclass(frozen=True)
class Tile:
    """One gauge tile: this period's value against the previous period's."""

    code: str
    label: str
    value: float | None
    previous: float | None
    unit: str = ""
    text: str | None = None
    previous_text: str | None = None
    detail: str = ""
    meter_min: int = 0
    meter_max: int = 100

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.text is not None

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)


def _nps_detail(figures: NetPromoterFigures | None) -> str:
    if figures is None:
        return ""
    return _(
        "n = {n} · promoters {promoters} · passives {passives} · detractors {detractors}"
    ).format(
        n=figures.respondents,
        promoters=figures.promoters,
        passives=figures.passives,
        detractors=figures.detractors,
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def health_tiles(summary: HealthSummary) -> list[Tile]:
    now, before = summary.current, summary.previous or PeriodHealth(period="")
    missing = ", ".join(str(HealthPart(part).label) for part in now.health_parts_missing)
    nps_now = now.net_promoter.score if now.net_promoter else None
    nps_before = before.net_promoter.score if before.net_promoter else None
    return [
        Tile(
            "satisfaction",
            _("Satisfaction index"),
            now.satisfaction_index,
            before.satisfaction_index,
            detail=_("CSAT {csat}").format(csat=_percent(now.csat_percent))
            if now.csat_percent is not None
            else "",
        ),
        Tile(
            "nps",
            _("Net promoter score"),
            nps_now,
            nps_before,
            detail=_nps_detail(now.net_promoter),
            meter_min=-100,
        ),
        Tile(
            "share_of_wallet",
            _("Share of wallet"),
            now.share_of_wallet_percent,
            before.share_of_wallet_percent,
            unit="%",
            detail=_("Wallet allocation rule estimate: {share}").format(
                share=_percent(now.wallet_allocation_percent)
            )
            if now.wallet_allocation_percent is not None
            else "",
        ),
        Tile(
            "relationship_test",
            _("Relationship test"),
            now.relationship_test_score,
            before.relationship_test_score,
        ),
        Tile(
            "stage",
            _("Relationship stage"),
            None,
            None,
            text=now.stage_label,
            previous_text=before.stage_label,
        ),
        Tile(
            "health",
            _("Health index"),
            now.health_index,
            before.health_index,
            detail=_("Without: {parts}").format(parts=missing)
            if now.health_index is not None and missing
            else "",
        ),
    ]


@dataclass(frozen=True)
class TestRow:
    period: str
    assessed_on: date
    total: Decimal | None
    is_complete: bool
    stage_label: str


def _test_rows(tests: list[Assessment]) -> list[TestRow]:
    return [
        TestRow(
            period=test.period,
            assessed_on=test.assessed_on,
            total=test.total,
            is_complete=test.is_complete,
            stage_label=test.template.band_label(test.band) if test.band else "",
        )
        for test in sorted(tests, key=lambda item: item.period, reverse=True)
    ]


def _attribute_rows(attributes: list[dict[str, Any]]) -> list[dict[str, object]]:
    """The survey's stored attributes, labelled in the reader's language."""
    return [
        {
            **item,
            "label": localized(item["label"], str(item["code"])),
            "quadrant_label": Quadrant(item["quadrant"]).label,
        }
        for item in attributes
    ]


@dataclass(frozen=True)
class HealthPage:
    summary: HealthSummary
    tiles: list[Tile]
    survey: SatisfactionSurvey | None
    attributes: list[dict[str, object]]
    estimates: list[WalletEstimate]
    surveys: list[SatisfactionSurvey]
    tests: list[TestRow]
    charts: dict[str, dict[str, object]]  # an option or `empty_chart(...)`
    portfolio_accounts: int


def health_page(*, account: Account, user: User, period: str | None = None) -> HealthPage:
    """Everything the health page shows, in a fixed number of queries."""
    data = account_health_data(account=account)
    summary = summary_from(data, period)
    survey = data.surveys.get(summary.period or "")
    attributes = list(survey.results.get("attributes", [])) if survey else []
    estimates = data.estimates.get(summary.period or "", [])
    points = diagnosis_portfolio(user=user, period=summary.period) if summary.period else []
    history = summary.history
    own = [item for item in (summary.previous, summary.current) if item is not None]
    split = float(survey.results.get("ipa_split", 3)) if survey else 3.0
    return HealthPage(
        summary=summary,
        tiles=health_tiles(summary),
        survey=survey,
        attributes=_attribute_rows(attributes),
        estimates=estimates,
        surveys=sorted(data.surveys.values(), key=lambda item: item.period, reverse=True),
        tests=_test_rows(list(data.tests.values())),
        charts={
            "ipa": charts.ipa_option(attributes, split),
            "gap": charts.gap_option(attributes),
            "wallet": charts.wallet_option(estimates),
            "trend": charts.trend_option(history),
            "diagnosis": charts.diagnosis_option(
                points, str(account.uuid), own, summary.parameters
            ),
        },
        portfolio_accounts=len([p for p in points if p.account_uuid != str(account.uuid)]),
    )

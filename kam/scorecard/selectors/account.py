"""Reads of one account's scorecard: its periods, the comparison with the past, the charts'
rows, the answers to start the next scorecard from, and one scorecard's explanation."""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kam.accounts.models import Account, Competitor
from kam.assessments.formulas import CategoryThresholds, category_for
from kam.assessments.models import Assessment, Criterion, Response
from kam.assessments.selectors import Explanation, assessment_explanation
from kam.scorecard import classification
from kam.scorecard.models import PortfolioSettings
from kam.scorecard.selectors.common import ATTRACTIVENESS, STRENGTH, as_decimal, period_thresholds

# --- one account -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodScore:
    """The scorecard of one account in one period (its two current snapshots)."""

    period: str
    attractiveness: Assessment
    strength: Assessment | None
    category: str
    currency: str
    current_revenue: Decimal | None
    potential_revenue: Decimal | None
    category_spend: Decimal | None
    strength_ratio: float | None
    score_us: float | None
    best_competitor: Competitor | None
    override_reason: str

    @property
    def strength_score(self) -> Decimal | None:
        return self.strength.total if self.strength is not None else None

    @property
    def attractiveness_total(self) -> Decimal | None:
        return self.attractiveness.total

    @property
    def band_label(self) -> str:
        return self.attractiveness.template.band_label(self.attractiveness.band)


@dataclass(frozen=True)
class Comparison:
    """One figure this period against the previous one (与过去比)."""

    label: str
    current: float | None
    previous: float | None
    is_money: bool = False

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class SeriesRow:
    """A criterion and its values per subject (for the radar and the strength chart)."""

    label: str
    values: list[float | None]
    weight: float | None = None


@dataclass(frozen=True)
class AccountScorecard:
    periods: list[PeriodScore]
    comparison: list[Comparison]
    radar_rows: list[SeriesRow]
    strength_subjects: list[str]
    strength_rows: list[SeriesRow]

    @property
    def latest(self) -> PeriodScore | None:
        return self.periods[0] if self.periods else None

    @property
    def previous(self) -> PeriodScore | None:
        return self.periods[1] if len(self.periods) > 1 else None


def _pair_by_period(snapshots: list[Assessment]) -> dict[str, dict[str, Assessment]]:
    pairs: dict[str, dict[str, Assessment]] = {}
    for snapshot in snapshots:
        pairs.setdefault(snapshot.period, {})[snapshot.tool_code] = snapshot
    return pairs


def _period_score(
    attractiveness: Assessment,
    strength: Assessment | None,
    thresholds: CategoryThresholds,
    competitors: dict[str, Competitor],
    currency: str,
) -> PeriodScore:
    figures = attractiveness.inputs.get("figures", {})
    strength_figures = strength.result.get("figures", {}) if strength is not None else {}
    category = ""
    exact_attractiveness = attractiveness.exact_total
    exact_strength = strength.exact_total if strength is not None else None
    if exact_strength is not None and exact_attractiveness is not None:
        category = category_for(exact_attractiveness, exact_strength, thresholds)
    return PeriodScore(
        period=attractiveness.period,
        attractiveness=attractiveness,
        strength=strength,
        category=category,
        currency=attractiveness.inputs.get("currency", currency),
        current_revenue=as_decimal(figures.get("current_revenue")),
        potential_revenue=as_decimal(figures.get("potential_revenue_3y")),
        category_spend=as_decimal(figures.get("total_category_spend_est")),
        strength_ratio=strength_figures.get("strength_ratio"),
        score_us=strength_figures.get("score_us"),
        best_competitor=competitors.get(str(strength_figures.get("best_competitor"))),
        override_reason=attractiveness.inputs.get("key_account_override", {}).get("reason", ""),
    )


def _best_competitors(strength_snapshots: Iterable[Assessment]) -> dict[str, Competitor]:
    """The best competitor of each strength snapshot, by the key the engine stored (one query)."""
    keys = {
        str(snapshot.result.get("figures", {}).get("best_competitor") or "")
        for snapshot in strength_snapshots
    }
    ids = {int(key) for key in keys if key.isdigit()}
    if not ids:
        return {}
    found = Competitor.objects.filter(pk__in=ids).only("pk", "uuid", "name")
    return {str(competitor.pk): competitor for competitor in found}


def period_scores(
    *, account: Account, settings: PortfolioSettings, snapshots: list[Assessment]
) -> list[PeriodScore]:
    """An account's scorecard per period, newest first, from its current snapshots."""
    pairs = _pair_by_period(snapshots)
    scored = {period: pair for period, pair in pairs.items() if ATTRACTIVENESS in pair}
    thresholds = period_thresholds(settings=settings, periods=scored)
    names = _best_competitors(pair[STRENGTH] for pair in scored.values() if STRENGTH in pair)
    return [
        _period_score(
            pair[ATTRACTIVENESS], pair.get(STRENGTH), thresholds[period], names, account.currency
        )
        for period, pair in sorted(scored.items(), reverse=True)
    ]


def _comparison(latest: PeriodScore, previous: PeriodScore | None) -> list[Comparison]:
    def pick(score: PeriodScore | None, name: str) -> float | None:
        value = getattr(score, name) if score is not None else None
        return None if value is None else float(value)

    rows = [
        (_("Attractiveness (0–100)"), "attractiveness_total", False),
        (_("Relative strength (0–100)"), "strength_score", False),
        (_("Strength ratio (us ÷ best competitor)"), "strength_ratio", False),
        (_("Current revenue"), "current_revenue", True),
        (_("3-year potential revenue"), "potential_revenue", True),
    ]
    return [
        Comparison(label, pick(latest, name), pick(previous, name), is_money)
        for label, name, is_money in rows
    ]


def _criterion_labels(template_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    rows = Criterion.objects.filter(template_id__in=set(template_ids)).order_by("position")
    return {(row.template_id, row.code): row.label for row in rows}


def _norms(snapshot: Assessment | None) -> dict[str, float | None]:
    if snapshot is None:
        return {}
    return {row["code"]: row["normalised"] for row in snapshot.result.get("criteria", [])}


def _strength_grid(
    strength: Assessment, labels: dict[tuple[int, str], str]
) -> tuple[list[str], list[SeriesRow]]:
    """Us and each competitor per key buying criterion (raw 1–10 means, for the bar chart)."""
    values: dict[str, dict[str, list[float]]] = {}
    for name, code, value in Response.objects.filter(
        assessment=strength, competitor__isnull=False, value__isnull=False
    ).values_list("competitor__name", "criterion_code", "value"):
        values.setdefault(name, {}).setdefault(code, []).append(float(value))  # type: ignore[arg-type]  # value__isnull=False
    subjects = [_("Us"), *sorted(values)]
    rows = []
    for criterion in strength.result.get("criteria", []):
        code = criterion["code"]
        theirs = [values[name].get(code) for name in subjects[1:]]
        rows.append(
            SeriesRow(
                labels.get((strength.template_id, code), code),
                [criterion["raw_mean"], *[statistics.fmean(v) if v else None for v in theirs]],
                weight=criterion["weight"],
            )
        )
    return subjects, rows


def account_scorecard(*, account: Account, settings: PortfolioSettings) -> AccountScorecard:
    """Everything the account's scorecard page shows, in a fixed number of queries."""
    snapshots = list(
        account.assessments.filter(tool_code__in=classification.SCORECARD_TOOLS, is_current=True)
        .select_related("template")
        .order_by("-period")
    )
    periods = period_scores(account=account, settings=settings, snapshots=snapshots)
    if not periods:
        return AccountScorecard([], [], [], [], [])
    latest, previous = periods[0], (periods[1] if len(periods) > 1 else None)
    template_ids = [latest.attractiveness.template_id]
    if latest.strength is not None:
        template_ids.append(latest.strength.template_id)
    labels = _criterion_labels(template_ids)
    now, before = (
        _norms(latest.attractiveness),
        _norms(previous.attractiveness if previous else None),
    )
    radar_rows = [
        SeriesRow(
            labels.get((latest.attractiveness.template_id, code), code),
            [now[code], before.get(code)],
        )
        for code in now
    ]
    subjects: list[str] = []
    strength_rows: list[SeriesRow] = []
    if latest.strength is not None:
        subjects, strength_rows = _strength_grid(latest.strength, labels)
    return AccountScorecard(
        periods, _comparison(latest, previous), radar_rows, subjects, strength_rows
    )


@dataclass(frozen=True)
class LatestAnswers:
    """The answers of an account's latest scorecard, to start the next one from."""

    period: str
    figures: dict[str, Decimal | None]
    attractiveness: dict[str, tuple[Decimal | None, str]]
    us: dict[str, Decimal | None]
    competitors: list[tuple[Competitor, dict[str, Decimal | None]]]


def latest_answers(*, account: Account) -> LatestAnswers | None:
    """The latest period's current scorecard answers (two queries), or None."""
    snapshots = list(
        account.assessments.filter(tool_code__in=classification.SCORECARD_TOOLS, is_current=True)
        .order_by("-period")
        .only("pk", "tool_code", "period", "inputs")[:2]
    )
    pair = _pair_by_period(snapshots)
    latest = next(
        (p for _period, p in sorted(pair.items(), reverse=True) if ATTRACTIVENESS in p), None
    )
    if latest is None:
        return None
    attractiveness, strength = latest[ATTRACTIVENESS], latest.get(STRENGTH)
    ids = [attractiveness.pk] + ([strength.pk] if strength is not None else [])
    answers = LatestAnswers(
        period=attractiveness.period,
        figures={
            name: as_decimal(value)
            for name, value in attractiveness.inputs.get("figures", {}).items()
        },
        attractiveness={},
        us={},
        competitors=[],
    )
    by_competitor: dict[int, tuple[Competitor, dict[str, Decimal | None]]] = {}
    responses = Response.objects.filter(assessment_id__in=ids).select_related("competitor")
    for response in responses.order_by("pk"):
        if response.assessment_id == attractiveness.pk:
            answers.attractiveness[response.criterion_code] = (response.value, response.evidence)
        elif response.competitor is None:
            answers.us[response.criterion_code] = response.value
        else:
            entry = by_competitor.setdefault(response.competitor.pk, (response.competitor, {}))
            entry[1][response.criterion_code] = response.value
    answers.competitors.extend(by_competitor.values())
    return answers


# --- one scorecard (explanation) ---------------------------------------------------------------


@dataclass(frozen=True)
class ScorecardDetail:
    score: PeriodScore
    explanation: Explanation
    strength_subjects: list[str]
    strength_rows: list[SeriesRow]
    strength_totals: list[float | None]

    @property
    def is_current(self) -> bool:
        return self.score.attractiveness.is_current


def scorecard_snapshot_queryset() -> QuerySet[Assessment]:
    return Assessment.objects.filter(tool_code__in=classification.SCORECARD_TOOLS).select_related(
        "account__owner", "account__group", "account__parent", "template", "created_by"
    )


def _partner(snapshot: Assessment) -> Assessment | None:
    """The other half of the scorecard the snapshot was submitted with."""
    other = STRENGTH if snapshot.tool_code == ATTRACTIVENESS else ATTRACTIVENESS
    candidates = Assessment.objects.filter(
        account_id=snapshot.account_id, tool_code=other, period=snapshot.period
    ).select_related("account", "template", "created_by")
    submission = snapshot.inputs.get("submission")
    if submission:
        return candidates.filter(inputs__submission=submission).first()
    return candidates.filter(is_current=True).first() if snapshot.is_current else None


def scorecard_detail(*, snapshot: Assessment, settings: PortfolioSettings) -> ScorecardDetail:
    """Why an account scored what it did in one scorecard: criteria, evidence, competitors."""
    partner = _partner(snapshot)
    attractiveness, strength = (
        (snapshot, partner) if snapshot.tool_code == ATTRACTIVENESS else (partner, snapshot)
    )
    if attractiveness is None:
        raise Http404(_("This scorecard has no attractiveness snapshot."))
    thresholds = period_thresholds(settings=settings, periods=[attractiveness.period])
    names = _best_competitors([strength] if strength is not None else [])
    score = _period_score(
        attractiveness,
        strength,
        thresholds[attractiveness.period],
        names,
        snapshot.account.currency,
    )
    subjects: list[str] = []
    rows: list[SeriesRow] = []
    if strength is not None:
        subjects, rows = _strength_grid(strength, _criterion_labels([strength.template_id]))
    return ScorecardDetail(
        score,
        assessment_explanation(assessment=attractiveness),
        subjects,
        rows,
        _weighted_totals(rows),
    )


def _weighted_totals(rows: list[SeriesRow]) -> list[float | None]:
    """Σ kⱼ·scoreⱼ / Σ kⱼ per subject, as the engine computed it (shown under the grid)."""
    if not rows:
        return []
    totals: list[float | None] = []
    for index in range(len(rows[0].values)):
        weighted = [(row.weight or 0.0, row.values[index]) for row in rows]
        pairs = [(weight, value) for weight, value in weighted if value is not None]
        weight_sum = sum(weight for weight, _value in pairs)
        totals.append(sum(w * v for w, v in pairs) / weight_sum if weight_sum else None)
    return totals

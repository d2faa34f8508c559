"""The review page's rows with their texts built once (the template only prints them): numbers
without trailing zeros, achievements as percentages, changes with their sign and whether they
are better or worse given the metric's direction."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.metrics.choices import MetricDirection, MetricKind, MetricUnit
from kam.plans.choices import Rating
from kam.plans.models import AccountPlan
from kam.plans.outcomes import OutcomeRow, YearEndOutcome
from kam.reviews.selectors import localize_snapshot, year_end_review

NO_DATA = "—"


def number(value: str | None) -> str:
    if value is None:
        return NO_DATA
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in {"-0", "0"} else text


def percent(value: str | None) -> str:
    if value is None:
        return NO_DATA
    return f"{(Decimal(value) * 100).quantize(Decimal('0.1'))} %"


def signed(value: str | None) -> str:
    if value is None:
        return NO_DATA
    amount = Decimal(value)
    text = number(value)
    return f"+{text}" if amount > 0 else text.replace("-", "−")


def trend(change: str | None, direction: str) -> tuple[str, str]:
    """(css class, words) of a change: better, worse or unchanged for this direction."""
    if change is None:
        return "none", _("no data yet")
    amount = Decimal(change)
    if amount == 0:
        return "same", _("unchanged")
    is_better = (amount > 0) == (direction != MetricDirection.LOWER_BETTER)
    return ("better", _("better")) if is_better else ("worse", _("worse"))


def _label(choices: type[models.TextChoices], code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


@dataclass(frozen=True)
class ObjectiveRow:
    label: str
    kind: str
    unit: str
    baseline: str
    target: str
    weight: str
    actual: str
    as_of: str
    achievement: str
    capped: str
    contribution: str


@dataclass(frozen=True)
class ChangeRow:
    label: str
    kind: str
    now: str
    now_as_of: str
    before: str
    before_as_of: str
    change: str
    trend_class: str
    trend: str


def _objective_row(item: dict[str, Any]) -> ObjectiveRow:
    return ObjectiveRow(
        label=item["label"], kind=_label(MetricKind, item["kind"]),
        unit=_label(MetricUnit, item.get("unit", "")), baseline=number(item["baseline"]),
        target=number(item["target"]), weight=number(item["weight"]),
        actual=number(item["actual"]), as_of=item.get("as_of") or "",
        achievement=percent(item["achievement"]), capped=percent(item["capped_achievement"]),
        contribution=number(item["score_contribution"]),
    )  # fmt: skip


def _change_row(item: dict[str, Any]) -> ChangeRow:
    css, words = trend(item.get("change"), item.get("direction", ""))
    return ChangeRow(
        label=item["label"], kind=_label(MetricKind, item["kind"]), now=number(item["now"]),
        now_as_of=item.get("now_as_of") or "", before=number(item["before"]),
        before_as_of=item.get("before_as_of") or "", change=signed(item.get("change")),
        trend_class=css, trend=words,
    )  # fmt: skip


def _rank(value: dict[str, Any] | None) -> str:
    if not value:
        return _("no data yet")
    return _("No. {rank} of {total} ({period})").format(
        rank=value["rank"], total=value["of"], period=value["period"]
    )


def _level(value: int | None) -> str:
    return NO_DATA if value is None else f"L{value}"


def _competitor(snapshot: dict[str, Any]) -> dict[str, Any]:
    compared = snapshot.get("vs_competitor", {})
    ratio = compared.get("strength_ratio", {})
    css, words = trend(ratio.get("change"), MetricDirection.HIGHER_BETTER)
    ranks = compared.get("sow_rank", {})
    now, before = ranks.get("now"), ranks.get("before")
    rank_css, rank_words = ("none", _("no data yet"))
    if now and before:  # a smaller rank is better
        rank_css, rank_words = trend(
            str(before["rank"] - now["rank"]), MetricDirection.HIGHER_BETTER
        )
    return {
        "ratio_now": number(ratio.get("now")), "ratio_before": number(ratio.get("before")),
        "ratio_change": signed(ratio.get("change")), "ratio_trend": words, "ratio_class": css,
        "rank_now": _rank(now), "rank_before": _rank(before), "rank_trend": rank_words,
        "rank_class": rank_css, "ahead": ", ".join(now["ahead"]) if now else "",
        "levels": [
            {**row, "ours_now": _level(row["our_level_now"]),
             "ours_before": _level(row["our_level_before"]),
             "theirs_now": _level(row["competitor_level_now"]),
             "theirs_before": _level(row["competitor_level_before"])}
            for row in compared.get("competitor_levels", [])
        ],
    }  # fmt: skip


def review_page_rows(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A localized snapshot (selectors.localize_snapshot) as the review page shows it."""
    return {
        "objectives": [_objective_row(item) for item in snapshot.get("objectives", [])],
        "past": [_change_row(item) for item in snapshot.get("vs_last_period", [])],
        "competitor": _competitor(snapshot),
        "process_score": number(snapshot.get("process_score")),
        "result_score": number(snapshot.get("result_score")),
        "score": number(snapshot.get("score")),
    }


def year_end_outcome(account: Account, plan: AccountPlan) -> YearEndOutcome | None:
    """The plan's year-end review as section 2 of next year's plan shows it (None: no such
    review); registered with kam.plans.outcomes when Django starts (one query)."""
    review = year_end_review(plan=plan)
    if review is None:
        return None
    snapshot = localize_snapshot(review.snapshot)
    rating = snapshot.get("rating")
    return YearEndOutcome(
        review_on=review.review_on.isoformat(),
        url=reverse("reviews:review", args=[account.uuid, plan.uuid, review.uuid]),
        rows=[
            OutcomeRow(
                label=item["label"], target=number(item["target"]), actual=number(item["actual"]),
                achievement=percent(item["achievement"]),
                score=number(item["score_contribution"]),
            )
            for item in snapshot.get("objectives", [])
        ],
        score=number(snapshot.get("score")),
        rating=str(Rating(rating).label) if rating in Rating.values else "",
    )  # fmt: skip

"""ECharts options of the health page, built on the server from the selectors' figures.

Names users typed (accounts, competitors, categories) travel as data, never as HTML.
"""

from typing import Any

from django.utils.translation import gettext as _

from kam.assessments.models import localized
from kam.health.choices import Diagnosis, Quadrant
from kam.health.models import WalletEstimate
from kam.health.selectors import Parameters, PeriodHealth, PortfolioPoint
from kam.lib.charts import (
    HIDE_OVERLAP,
    PALETTE,
    SPREAD_OVERLAP,
    base_option,
    corner_names,
    empty_chart,
    point_label,
)

GREY = "#98a2b3"
QUADRANT_COLOURS: dict[str, str] = {
    Quadrant.KEEP_UP: "#12b76a",
    Quadrant.CONCENTRATE_HERE: "#b42318",
    Quadrant.LOW_PRIORITY: GREY,
    Quadrant.POSSIBLE_OVERKILL: "#f79009",
}


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


def _quadrant_areas(
    x_split: float, y_split: float, x_range: tuple[float, float], y_range: tuple[float, float]
) -> list[list[dict[str, object]]]:
    """Four labelled rectangles around the split lines: (high x, high y) first, clockwise."""
    low_x, high_x = x_range
    low_y, high_y = y_range
    corners = [
        ((x_split, y_split), (high_x, high_y)),
        ((x_split, low_y), (high_x, y_split)),
        ((low_x, low_y), (x_split, y_split)),
        ((low_x, y_split), (x_split, high_y)),
    ]
    return [[{"coord": list(start)}, {"coord": list(end)}] for start, end in corners]


# `_quadrant_areas` goes clockwise from (high x, high y): the visual corner of each area.
CLOCKWISE_CORNERS = ("top-right", "bottom-right", "bottom-left", "top-left")


def _quadrant_names(
    names: list[str], x_range: tuple[float, float], y_range: tuple[float, float]
) -> dict[str, object]:
    """The quadrant names in the plot's corners, avoiding the points' labels."""
    return corner_names(
        dict(zip(CLOCKWISE_CORNERS, names, strict=True)), x_range=x_range, y_range=y_range
    )


def _marked(
    areas: list[list[dict[str, object]]], names: list[str], x_split: float, y_split: float
) -> dict[str, object]:
    for area, name in zip(areas, names, strict=True):
        area[0]["name"] = name
    return {
        "markLine": {
            "silent": True,
            "symbol": "none",
            "label": {"show": False},
            "lineStyle": {"type": "dashed", "color": GREY},
            "data": [{"xAxis": x_split}, {"yAxis": y_split}],
        },
        "markArea": {
            "silent": True,
            "itemStyle": {"color": "rgba(0,0,0,0)"},
            "label": {"show": False},  # the names are drawn by `_quadrant_names`
            "data": areas,
        },
    }


def ipa_option(attributes: list[dict[str, Any]], split: float) -> dict[str, object]:
    """Importance × performance per attribute, with the quadrant lines at the split. Every
    attribute is named; a name that would collide is hidden and shows on hover."""
    if not attributes:
        return empty_chart(
            _(
                "No survey ratings for this period. Record a survey: each respondent rates how "
                "important every attribute is and how well we perform on it."
            )
        )
    option = base_option()
    data = [
        {
            "name": localized(item["label"], str(item["code"])),
            "value": [item["importance"], item["performance"], item["gap"]],
            "itemStyle": {"color": QUADRANT_COLOURS.get(str(item["quadrant"]), GREY)},
        }
        for item in attributes
    ]
    names = [str(label) for label in (Quadrant.KEEP_UP.label, Quadrant.CONCENTRATE_HERE.label)]
    names += [str(Quadrant.LOW_PRIORITY.label), str(Quadrant.POSSIBLE_OVERKILL.label)]
    option.update(
        {
            "grid": {"left": 50, "right": 30, "top": 30, "bottom": 50},
            "xAxis": {"type": "value", "name": _("Importance"), "min": 1, "max": 5},
            "yAxis": {"type": "value", "name": _("Performance"), "min": 1, "max": 5},
            "series": [
                {
                    "type": "scatter",
                    "name": _("Attributes"),
                    "symbolSize": 14,
                    "data": data,
                    "label": point_label("right"),
                    "labelLayout": HIDE_OVERLAP,
                    "emphasis": {"label": {"show": True}},
                    **_marked(_quadrant_areas(split, split, (1, 5), (1, 5)), names, split, split),
                },
                _quadrant_names(names, (1, 5), (1, 5)),
            ],
        }
    )
    return option


def gap_option(attributes: list[dict[str, Any]]) -> dict[str, object]:
    """Gap = importance − performance per attribute, largest gap on top."""
    if not attributes:
        return empty_chart(_("The gaps appear with the first survey ratings."))
    ordered = sorted(attributes, key=lambda item: item["gap"])
    option = base_option()
    option.update(
        {
            "tooltip": {"trigger": "axis", "confine": True},
            "grid": {"left": 10, "right": 30, "top": 10, "bottom": 40, "containLabel": True},
            "xAxis": {
                "type": "value",
                "name": _("Gap"),
                "nameLocation": "middle",
                "nameGap": 25,
            },
            "yAxis": {
                "type": "category",
                "data": [localized(item["label"], str(item["code"])) for item in ordered],
            },
            "series": [
                {
                    "type": "bar",
                    "name": _("Importance − performance"),
                    "data": [
                        {
                            "value": _round(item["gap"], 2),
                            "itemStyle": {"color": PALETTE[3] if item["gap"] > 0 else PALETTE[2]},
                        }
                        for item in ordered
                    ],
                }
            ],
        }
    )
    return option


def wallet_option(estimates: list[WalletEstimate]) -> dict[str, object]:
    """Per category: our share, each competitor's and the unallocated rest (stacked to 100 %)."""
    if not estimates:
        return empty_chart(
            _(
                "No wallet estimate for this period. Estimate, per category, what the customer "
                "spends in total and how much of it comes to us; add the competitors' shares if "
                "you know them."
            )
        )
    competitors: dict[int, str] = {}
    for estimate in estimates:
        for share in estimate.competitor_shares.all():
            competitors.setdefault(share.competitor_id, share.competitor.name)
    ours = [float(estimate.our_share_percent) for estimate in estimates]
    theirs = {
        key: [
            next(
                (
                    float(s.share_percent)
                    for s in e.competitor_shares.all()
                    if s.competitor_id == key
                ),
                0.0,
            )
            for e in estimates
        ]
        for key in competitors
    }
    rest = [
        round(max(0.0, 100 - mine - sum(values[i] for values in theirs.values())), 2)
        for i, mine in enumerate(ours)
    ]
    series = [_stacked(_("Us"), ours, PALETTE[0])]
    for index, (key, name) in enumerate(competitors.items()):
        series.append(_stacked(name, theirs[key], PALETTE[(index + 1) % len(PALETTE)]))
    series.append(_stacked(_("Unallocated"), rest, "#e4e7eb"))
    option = base_option()
    option.update(
        {
            "tooltip": {"trigger": "axis", "confine": True},
            "legend": {"type": "scroll", "bottom": 0},
            "grid": {"left": 10, "right": 20, "top": 20, "bottom": 40, "containLabel": True},
            "xAxis": {"type": "category", "data": [e.category_label for e in estimates]},
            "yAxis": {"type": "value", "name": "%", "min": 0, "max": 100},
            "series": series,
        }
    )
    return option


def _stacked(name: str, values: list[float], colour: str) -> dict[str, object]:
    return {
        "type": "bar",
        "name": name,
        "stack": "wallet",
        "data": values,
        "itemStyle": {"color": colour},
    }


def trend_option(history: list[PeriodHealth]) -> dict[str, object]:
    """The figures of every period; NPS on its own −100…100 axis."""
    if len(history) < 2:
        return empty_chart(
            _(
                "The trend appears once two periods have data: repeat the health check every "
                "year (or quarter) to compare with the past."
            )
        )
    lines = [
        (_("Satisfaction index"), [p.satisfaction_index for p in history], 0),
        (_("Share of wallet %"), [p.share_of_wallet_percent for p in history], 0),
        (_("Relationship test"), [p.relationship_test_score for p in history], 0),
        (_("Health index"), [p.health_index for p in history], 0),
        (_("NPS"), [p.net_promoter.score if p.net_promoter else None for p in history], 1),
    ]
    option = base_option()
    option.update(
        {
            "tooltip": {"trigger": "axis", "confine": True},
            "legend": {"bottom": 0},
            "grid": {"left": 50, "right": 50, "top": 30, "bottom": 50},
            "xAxis": {"type": "category", "data": [p.period for p in history]},
            "yAxis": [
                {"type": "value", "min": 0, "max": 100},
                {"type": "value", "min": -100, "max": 100, "name": _("NPS")},
            ],
            "series": [
                {
                    "type": "line",
                    "name": name,
                    "yAxisIndex": axis,
                    "connectNulls": False,
                    "data": [_round(value) for value in values],
                    "itemStyle": {"color": PALETTE[index]},
                }
                for index, (name, values, axis) in enumerate(lines)
            ],
        }
    )
    return option


def diagnosis_option(
    points: list[PortfolioPoint],
    account_uuid: str,
    own: list[PeriodHealth],
    parameters: Parameters,
) -> dict[str, object]:
    """Satisfaction × share of wallet: the portfolio in grey, this account's periods in colour."""
    others = [
        {"name": p.name, "value": [_round(p.share_of_wallet_percent), _round(p.satisfaction_index)]}
        for p in points
        if p.account_uuid != account_uuid
    ]
    mine = [
        {
            "name": p.period,
            "value": [_round(p.share_of_wallet_percent), _round(p.satisfaction_index)],
        }
        for p in own
        if p.share_of_wallet_percent is not None and p.satisfaction_index is not None
    ]
    if not others and not mine:
        return empty_chart(
            _(
                "No account has both figures for this period yet: record a satisfaction survey "
                "and a wallet estimate and the accounts appear here."
            )
        )
    x_split, y_split = parameters.share_split, parameters.satisfaction_split
    names = [
        str(Diagnosis.LOYAL_CORE.label),
        str(Diagnosis.AT_RISK_CAPTIVE.label),
        str(Diagnosis.MARGINAL.label),
        str(Diagnosis.GROWTH_OPPORTUNITY.label),
    ]
    option = base_option()
    option.update(
        {
            "legend": {"bottom": 0, "data": [_("Other accounts"), _("This account")]},
            "grid": {"left": 50, "right": 30, "top": 30, "bottom": 60},
            "xAxis": {"type": "value", "name": _("Share of wallet %"), "min": 0, "max": 100},
            "yAxis": {"type": "value", "name": _("Satisfaction index"), "min": 0, "max": 100},
            "series": [
                {
                    "type": "scatter",
                    "name": _("Other accounts"),
                    "symbolSize": 9,
                    "itemStyle": {"color": GREY, "opacity": 0.7},
                    "data": others,
                    **_marked(
                        _quadrant_areas(x_split, y_split, (0, 100), (0, 100)),
                        names,
                        x_split,
                        y_split,
                    ),
                },
                {
                    "type": "line",
                    "name": _("This account"),
                    "symbolSize": 14,
                    "itemStyle": {"color": PALETTE[0]},
                    "label": point_label("top", color=PALETTE[0], fontWeight="bold"),
                    "labelLayout": SPREAD_OVERLAP,
                    "emphasis": {"label": {"show": True}},
                    "data": mine,
                },
                _quadrant_names(names, (0, 100), (0, 100)),
            ],
        }
    )
    return option

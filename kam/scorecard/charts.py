"""ECharts options of the scorecard (T1.4), built on the server from selector data.

Names users typed (accounts, competitors, category labels) go in as data, never as HTML
formatters, so ECharts escapes them.
"""

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kam.lib.charts import (
    CATEGORY_COLOURS,
    HIDE_OVERLAP,
    PALETTE,
    base_option,
    corner_names,
    empty_chart,
    point_label,
)
from kam.scorecard.choices import CATEGORY_ORDER, BubbleSize
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.scorecard.selectors import MatrixPoint, PortfolioMatrix, SeriesRow

LARGEST_BUBBLE = 56.0
SMALLEST_BUBBLE = 6.0
TRAIL_COLOUR = "#616e7c"
# Above this many accounts the trails would hide the bubbles: they start switched off.
TRAILS_SHOWN_UP_TO = 300
# The largest bubbles carry their account's name; every bubble names itself on hover.
NAMED_BUBBLES = 12
# ECharts hides a label that overlaps one of higher priority (its host symbol's area); it does
# not see symbols. Every bubble therefore also casts an invisible, blank label of its own size,
# hosted by an invisible symbol larger than any bubble (so it outranks every name) and smaller
# than a quadrant name's host (CORNER_HOST 180 × 28): a name that would cover another bubble gives
# way and comes back on hover. Larger bubbles cast higher-ranked shadows.
SHADOW_HOST = (LARGEST_BUBBLE + 1, 70.0)
# Which visual corner of the matrix each category's quadrant takes (strength high to the right).
CATEGORY_CORNERS = {
    "star": "top-left",
    "strategic": "top-right",
    "streamline": "bottom-left",
    "status": "bottom-right",
}


def _round(value: float | Decimal | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def _whole(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _bubble_sizes(points: list[MatrixPoint], size: str) -> list[float]:
    """Diameter ∝ √value, so that the bubble's area is proportional to the revenue."""
    values = [
        float((p.potential if size == BubbleSize.POTENTIAL_REVENUE else p.revenue) or 0)
        for p in points
    ]
    largest = max(values, default=0.0)
    if largest <= 0:
        return [SMALLEST_BUBBLE * 2] * len(points)
    return [
        round(max(SMALLEST_BUBBLE, LARGEST_BUBBLE * math.sqrt(value / largest)), 1)
        for value in values
    ]


def _quadrants(matrix: PortfolioMatrix, policies: dict[str, CategoryPolicy]) -> dict:
    """The quadrant lines at the thresholds and a faint area per category, labelled."""
    a, s = _round(matrix.thresholds.attractiveness), _round(matrix.thresholds.strength)
    corners = {
        "strategic": ((s, 100), (a, 100)),
        "star": ((0, s), (a, 100)),
        "status": ((s, 100), (0, a)),
        "streamline": ((0, s), (0, a)),
    }
    areas = [
        [
            {
                "name": policies[code].label if code in policies else code,
                "xAxis": x[0],
                "yAxis": y[0],
                "itemStyle": {"color": CATEGORY_COLOURS[code], "opacity": 0.06},
            },
            {"xAxis": x[1], "yAxis": y[1]},
        ]
        for code, (x, y) in corners.items()
    ]
    return {
        "name": _("Thresholds"),
        "type": "scatter",
        "data": [],
        "silent": True,
        "markLine": {
            "silent": True,
            "symbol": "none",
            "lineStyle": {"type": "dashed", "color": TRAIL_COLOUR},
            "label": {"show": False},
            "data": [{"xAxis": s}, {"yAxis": a}],
        },
        # The names are drawn by `corner_names`, whose labels avoid the bubbles' names.
        "markArea": {"silent": True, "label": {"show": False}, "data": areas},
    }


def _named_accounts(points: list[MatrixPoint], sizes: dict[int, float]) -> set[int]:
    """The NAMED_BUBBLES largest bubbles (ties: by name)."""
    ranked = sorted(points, key=lambda point: (-sizes[point.account_id], point.name))
    return {point.account_id for point in ranked[:NAMED_BUBBLES]}


def _shadow_series(label: str, points: list[MatrixPoint], sizes: dict[int, float]) -> dict:
    """The bubbles' stand-ins in the label layout (see SHADOW_HOST); named like their category,
    so that the legend switches them with it."""
    smallest, largest = SHADOW_HOST
    return {
        "name": label,
        "type": "scatter",
        "silent": True,
        "tooltip": {"show": False},
        "emphasis": {"disabled": True},
        "itemStyle": {"opacity": 0},
        "label": {"show": True, "position": "inside", "formatter": " ", "fontSize": 1},
        "labelLayout": HIDE_OVERLAP,
        "data": [
            {
                "value": [_round(point.strength), _round(point.attractiveness)],
                "symbolSize": round(
                    smallest + (largest - smallest) * sizes[point.account_id] / LARGEST_BUBBLE, 1
                ),
                "label": {
                    "width": sizes[point.account_id],
                    "height": sizes[point.account_id],
                    "lineHeight": sizes[point.account_id],
                },
            }
            for point in points
        ],
    }


def _category_series(
    code: str,
    label: str,
    points: list[MatrixPoint],
    sizes: dict[int, float],
    named: set[int],
) -> dict:
    return {
        "name": label,
        "type": "scatter",
        "dimensions": [_("Relative strength"), _("Attractiveness"), _("Revenue")],
        "encode": {"x": 0, "y": 1, "tooltip": [1, 0, 2]},
        "itemStyle": {"color": CATEGORY_COLOURS[code], "opacity": 0.75},
        "emphasis": {"focus": "self", "label": {"show": True}},
        "label": point_label("top", show=False),
        "labelLayout": HIDE_OVERLAP,
        # Positions hold the exact scores (categories are decided on them): round for display.
        "data": [
            {
                "name": point.name,
                "value": [
                    _round(point.strength),
                    _round(point.attractiveness),
                    _whole(point.revenue),
                ],
                "symbolSize": sizes[point.account_id],
                **({"label": {"show": True}} if point.account_id in named else {}),
            }
            for point in points
        ],
    }


def _trail_series(matrix: PortfolioMatrix) -> dict:
    name = _("Position in {period}").format(period=matrix.previous_period)
    return {
        "name": name,
        "type": "lines",
        "coordinateSystem": "cartesian2d",
        "silent": True,
        "symbol": ["none", "arrow"],
        "symbolSize": [0, 10],
        "lineStyle": {"color": TRAIL_COLOUR, "width": 1.2, "opacity": 0.7},
        "data": [
            {
                "coords": [
                    [_round(value) for value in point.previous],
                    [_round(point.strength), _round(point.attractiveness)],
                ]
            }
            for point in matrix.points
            if point.previous is not None
        ],
    }


def _corner_names(labels: Mapping[Any, str], is_strength_high_left: bool) -> dict:
    mirrored = {"left": "right", "right": "left"}
    corners = {}
    for code, corner in CATEGORY_CORNERS.items():
        vertical, horizontal = corner.split("-")
        if is_strength_high_left:
            horizontal = mirrored[horizontal]
        corners[f"{vertical}-{horizontal}"] = str(labels[code])
    return corner_names(
        corners, x_range=(0, 100), y_range=(0, 100), x_inverse=is_strength_high_left
    )


def matrix_option(
    matrix: PortfolioMatrix,
    policies: dict[str, CategoryPolicy],
    *,
    size: str = BubbleSize.CURRENT_REVENUE,
    is_strength_high_left: bool = False,
) -> dict[str, object]:
    """The 2×2 bubble matrix: y attractiveness, x strength, area revenue, colour category.

    The NAMED_BUBBLES largest bubbles carry their names (a name that would collide with another
    is hidden), every bubble names itself on hover; trails are arrows from the previous period."""
    if not matrix.points:
        return empty_chart(
            _(
                "No scorecard to show: score an account for this period (or widen the filters) "
                "and the matrix appears here."
            )
        )
    bubble_sizes = dict(
        zip(
            [p.account_id for p in matrix.points],
            _bubble_sizes(matrix.points, size),
            strict=True,
        )
    )
    named = _named_accounts(matrix.points, bubble_sizes)
    labels = {code: policies[code].label if code in policies else code for code in CATEGORY_ORDER}
    series = [_quadrants(matrix, policies), _corner_names(labels, is_strength_high_left)]
    for code in CATEGORY_ORDER:
        members = [point for point in matrix.points if point.category == code]
        series.append(_category_series(code, labels[code], members, bubble_sizes, named))
        series.append(_shadow_series(labels[code], members, bubble_sizes))
    legend_names: list[object] = list(labels.values())
    legend: dict[str, object] = {"top": 0, "data": legend_names}
    if matrix.previous_period:
        trail = _trail_series(matrix)
        series.insert(2, trail)  # under the bubbles and their names, over the quadrants
        legend_names.append(trail["name"])
        if len(matrix.points) > TRAILS_SHOWN_UP_TO:
            legend["selected"] = {trail["name"]: False}  # one click in the legend shows them
    option = base_option()
    option.update(
        {
            "legend": legend,
            "grid": {"left": 60, "right": 30, "top": 48, "bottom": 50},
            "xAxis": {
                "type": "value",
                "name": _("Relative strength (0–100)"),
                "nameLocation": "middle",
                "nameGap": 30,
                "min": 0,
                "max": 100,
                "inverse": is_strength_high_left,
            },
            "yAxis": {
                "type": "value",
                "name": _("Attractiveness (0–100)"),
                "nameLocation": "middle",
                "nameGap": 40,
                "min": 0,
                "max": 100,
            },
            "series": series,
        }
    )
    return option


def key_account_gauge_option(count: int, settings: PortfolioSettings) -> dict[str, object]:
    """Key-account count against the target band, the warning and the hard limit (15/35/50)."""
    # A round maximum split in four keeps every tick label a whole number (60 → 15, 30, 45).
    top = math.ceil(max(settings.key_account_hard_limit + 10, count) / 20) * 20
    option = base_option()
    option["series"] = [
        {
            "type": "gauge",
            "min": 0,
            "max": top,
            "splitNumber": 4,
            "radius": "95%",
            "axisLine": {
                "lineStyle": {
                    "width": 14,
                    "color": [
                        [settings.key_account_target_minimum / top, "#98a2b3"],
                        [settings.key_account_warn_count / top, "#12b76a"],
                        [settings.key_account_hard_limit / top, "#f79009"],
                        [1, "#b42318"],
                    ],
                }
            },
            "pointer": {"width": 4},
            "detail": {"fontSize": 26, "offsetCenter": [0, "60%"]},
            "title": {"offsetCenter": [0, "88%"]},
            "data": [{"value": count, "name": _("Key accounts")}],
        }
    ]
    return option


def radar_option(rows: list[SeriesRow], periods: list[str]) -> dict[str, object]:
    """The 8 value dimensions, this period against the previous one (0–100)."""
    if not periods or not any(value is not None for row in rows for value in row.values):
        return empty_chart(
            _(
                "No value dimension scored yet: score the account's attractiveness and the radar "
                "appears here."
            )
        )
    option = base_option()
    option["legend"] = {"bottom": 0, "data": periods}
    option["radar"] = {
        "indicator": [{"name": row.label, "max": 100, "min": 0} for row in rows],
        "radius": "62%",
        "axisName": {"color": "#1f2933", "fontSize": 11},
    }
    option["series"] = [
        {
            "type": "radar",
            "data": [
                {
                    "name": period,
                    "value": [_round(row.values[index], 1) for row in rows],
                    "itemStyle": {"color": PALETTE[index % len(PALETTE)]},
                    "areaStyle": {"opacity": 0.15 if index == 0 else 0.05},
                }
                for index, period in enumerate(periods)
            ],
        }
    ]
    return option


def strength_option(subjects: list[str], rows: list[SeriesRow]) -> dict[str, object]:
    """Us against each competitor on every key buying criterion (1–10)."""
    if not subjects or not any(value is not None for row in rows for value in row.values):
        return empty_chart(
            _(
                "No key buying criterion rated yet: rate us and the competitors on each criterion "
                "and the bars appear here."
            )
        )
    option = base_option()
    option["tooltip"] = {"trigger": "axis", "confine": True}
    option["legend"] = {"top": 0, "data": subjects}
    option["grid"] = {"left": 40, "right": 20, "top": 40, "bottom": 60}
    option["xAxis"] = {
        "type": "category",
        "data": [row.label for row in rows],
        "axisLabel": {"interval": 0, "width": 90, "overflow": "break"},
    }
    option["yAxis"] = {"type": "value", "min": 0, "max": 10}
    option["series"] = [
        {
            "name": subject,
            "type": "bar",
            "itemStyle": {"color": PALETTE[index % len(PALETTE)]},
            "data": [_round(row.values[index], 1) for row in rows],
        }
        for index, subject in enumerate(subjects)
    ]
    return option

"""ECharts option of the importance × fit 2×2 (T11.4), built from selector data.

Need titles go in as data item names (never as HTML formatter strings), so ECharts escapes them.
"""

from django.utils.translation import gettext as _

from kam.lib.charts import base_option, empty_chart
from kam.needs.selectors import MatrixPoint

MIDPOINT = 3
QUADRANT_COLOUR = "#475467"
GAP_COLOUR = "#b42318"
POINT_COLOUR = "#0b5cad"
MAX_TITLES = 5


def _quadrants() -> dict[str, object]:
    """The midpoint lines and the four labelled quadrants (x our fit, y importance)."""
    corners = [
        (_("Act first"), (0, MIDPOINT), (MIDPOINT, 6), GAP_COLOUR),
        (_("Defend"), (MIDPOINT, 6), (MIDPOINT, 6), "#12b76a"),
        (_("Watch"), (0, MIDPOINT), (0, MIDPOINT), "#98a2b3"),
        (_("Keep"), (MIDPOINT, 6), (0, MIDPOINT), "#98a2b3"),
    ]
    areas = [
        [
            {"name": name, "xAxis": x[0], "yAxis": y[1],
             "itemStyle": {"color": colour, "opacity": 0.06}},
            {"xAxis": x[1], "yAxis": y[0]},
        ]
        for name, x, y, colour in corners
    ]  # fmt: skip
    return {
        "name": _("Quadrants"),
        "type": "scatter",
        "data": [],
        "silent": True,
        "markLine": {
            "silent": True,
            "symbol": "none",
            "label": {"show": False},
            "lineStyle": {"type": "dashed", "color": QUADRANT_COLOUR},
            "data": [{"xAxis": MIDPOINT}, {"yAxis": MIDPOINT}],
        },
        "markArea": {
            "silent": True,
            "label": {"position": "insideTop", "color": QUADRANT_COLOUR, "fontSize": 12},
            "data": areas,
        },
    }


def _name(titles: list[str]) -> str:
    shown = "、".join(titles[:MAX_TITLES])
    if len(titles) > MAX_TITLES:
        return _("{titles} and {count} more").format(titles=shown, count=len(titles) - MAX_TITLES)
    return shown


def need_matrix_option(points: list[MatrixPoint]) -> dict[str, object]:
    """Open needs as dots: x our fit, y importance (1–5); a dot's size grows with the number of
    needs that share its scores; the tooltip names them."""
    if not points:
        return empty_chart(
            _("No open needs yet: record what the customer needs and score it; it appears here.")
        )
    option = base_option()
    series: list[dict[str, object]] = [_quadrants()]
    series.append(
        {
            "name": _("Open needs"),
            "type": "scatter",
            "dimensions": [_("Our fit"), _("Importance"), _("Needs")],
            "encode": {"x": 0, "y": 1, "tooltip": [0, 1, 2]},
            "itemStyle": {"color": POINT_COLOUR, "opacity": 0.85},
            "data": [
                {
                    "name": _name(point.titles),
                    "value": [point.our_fit, point.importance, len(point.titles)],
                    "symbolSize": 10 + 4 * min(len(point.titles), 6),
                }
                for point in points
            ],
        }
    )
    axis: dict[str, object] = {
        "type": "value",
        # 0 and 6 leave room around the 1–5 scores; their labels are hidden
        "min": 0,
        "max": 6,
        "interval": 1,
        "nameLocation": "middle",
    }
    axis_labels = {"formatter": "{value}", "showMinLabel": False, "showMaxLabel": False}
    axis["axisLabel"] = axis_labels
    option["xAxis"] = {**axis, "name": _("Our fit (1–5)"), "nameGap": 28}
    option["yAxis"] = {**axis, "name": _("Importance (1–5)"), "nameGap": 30}
    option["tooltip"] = {"trigger": "item", "confine": True}
    option["grid"] = {"left": 50, "right": 20, "top": 20, "bottom": 50}
    option["series"] = series
    return option

"""ECharts option of the account's social-style 2×2 (T9.4), built from selector data.

Contact names go in as data items (never as HTML formatter strings), so ECharts escapes them.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from kam.assessments.models import AssessmentTemplate
from kam.cards.selectors import StylePoint, style_label
from kam.cards.style import template_midpoint
from kam.lib.charts import base_option, empty_chart
from kam.people.choices import Support

SUPPORT_COLOURS: dict[int | None, str] = {
    Support.ENEMY: "#b42318",
    Support.NON_SUPPORTER: "#f79009",
    Support.NEUTRAL: "#98a2b3",
    Support.SUPPORTER: "#32d583",
    Support.MENTOR: "#039855",
}
UNKNOWN_SUPPORT_COLOUR = "#667085"
QUADRANT_COLOUR = "#475467"


def _quadrants(template: AssessmentTemplate) -> dict[str, object]:
    """Midpoint lines and the four labelled quadrants (x assertiveness, y responsiveness)."""
    mid = float(template_midpoint(template))
    corners = {
        "driver": ((mid, 4), (1, mid)),
        "expressive": ((mid, 4), (mid, 4)),
        "amiable": ((1, mid), (mid, 4)),
        "analytical": ((1, mid), (1, mid)),
    }
    areas = [
        [
            {"name": style_label(template, code), "xAxis": x[0], "yAxis": y[0],
             "itemStyle": {"color": "#e0eaff", "opacity": 0.25}},
            {"xAxis": x[1], "yAxis": y[1]},
        ]
        for code, (x, y) in corners.items()
    ]  # fmt: skip
    return {
        "name": _("Quadrants"),
        "type": "scatter",
        "data": [],
        "silent": True,
        "markLine": {
            "silent": True,
            "symbol": "none",
            "lineStyle": {"type": "dashed", "color": QUADRANT_COLOUR},
            "data": [{"xAxis": mid}, {"yAxis": mid}],
        },
        "markArea": {
            "silent": True,
            "label": {"position": "insideTop", "color": QUADRANT_COLOUR, "fontSize": 13},
            "data": areas,
        },
    }


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def style_matrix_option(
    points: list[StylePoint], template: AssessmentTemplate
) -> dict[str, object]:
    """Key persons as dots: x assertiveness, y responsiveness (1–4), colour by support. Names
    show in the tooltip (the dots carry no labels, so none can collide)."""
    by_support: dict[object, list[StylePoint]] = {}
    for point in points:
        if point.assertiveness is not None and point.responsiveness is not None:
            by_support.setdefault(point.contact.support, []).append(point)
    if not by_support:
        return empty_chart(
            _(
                "No social style recorded yet: open a key person's card and fill in the "
                "questionnaire; the key persons appear here."
            )
        )
    option = base_option()
    series: list[dict[str, object]] = [_quadrants(template)]
    for support in [*Support.values, None]:
        members = by_support.get(support, [])
        if not members:
            continue
        series.append(
            {
                "name": Support(support).label if support is not None else _("Support unknown"),
                "type": "scatter",
                "symbolSize": 14,
                "dimensions": [_("Assertiveness"), _("Responsiveness"), _("Confidence")],
                "encode": {"x": 0, "y": 1, "tooltip": [0, 1, 2]},
                "itemStyle": {"color": SUPPORT_COLOURS.get(support, UNKNOWN_SUPPORT_COLOUR)},
                "data": [
                    {
                        "name": point.contact.name,
                        "value": [
                            _number(point.assertiveness),
                            _number(point.responsiveness),
                            _number(point.confidence),
                        ],
                    }
                    for point in members
                ],
            }
        )
    axis = {"type": "value", "min": 1, "max": 4, "interval": 0.5, "nameLocation": "middle"}
    option["xAxis"] = {**axis, "name": _("Assertiveness: ask → tell"), "nameGap": 28}
    option["yAxis"] = {**axis, "name": _("Responsiveness: controlled → emotive"), "nameGap": 36}
    option["legend"] = {"bottom": 0, "data": [item["name"] for item in series[1:]]}
    option["grid"] = {"left": 60, "right": 20, "top": 20, "bottom": 70}
    option["series"] = series
    return option

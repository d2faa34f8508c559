"""Chart options of the key-business-activity calendar (ECharts, built on the server)."""

from typing import TYPE_CHECKING

from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from kam.engagement.models import EngagementSettings
from kam.engagement.rules import AMBER, GREEN, RED
from kam.lib.charts import base_option, empty_chart

if TYPE_CHECKING:
    from kam.engagement.calendar.selectors import HeatCell, YearMap

NOT_DUE = -1  # heat-map value of a month that has not started yet
# The heat map colours each cell by its traffic light (decided in Python on the exact value):
# the light's code is the data's fourth dimension, and the legend has one piece per code.
LIGHT_CODES = {None: NOT_DUE, RED: 0, AMBER: 1, GREEN: 2}
LIGHT_COLOURS = {None: "#eaecf0", RED: "#f97066", AMBER: "#fdb022", GREEN: "#32d583"}


def month_label(month: int) -> str:
    return str(MONTHS_3[month]).capitalize()


def _cell_value(cell: "HeatCell") -> tuple[float, str | None]:
    """The cell's compliance (or NOT_DUE) and its light; done without a plan counts as kept."""
    if cell.compliance is None and not cell.planned:
        return 100, GREEN
    if cell.compliance is None:
        return NOT_DUE, None
    return cell.compliance, cell.light


def year_map_legend(settings: EngagementSettings) -> list[dict[str, object]]:
    """The legend pieces: one per traffic light, labelled with the saved thresholds."""
    green, red = settings.compliance_target, settings.compliance_red_below
    labels = {
        None: _("not due yet"),
        RED: _("< {red} %").format(red=red),
        AMBER: _("{red}–{green} %").format(red=red, green=green),
        GREEN: _("≥ {green} %").format(green=green),
    }
    return [
        {"value": code, "label": labels[light], "color": LIGHT_COLOURS[light]}
        for light, code in LIGHT_CODES.items()
    ]


def _heat_data(year_map: "YearMap") -> list[dict[str, object]]:
    data: list[dict[str, object]] = []
    for y, (_mechanism, row) in enumerate(year_map.rows):
        for cell in row:
            if not cell.planned and not cell.done:
                continue
            value, light = _cell_value(cell)
            data.append(
                {
                    "value": [cell.month - 1, y, value, LIGHT_CODES[light]],
                    "label": {"show": True, "formatter": f"{cell.done}/{cell.planned}"},
                }
            )
    return data


def year_map_option(year_map: "YearMap") -> dict[str, object]:
    """ECharts heat map: x = months, y = mechanisms, colour = the compliance's traffic light under
    the saved thresholds, label = done/planned."""
    if not year_map.planned_total and not year_map.done_total:
        return empty_chart(
            _(
                "Nothing planned or done this year: plan entries in the calendar and the months "
                "fill here."
            )
        )
    option = base_option()
    option.update(
        {
            "tooltip": {"show": False},
            "grid": {"left": 200, "right": 20, "top": 10, "bottom": 70},
            "xAxis": {
                "type": "category",
                "data": [month_label(month) for month in range(1, 13)],
                "splitArea": {"show": True},
            },
            "yAxis": {
                "type": "category",
                "data": [mechanism.name for mechanism in year_map.mechanisms],
                "inverse": True,
            },
            "visualMap": {
                "type": "piecewise",
                "orient": "horizontal",
                "left": "center",
                "bottom": 0,
                "dimension": 3,
                "pieces": year_map_legend(year_map.settings),
            },
            "series": [{"type": "heatmap", "data": _heat_data(year_map), "label": {"show": True}}],
        }
    )
    return option

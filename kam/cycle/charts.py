"""The management cycle wheel (T13.4), an ECharts option built on the server: six equal
segments clockwise from the top, coloured by status, the current phase pulled out, the year
and the category in the centre."""

from django.utils.translation import gettext as _

from kam.cycle.selectors import PhaseState
from kam.lib.charts import base_option

STATUS_COLOURS = {"done": "#0b7a3e", "in_progress": "#0b5cad", "not_started": "#eaecf0"}
STATUS_TEXT_COLOURS = {"done": "#ffffff", "in_progress": "#ffffff", "not_started": "#475467"}


def cycle_wheel_option(phases: list[PhaseState], current: str | None, centre: str) -> dict:
    option = base_option()
    option["tooltip"] = {"trigger": "item", "confine": True, "formatter": "{b}"}
    option["title"] = {
        "text": centre,
        "left": "center",
        "top": "middle",
        "textStyle": {"fontSize": 15, "fontWeight": "bold", "color": "#1d2939", "lineHeight": 22},
    }
    option["series"] = [
        {
            "type": "pie",
            "name": _("Management cycle"),
            "radius": ["42%", "80%"],
            "startAngle": 90,
            "clockwise": True,
            "selectedMode": "single",
            "selectedOffset": 8,
            "avoidLabelOverlap": False,
            "label": {"show": True, "position": "inside", "formatter": "{b}", "fontSize": 12},
            "emphasis": {"scale": False},
            "data": [
                {
                    "name": state.label,
                    "value": 1,
                    "selected": state.phase == current,
                    "itemStyle": {
                        "color": STATUS_COLOURS[state.status],
                        "borderColor": "#ffffff",
                        "borderWidth": 2,
                    },
                    "label": {
                        "color": STATUS_TEXT_COLOURS[state.status],
                        "fontWeight": "bold" if state.phase == current else "normal",
                    },
                    "tooltip": {"formatter": f"{{b}}: {state.status_label}"},
                }
                for state in phases
            ],
        }
    ]
    return option

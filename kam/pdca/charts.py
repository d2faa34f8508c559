"""The PDCA wheel (T10.4), an ECharts option built on the server: a donut of the four phases in
order, the current one coloured and pulled out, the phases done in a paler tone."""

from django.utils.translation import gettext as _

from kam.lib.charts import base_option
from kam.pdca.selectors import WheelStep

STATE_COLOURS = {"done": "#a6d4fa", "current": "#0b5cad", "to_come": "#eaecf0"}
STATE_TEXT_COLOURS = {"done": "#1d2939", "current": "#ffffff", "to_come": "#475467"}


def state_label(state: str) -> str:
    """The words of a step's state (the wheel never speaks by colour alone)."""
    labels = {"done": _("done"), "current": _("current phase"), "to_come": _("to come")}
    return str(labels[state])


def pdca_wheel_option(steps: list[WheelStep], centre: str) -> dict[str, object]:
    """The wheel: four equal segments clockwise from the top (Plan, Do, Check, Act); `centre` is
    the text in the middle (the current phase, or "closed")."""
    option = base_option()
    option["tooltip"] = {"trigger": "item", "confine": True, "formatter": "{b}"}
    option["title"] = {
        "text": centre,
        "left": "center",
        "top": "middle",
        "textStyle": {"fontSize": 16, "fontWeight": "bold", "color": "#1d2939"},
    }
    option["series"] = [
        {
            "type": "pie",
            "name": _("PDCA wheel"),
            "radius": ["45%", "78%"],
            "startAngle": 90,
            "clockwise": True,
            "selectedMode": "single",
            "selectedOffset": 8,
            "avoidLabelOverlap": False,
            "label": {"show": True, "position": "inside", "formatter": "{b}", "fontSize": 13},
            "emphasis": {"scale": False},
            "data": [
                {
                    "name": step.label,
                    "value": 1,
                    "selected": step.state == "current",
                    "itemStyle": {
                        "color": STATE_COLOURS[step.state],
                        "borderColor": "#ffffff",
                        "borderWidth": 2,
                    },
                    "label": {
                        "color": STATE_TEXT_COLOURS[step.state],
                        "fontWeight": "bold" if step.state == "current" else "normal",
                    },
                    "tooltip": {"formatter": f"{{b}}: {state_label(step.state)}"},
                }
                for step in steps
            ],
        }
    ]
    return option

"""Chart options of the engagement figures (ECharts, built on the server)."""

from django.utils.translation import gettext as _

from kam.engagement.figures.selectors import MechanismFigures
from kam.engagement.models import EngagementSettings
from kam.engagement.rules import AMBER, GREEN, NO_DATA, RED
from kam.engagement.settings.selectors import engagement_settings
from kam.lib.charts import base_option, empty_chart


def mechanism_compliance_option(
    mechanisms: list[MechanismFigures], settings: EngagementSettings | None = None
) -> dict[str, object]:
    """Compliance to date per mechanism as horizontal bars coloured by traffic light, with the
    target and the red line marked."""
    if not mechanisms:
        return empty_chart(
            _("No communication mechanisms are set up: add them in the engagement settings.")
        )
    settings = settings if settings is not None else engagement_settings()
    colours = {GREEN: "#12b76a", AMBER: "#f79009", RED: "#b42318", NO_DATA: "#98a2b3"}
    option = base_option()
    option.update(
        {
            "grid": {"left": 200, "right": 40, "top": 20, "bottom": 30},
            "xAxis": {"type": "value", "min": 0, "max": 100, "name": "%"},
            "yAxis": {
                "type": "category",
                "inverse": True,
                "data": [item.mechanism.name for item in mechanisms],
            },
            "series": [
                {
                    "type": "bar",
                    "data": [
                        {
                            "value": item.compliance.percent or 0,
                            "itemStyle": {"color": colours[item.compliance.light]},
                        }
                        for item in mechanisms
                    ],
                    "markLine": {
                        "silent": True,
                        "symbol": "none",
                        "data": [
                            {"xAxis": settings.compliance_target},
                            {"xAxis": settings.compliance_red_below},
                        ],
                    },
                }
            ],
        }
    )
    return option

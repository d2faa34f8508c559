"""Chart options of strategic matching (ECharts, built on the server)."""

from django.utils.translation import gettext as _

from kam.engagement.choices import MatchingStage
from kam.engagement.matching.selectors import QuarterValue
from kam.lib.charts import PALETTE, base_option, empty_chart


def matching_funnel_option(counts: dict[str, int]) -> dict[str, object]:
    """The funnel: how many items reached each stage (an item at "delivered" has also passed
    every earlier stage), identified at the top, value proven at the bottom."""
    if not any(counts.values()):
        return empty_chart(
            _("No matching items yet: record a customer problem you could help with.")
        )
    option = base_option()
    stages = list(MatchingStage.values)
    data = [
        {
            "name": str(MatchingStage(code).label),
            "value": sum(counts.get(later, 0) for later in stages[index:]),
        }
        for index, code in enumerate(stages)
    ]
    option.update(
        {
            "color": PALETTE,
            "series": [
                {
                    "type": "funnel",
                    "sort": "none",
                    "minSize": "15%",
                    "left": "10%",
                    "width": "80%",
                    "label": {"show": True, "position": "inside"},
                    "data": data,
                }
            ],
        }
    )
    return option


def matching_value_option(values: list[QuarterValue]) -> dict[str, object]:
    """Proven value amounts per quarter, one bar series per currency."""
    if not values:
        return empty_chart(_("No value proven with an amount yet."))
    quarters = sorted({(value.year, value.quarter) for value in values})
    labels = [f"{year}-Q{quarter}" for year, quarter in quarters]
    currencies = sorted({value.currency for value in values})
    amounts = {(value.year, value.quarter, value.currency): value.amount for value in values}
    option = base_option()
    option.update(
        {
            "color": PALETTE,
            "tooltip": {"trigger": "axis", "confine": True},
            "legend": {"data": currencies, "bottom": 0},
            "grid": {"left": 70, "right": 20, "top": 20, "bottom": 50},
            "xAxis": {"type": "category", "data": labels},
            "yAxis": {"type": "value", "name": _("Value proven")},
            "series": [
                {
                    "name": currency,
                    "type": "bar",
                    "data": [
                        float(amounts.get((year, quarter, currency), 0))
                        for year, quarter in quarters
                    ],
                }
                for currency in currencies
            ],
        }
    )
    return option

"""ECharts options of the ladder page, built on the server from the selectors' states.

Names users typed (competitors) travel as data, never as HTML.
"""

from django.utils.translation import gettext as _

from kam.ladder.selectors import LadderState
from kam.lib.charts import PALETTE, base_option, empty_chart

GREY = "#98a2b3"


def ladder_option(
    state: LadderState | None, rungs: int, competitor_name: str = ""
) -> dict[str, object]:
    """The person's ladder: the current level, the target and the competitor's level as bars."""
    if state is None:
        return empty_chart(
            _("Not assessed yet: assess this person's ladder and the levels appear here.")
        )
    option = base_option()
    names = [_("Now"), _("Target"), competitor_name or _("Competitor")]
    levels = [
        state.current_level,
        state.target_level,
        state.competitor_level,
    ]
    colours = [PALETTE[0], PALETTE[2], PALETTE[3]]
    option.update(
        {
            "grid": {"left": 50, "right": 20, "top": 20, "bottom": 40},
            "xAxis": {"type": "category", "data": names},
            "yAxis": {
                "type": "value",
                "min": 0,
                "max": rungs,
                "interval": 1,
                "axisLabel": {"formatter": "L{value}"},
            },
            "series": [
                {
                    "type": "bar",
                    "name": _("Level"),
                    "barMaxWidth": 60,
                    "label": {"show": True, "position": "top", "formatter": "L{c}"},
                    "data": [
                        {"value": level, "itemStyle": {"color": colour}}
                        for level, colour in zip(levels, colours, strict=True)
                    ],
                }
            ],
        }
    )
    return option


def history_option(history: list[LadderState], rungs: int) -> dict[str, object]:
    """Level, target and competitor level over periods (left axis); level index (right axis)."""
    if not history:
        return empty_chart(
            _("No history yet: the levels of every period appear here once the ladder is assessed.")
        )
    option = base_option()
    periods = [state.period for state in history]
    option.update(
        {
            "tooltip": {"trigger": "axis", "confine": True},
            "legend": {"bottom": 0},
            "grid": {"left": 50, "right": 50, "top": 20, "bottom": 60},
            "xAxis": {"type": "category", "data": periods},
            "yAxis": [
                {
                    "type": "value",
                    "name": _("Level"),
                    "min": 0,
                    "max": rungs,
                    "interval": 1,
                    "axisLabel": {"formatter": "L{value}"},
                },
                {"type": "value", "name": _("Level index"), "min": 0, "max": 100},
            ],
            "series": [
                _line(_("Level"), [s.current_level for s in history], PALETTE[0], step=True),
                _line(_("Target"), [s.target_level for s in history], PALETTE[2], dashed=True),
                _line(
                    _("Competitor"), [s.competitor_level for s in history], PALETTE[3], dashed=True
                ),
                {
                    **_line(
                        _("Level index"),
                        [_round(s.level_index) for s in history],
                        GREY,
                    ),
                    "yAxisIndex": 1,
                },
            ],
        }
    )
    return option


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _line(
    name: str, data: list[object], colour: str, *, step: bool = False, dashed: bool = False
) -> dict[str, object]:
    series: dict[str, object] = {
        "type": "line",
        "name": name,
        "data": data,
        "connectNulls": False,
        "itemStyle": {"color": colour},
        "lineStyle": {"color": colour, "type": "dashed" if dashed else "solid"},
    }
    if step:
        series["step"] = "middle"
    return series

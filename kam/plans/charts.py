"""The objectives scoreboard as bullet charts (T13.4), ECharts options built on the server: one
horizontal bar per objective, its achievement in % of the target (objectives in other units
side by side), the rating bands behind the bars and a line at the target (100 %)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from kam.lib.charts import base_option, empty_chart
from kam.plans.scoreboard import ScoreGroup, ScoreRow
from kam.plans.scoring import DEFAULT_RULES, EvaluationRules

BAND_COLOURS = ("#fde4e1", "#fef0c7", "#e0f2fe", "#d1fadf")  # 待改进 · 合格 · 良好 · 优秀
BAR_COLOUR = "#0b5cad"
TARGET_COLOUR = "#1d2939"


def _number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(round(value, 2).normalize(), "f")


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def _bands(rules: EvaluationRules, axis_max: float) -> list[list[dict[str, object]]]:
    """The rating bands as areas along the axis, the lowest band first."""
    edges = [0.0, *(float(lowest) for lowest, _rating in reversed(rules.bands)), axis_max]
    return [
        [{"xAxis": start, "itemStyle": {"color": BAND_COLOURS[index % len(BAND_COLOURS)]}},
         {"xAxis": end}]
        for index, (start, end) in enumerate(zip(edges, edges[1:], strict=False))
        if end > start
    ]  # fmt: skip


def _tooltip(row: ScoreRow) -> str:
    actual = _("no data") if row.actual.value is None else _number(Decimal(str(row.actual.value)))
    return _("{metric}: actual {actual} · target {target} · achievement {achievement}").format(
        metric=row.objective.metric_label,
        actual=actual,
        target=_number(row.objective.target),
        achievement="—" if row.achievement is None else f"{_percent(row.achievement)} %",
    )


def scoreboard_option(
    group: ScoreGroup, rules: EvaluationRules = DEFAULT_RULES
) -> dict[str, object]:
    """One group's bullet chart: achievement (% of target) per objective, bands and target."""
    if not group.rows:
        return empty_chart(_("No objective of this type in the plan."))
    values = [_percent(row.achievement) for row in group.rows]
    axis_max = max([float(rules.cap) * 100, *(value or 0 for value in values)])
    option = base_option()
    option["grid"] = {"left": 8, "right": 24, "top": 16, "bottom": 32, "containLabel": True}
    option["xAxis"] = {"type": "value", "min": 0, "max": round(axis_max), "name": "%",
                       "axisLabel": {"formatter": "{value} %"}}  # fmt: skip
    option["yAxis"] = {
        "type": "category",
        "inverse": True,
        "data": [row.objective.metric_label for row in group.rows],
        "axisLabel": {"width": 140, "overflow": "truncate"},
    }
    option["series"] = [
        {
            "type": "bar",
            "name": _("Achievement"),
            "barMaxWidth": 16,
            "itemStyle": {"color": BAR_COLOUR},
            "label": {"show": True, "position": "right", "formatter": "{c} %"},
            "data": [
                {"value": value, "tooltip": {"formatter": _tooltip(row)}}
                for value, row in zip(values, group.rows, strict=True)
            ],
            "markArea": {"silent": True, "data": _bands(rules, axis_max)},
            "markLine": {
                "silent": True,
                "symbol": "none",
                "lineStyle": {"color": TARGET_COLOUR, "width": 2, "type": "solid"},
                "label": {"formatter": _("target"), "position": "end"},
                "data": [{"xAxis": 100}],
            },
        }
    ]
    return option

"""ECharts options of the value ladder, built on the server (T12.4)."""

import textwrap

from django.utils.translation import gettext as _

from kam.assessments.models import AssessmentTemplate
from kam.engagement.choices import TacticTier
from kam.lib.charts import PALETTE, base_option, empty_chart
from kam.value.selectors import ValueOverview, tier_order

TIER_COLOURS = {"product": "#a6d4fa", "process": "#4394e5", "strategic": "#0b5cad"}
# The radar's axis names: English ones wrap onto lines of at most this many characters
# ("Relationship &\ncapability value"); Chinese names have no spaces and stay on one line.
AXIS_NAME_LINE = 16
RADAR_RADIUS = "62%"
# At a phone's width (chart ≤ 480 px) the radar shrinks so that the names beside it fit; the
# entry without a query puts the wide layout back when the chart grows again (ECharts media).
RADAR_MEDIA = [
    {"option": {"radar": {"radius": RADAR_RADIUS, "axisName": {"fontSize": 12}}}},
    {
        "query": {"maxWidth": 480},
        "option": {"radar": {"radius": "40%", "axisName": {"fontSize": 11}}},
    },
]


def short_label(label: str) -> str:
    """A dimension's name without its explanation in brackets (for the radar's axes)."""
    return label.split(" (")[0].split("（")[0]


def axis_name(label: str) -> str:
    """A radar axis name: the short label, wrapped at spaces (ECharts cuts a long axis name)."""
    name = short_label(label)
    lines = textwrap.wrap(name, AXIS_NAME_LINE, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or name


def tactic_labels() -> dict[str, str]:
    return {
        TacticTier.PRODUCT: _("Product-tier tactics"),
        TacticTier.PROCESS: _("Process-tier tactics"),
        TacticTier.STRATEGIC: _("Strategic-tier tactics"),
    }


def _radar_series(name: str, values: list[int], colour: str, dashed: bool) -> dict[str, object]:
    line: dict[str, object] = {"color": colour, "type": "dashed" if dashed else "solid"}
    return {
        "name": name,
        "value": values,
        "lineStyle": line,
        "itemStyle": {"color": colour},
        "areaStyle": {"opacity": 0 if dashed else 0.15},
    }


def radar_option(template: AssessmentTemplate, overview: ValueOverview) -> dict[str, object]:
    """Eight-axis radar: current against target against the last period's current."""
    latest, previous = overview.latest, overview.previous
    if latest is None:
        return empty_chart(
            _(
                "No value ladder yet: score the eight dimensions now and as a target, and the "
                "radar appears here."
            )
        )
    criteria = list(template.criteria.all())
    codes = [criterion.code for criterion in criteria]
    series = [
        _radar_series(
            _("Current {period}").format(period=latest.period),
            [latest.current.get(code, 0) for code in codes],
            PALETTE[0],
            dashed=False,
        ),
        _radar_series(
            _("Target"), [latest.target.get(code, 0) for code in codes], PALETTE[2], dashed=True
        ),
    ]
    if previous is not None:
        series.append(
            _radar_series(
                _("Last period {period}").format(period=previous.period),
                [previous.current.get(code, 0) for code in codes],
                PALETTE[5],
                dashed=False,
            )
        )
    option = base_option()
    option["radar"] = {
        "indicator": [{"name": axis_name(criterion.label), "max": 5} for criterion in criteria],
        "radius": RADAR_RADIUS,
        "axisName": {"color": "#344054", "fontSize": 12},
    }
    option["media"] = RADAR_MEDIA
    option["legend"] = {"bottom": 0}
    option["series"] = [{"type": "radar", "data": series}]
    return option


def ladder_bar_option(
    template: AssessmentTemplate,
    overview: ValueOverview,
    targets: dict[str, float | None] | None = None,
) -> dict[str, object]:
    """The stacked ladder bar: per tier (product at the bottom) the score reached now and the
    rest of the way to the target (`targets`: per tier, default the snapshot's), against the
    threshold that reaches a tier."""
    latest = overview.latest
    if latest is None:
        return empty_chart(_("No value ladder yet: score it and the ladder bar appears here."))
    order = tier_order(template)
    threshold = float(template.parameters.get("tier_threshold", 60))
    reached = [round(latest.tier_scores.get(tier) or 0.0, 1) for tier in order]
    to_target = [
        round(max(0.0, ((targets or latest.target_tier_scores).get(tier) or 0.0) - value), 1)
        for tier, value in zip(order, reached, strict=True)
    ]
    option = base_option()
    option["tooltip"] = {"trigger": "axis", "confine": True}
    option["grid"] = {"left": 8, "right": 24, "top": 16, "bottom": 40, "containLabel": True}
    option["legend"] = {"bottom": 0}
    option["xAxis"] = {"type": "value", "min": 0, "max": 100}
    option["yAxis"] = {"type": "category", "data": [template.group_label(tier) for tier in order]}
    option["series"] = [
        {
            "name": _("Reached"),
            "type": "bar",
            "stack": "tier",
            "data": [
                {"value": value, "itemStyle": {"color": TIER_COLOURS.get(tier, PALETTE[0])}}
                for tier, value in zip(order, reached, strict=True)
            ],
            "itemStyle": {"color": PALETTE[0]},
            "label": {"show": True, "position": "insideRight"},
            "markLine": {
                "symbol": "none",
                "lineStyle": {"color": PALETTE[3], "type": "dashed"},
                "label": {"formatter": _("Tier reached at {value}").format(value=int(threshold))},
                "data": [{"xAxis": threshold}],
            },
        },
        {
            "name": _("To the target"),
            "type": "bar",
            "stack": "tier",
            "data": to_target,
            "itemStyle": {"color": "#eaecf0", "borderColor": PALETTE[2], "borderType": "dashed"},
        },
    ]
    return option


def tactic_mix_option(counts: dict[str, int]) -> dict[str, object]:
    """The tactic mix of planned actions: planned calendar entries per tactic tier."""
    if not any(counts.values()):
        return empty_chart(
            _(
                "No planned action names a tactic tier yet: choose the tactic tier of planned "
                "calendar entries and the mix appears here."
            )
        )
    option = base_option()
    option["tooltip"] = {"trigger": "axis", "confine": True}
    option["grid"] = {"left": 8, "right": 24, "top": 16, "bottom": 8, "containLabel": True}
    option["xAxis"] = {"type": "value", "minInterval": 1}
    option["yAxis"] = {
        "type": "category",
        "data": [tactic_labels()[code] for code in counts],
    }
    option["series"] = [
        {
            "name": _("Planned entries"),
            "type": "bar",
            "data": [
                {"value": value, "itemStyle": {"color": TIER_COLOURS.get(code, PALETTE[0])}}
                for code, value in counts.items()
            ],
            "label": {"show": True, "position": "right"},
        }
    ]
    return option

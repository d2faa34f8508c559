"""Shared pieces of ECharts option JSON. Options are plain dicts built on the server; text that
users typed is passed as data (never as HTML formatter strings), so ECharts escapes it."""

CATEGORY_COLOURS = {
    "strategic": "#0b5cad",
    "star": "#f79009",
    "status": "#12b76a",
    "streamline": "#98a2b3",
}
STEP_COLOURS = {
    "exploratory": "#eaecf0",
    "basic": "#d1e9ff",
    "cooperative": "#a6d4fa",
    "interdependent": "#75b8f5",
    "integrated": "#4394e5",
}
PALETTE = ["#0b5cad", "#f79009", "#12b76a", "#b42318", "#7a5af8", "#98a2b3", "#0e9384"]


def base_option(title: str = "") -> dict[str, object]:
    """Defaults every chart shares: font that renders CJK, tooltip, no animation on print."""
    option: dict[str, object] = {
        "textStyle": {"fontFamily": "Noto Sans CJK SC, Noto Sans SC, sans-serif"},
        "tooltip": {"trigger": "item", "confine": True},
        "animationDuration": 300,
    }
    if title:
        option["title"] = {"text": title, "left": "center", "textStyle": {"fontSize": 14}}
    return option


# --- empty states -------------------------------------------------------------------------------

EMPTY = "empty"


def empty_chart(message: str) -> dict[str, object]:
    """What a builder returns when it has nothing to draw: the translated sentence saying what to
    enter to fill the chart. `partials/chart.html` shows it in place of the chart."""
    return {EMPTY: str(message)}


def is_empty_chart(option: dict[str, object] | None) -> bool:
    return option is None or EMPTY in option


# --- labels without collisions ------------------------------------------------------------------

# ECharts lays out the labels of every series that has a `labelLayout`, across the whole chart: a
# label that would overlap one of higher priority (the larger host symbol) is hidden and comes
# back on hover, next to the tooltip that always names the point.
HIDE_OVERLAP: dict[str, object] = {"hideOverlap": True}
# For a handful of labels close together (the periods of one account): move them apart vertically
# first, hide only what still collides.
SPREAD_OVERLAP: dict[str, object] = {"hideOverlap": True, "moveOverlap": "shiftY"}
NAME_WIDTH = 110  # px; longer names end in "…" on the chart and are shown whole in the tooltip
# The invisible host of a quadrant name: its area (180 × 28 px) is larger than any bubble's
# (scorecard LARGEST_BUBBLE 56 px → 56 × 56), so a quadrant name wins every collision.
CORNER_HOST = (180, 28)


def point_label(position: str = "right", **style: object) -> dict[str, object]:
    """A data label showing the point's name (data, never HTML), cut to NAME_WIDTH."""
    return {
        "show": True,
        "position": position,
        "formatter": "{b}",
        "fontSize": 11,
        # The layout box of a label is its line height: as tall as the glyphs' ascent + descent
        # (CJK fonts ≈ 1.45 em), so two boxes that do not touch leave the glyphs apart too.
        "lineHeight": 16,
        "color": "#344054",
        "textBorderColor": "#ffffff",  # a halo keeps the name readable over lines and bubbles
        "textBorderWidth": 2,
        "width": NAME_WIDTH,
        "overflow": "truncate",
        **style,
    }


def corner_names(
    names: dict[str, str],
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_inverse: bool = False,
    colour: str = "#616e7c",
) -> dict[str, object]:
    """Quadrant names drawn inside the corners of the plot, as a silent scatter series whose
    labels take part in the collision layout (markArea labels do not).

    `names` maps a visual corner ("top-left", "top-right", "bottom-left", "bottom-right") to the
    name shown there."""
    width, height = CORNER_HOST
    data = []
    for corner, name in names.items():
        vertical, horizontal = corner.split("-")
        is_left, is_top = horizontal == "left", vertical == "top"
        data.append(
            {
                "name": name,
                "value": [
                    x_range[0] if is_left != x_inverse else x_range[1],
                    y_range[1] if is_top else y_range[0],
                ],
                "symbolOffset": [
                    width / 2 if is_left else -width / 2,
                    height / 2 if is_top else -height / 2,
                ],
                "label": {
                    "position": "inside"
                    + ("Top" if is_top else "Bottom")
                    + ("Left" if is_left else "Right")
                },
            }
        )
    return {
        "type": "scatter",
        "name": "",
        "silent": True,
        "clip": False,
        "symbol": "rect",
        "symbolSize": [width, height],
        # Transparent, not `opacity: 0`: a label inherits its symbol's opacity.
        "itemStyle": {"color": "rgba(0,0,0,0)"},
        "tooltip": {"show": False},
        "label": {
            "show": True,
            "formatter": "{b}",
            "color": colour,
            "fontSize": 12,
            "lineHeight": 18,
        },
        "labelLayout": HIDE_OVERLAP,
        "z": 1,
        "data": data,
    }

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

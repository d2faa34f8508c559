"""Charts on paper: an ECharts option (built by the `lib`/app chart builders) drawn without a
browser — a graph with fixed positions as SVG, every other chart as the table of its numbers.
Used by documents (PDF, Word), where no JavaScript runs."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

BADGE = re.compile(r"\{badge\|([^}]*)\}")
SVG_WIDTH = 720
MARGIN = 40
DASHES = {"dashed": "6 4", "dotted": "2 3"}


@dataclass
class ChartTable:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return " / ".join(_text(part) for part in value)
    return str(value)


def _value(item: Any) -> Any:
    return item.get("value") if isinstance(item, Mapping) else item


def _axis(option: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    axis = option.get(name) or {}
    return axis[0] if isinstance(axis, list) and axis else axis if isinstance(axis, dict) else {}


def _radar_table(option: Mapping[str, Any], series: Sequence[Mapping[str, Any]]) -> ChartTable:
    radar = option["radar"][0] if isinstance(option["radar"], list) else option["radar"]
    indicators = [indicator.get("name", "") for indicator in radar.get("indicator", [])]
    items = [item for one in series for item in one.get("data", [])]
    table = ChartTable(["", *[_text(item.get("name", "")) for item in items]])
    for index, name in enumerate(indicators):
        values = [item.get("value", []) for item in items]
        table.rows.append([name, *[_text(v[index] if index < len(v) else None) for v in values]])
    return table


def _category_table(categories: list[Any], series: Sequence[Mapping[str, Any]]) -> ChartTable:
    table = ChartTable(
        ["", *[_text(one.get("name") or pgettext("chart table", "Value")) for one in series]]
    )
    for index, category in enumerate(categories):
        label = category.get("value", "") if isinstance(category, Mapping) else category
        row = [_text(label)]
        for one in series:
            data = one.get("data", [])
            row.append(_text(_value(data[index])) if index < len(data) else "—")
        table.rows.append(row)
    return table


def _item_cells(value: Any, is_point: bool) -> list[str]:
    if is_point and isinstance(value, list | tuple) and len(value) >= 2:
        return [_text(value[0]), _text(value[1])]
    return [_text(value)] + (["—"] if is_point else [])


def _item_table(option: Mapping[str, Any], series: Sequence[Mapping[str, Any]]) -> ChartTable:
    """One row per data item; a point's coordinates get one column per named axis, and with
    several series a last column names each item's series. Silent series are drawing helpers
    (quadrant names, label stand-ins), not data."""
    series = [one for one in series if not one.get("silent")]
    axes = [str(_axis(option, name).get("name") or "") for name in ("xAxis", "yAxis")]
    is_point = all(axes) and any(
        isinstance(_value(item), list | tuple) for one in series for item in one.get("data", [])
    )
    has_groups = len({one.get("name") for one in series if one.get("name")}) > 1
    table = ChartTable(
        [
            pgettext("chart table", "Item"),
            *(axes if is_point else [pgettext("chart table", "Value")]),
        ]
        + ([pgettext("chart table", "Group")] if has_groups else [])
    )
    for one in series:
        for item in one.get("data", []):
            name = item.get("name", one.get("name", "")) if isinstance(item, Mapping) else ""
            value = _value(item)
            if value is None and isinstance(item, Mapping) and not item.get("name"):
                continue  # an unnamed helper point (a quadrant name's host) has nothing to read
            group = [_text(one.get("name") or None)] if has_groups else []
            row = [_text(name or one.get("name") or None), *_item_cells(value, is_point), *group]
            table.rows.append(row)
    return table


def _graph_table(graph: Mapping[str, Any]) -> ChartTable:
    """The people of a graph with their group (the legend's category), one row each."""
    categories = graph.get("categories") or []
    table = ChartTable([pgettext("chart table", "Item"), pgettext("chart table", "Group")])
    for node in graph.get("data", []):
        index = node.get("category")
        group = (
            categories[index].get("name", "")
            if isinstance(index, int) and 0 <= index < len(categories)
            else ""
        )
        table.rows.append([_text(node.get("name", "")), _text(group or None)])
    return table


def option_table(option: Mapping[str, Any]) -> ChartTable | None:
    """The numbers of a chart as a table (radar, category axes, or one row per data item)."""
    series = [one for one in option.get("series", []) if isinstance(one, Mapping)]
    if not series:
        return None
    if option.get("radar"):
        return _radar_table(option, series)
    if series[0].get("type") == "heatmap":
        return None  # pages that draw a heat map print its table beside it
    for axis_name in ("xAxis", "yAxis"):
        axis = _axis(option, axis_name)
        if axis.get("type") == "category" and axis.get("data"):
            return _category_table(list(axis["data"]), series)
    if series[0].get("type") == "graph":
        return _graph_table(series[0])
    table = _item_table(option, series)
    return table if table.rows else None


def _number(cell: str) -> float | None:
    try:
        return float(cell.rstrip("%"))
    except ValueError:
        return None


def table_summary(table: ChartTable | None) -> str:
    """Key figures of a chart's table in one sentence, for its text alternative: how many rows,
    and the highest and lowest row of the first column that holds numbers."""
    if table is None or not table.rows:
        return ""
    count = len(table.rows)
    summary = _("Rows in the table: {count}.").format(count=count)
    for column in range(1, len(table.headers)):
        numbers = [(_number(row[column]), row) for row in table.rows if row[column] != "—"]
        if not numbers or any(number is None for number, _row in numbers):
            continue
        high = max(numbers, key=lambda pair: pair[0] or 0)[1]
        low = min(numbers, key=lambda pair: pair[0] or 0)[1]
        column_name = table.headers[column] or pgettext("chart table", "Value")
        if count == 1:
            return (
                summary
                + " "
                + _("{column}: {name} {value}.").format(
                    column=column_name, name=high[0], value=high[column]
                )
            )
        if high[column] == low[column]:
            return (
                summary
                + " "
                + _("{column}: {value} in every row.").format(
                    column=column_name, value=high[column]
                )
            )
        return (
            summary
            + " "
            + _(
                "{column}: highest {high_name} {high_value}, lowest {low_name} {low_value}."
            ).format(
                column=column_name,
                high_name=high[0],
                high_value=high[column],
                low_name=low[0],
                low_value=low[column],
            )
        )
    return summary


def _graph(option: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for one in option.get("series", []):
        if one.get("type") == "graph" and one.get("layout") == "none" and one.get("data"):
            return one
    return None


def _colour(graph: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    categories = graph.get("categories") or []
    index = node.get("category")
    if isinstance(index, int) and 0 <= index < len(categories):
        return str(categories[index].get("itemStyle", {}).get("color", "#98a2b3"))
    return "#98a2b3"


def _node_svg(graph: Mapping[str, Any], node: Mapping[str, Any], x: float, y: float) -> str:
    radius = float(node.get("symbolSize", 16)) / 2
    style = node.get("itemStyle") or {}
    stroke = escape(style.get("borderColor", "#ffffff"))
    width = style.get("borderWidth", 1)
    fill = escape(_colour(graph, node))
    if node.get("symbol") == "diamond":
        points = f"{x},{y - radius} {x + radius},{y} {x},{y + radius} {x - radius},{y}"
        shape = (
            f'<polygon points="{points}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        )
    else:
        shape = (
            f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{width}"/>'
        )
    formatter = str((node.get("label") or {}).get("formatter", ""))
    badge = BADGE.search(formatter)
    name = escape(node.get("name", ""))
    label = f'<text x="{x}" y="{y + radius + 11}" class="node-name">{name}</text>'
    if badge:
        text = escape(badge.group(1))
        label += f'<text x="{x}" y="{y + radius + 22}" class="node-badge">{text}</text>'
    return shape + label


def option_svg(option: Mapping[str, Any]) -> str | None:
    """A graph with server-computed positions (the power map's org tree) as an SVG image."""
    graph = _graph(option)
    if graph is None:
        return None
    nodes = graph["data"]
    xs = [float(node.get("x", 0)) for node in nodes]
    ys = [float(node.get("y", 0)) for node in nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    scale = min((SVG_WIDTH - 2 * MARGIN) / span_x, 1.0)
    height = span_y * scale + 2 * MARGIN + 20
    where = {
        node.get("id"): (MARGIN + (x - min(xs)) * scale, MARGIN + (y - min(ys)) * scale)
        for node, x, y in zip(nodes, xs, ys, strict=True)
    }
    lines = []
    for link in graph.get("links", []):
        if link.get("source") not in where or link.get("target") not in where:
            continue
        (x1, y1), (x2, y2) = where[link["source"]], where[link["target"]]
        style = link.get("lineStyle") or {}
        dash = DASHES.get(style.get("type", "solid"), "")
        colour = escape(style.get("color", "#98a2b3"))
        lines.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}"'
            f' stroke-width="{style.get("width", 1)}" stroke-opacity="{style.get("opacity", 1)}"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
    shapes = [_node_svg(graph, node, *where[node.get("id")]) for node in nodes]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="document-svg" viewBox="0 0 {SVG_WIDTH} '
        f'{height:.0f}" width="{SVG_WIDTH}" height="{height:.0f}" role="img">'
        "<style>text{font-family:'Noto Sans CJK SC',sans-serif;text-anchor:middle}"
        ".node-name{font-size:10px}.node-badge{font-size:8px;fill:#0b5cad}</style>"
        + "".join(lines)
        + "".join(shapes)
        + "</svg>"
    )

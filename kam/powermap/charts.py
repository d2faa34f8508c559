"""ECharts options of the power map (org tree with informal lines), the influence × support
2×2 and the key-coverage gauge. User-typed text travels only as data (names), never inside
formatter strings, so ECharts escapes it."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from kam.lib.charts import HIDE_OVERLAP, base_option, corner_names, empty_chart, point_label
from kam.people.choices import EdgeType, Support
from kam.powermap.selectors import MapPerson

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SUPPORT_COLOURS = {-2: "#b42318", -1: "#f79009", 0: "#98a2b3", 1: "#7ccf8a", 2: "#12b76a"}
UNKNOWN_COLOUR = "#d0d5dd"
KEY_BORDER = "#101828"
X_SPACING = 110
Y_SPACING = 130
EDGE_STYLES = {
    EdgeType.INFLUENCES: {"color": "#0b5cad", "type": "dashed"},
    EdgeType.ALLY: {"color": "#12b76a", "type": "dashed"},
    EdgeType.CONFLICT: {"color": "#b42318", "type": "dashed"},
    EdgeType.PERSONAL_TIE: {"color": "#7a5af8", "type": "dotted"},
    EdgeType.REPORTS_TO_DOTTED: {"color": "#667085", "type": "dashed"},
}


def _visible_parent(node: int, parent_of: dict[int, int | None], visible: set[int]) -> int | None:
    """The nearest manager up the formal line who is on the (filtered) map."""
    seen = {node}
    parent = parent_of.get(node)
    while parent is not None and parent not in seen:
        if parent in visible:
            return parent
        seen.add(parent)
        parent = parent_of.get(parent)
    return None


def tree_positions(
    ordered: list[int], parent_of: dict[int, int | None]
) -> dict[int, tuple[float, int]]:
    """A tidy top-down layout: leaves take consecutive columns, a manager sits centred above
    their reports; people without a (visible) manager start new trees side by side."""
    visible = set(ordered)
    children: dict[int, list[int]] = defaultdict(list)
    roots: list[int] = []
    for node in ordered:
        parent = _visible_parent(node, parent_of, visible)
        (children[parent] if parent is not None else roots).append(node)
    positions: dict[int, tuple[float, int]] = {}
    next_column = 0

    def place(node: int, depth: int) -> float:
        nonlocal next_column
        positions[node] = (0, depth)  # marks the node as placed (guards against cycles)
        columns = [place(child, depth + 1) for child in children[node] if child not in positions]
        if columns:
            column = (columns[0] + columns[-1]) / 2
        else:
            column = next_column
            next_column += 1
        positions[node] = (column, depth)
        return column

    for root in roots:
        place(root, 0)
    for node in ordered:  # anything left (a cycle in bad data) becomes its own root
        if node not in positions:
            place(node, 0)
    return positions


def support_label(value: int | None) -> "StrOrPromise":
    return Support(value).label if value is not None else _("Support unknown")


def _categories() -> list[dict]:
    return [
        {"name": support_label(value), "itemStyle": {"color": colour}}
        for value, colour in SUPPORT_COLOURS.items()
    ] + [{"name": support_label(None), "itemStyle": {"color": UNKNOWN_COLOUR}}]


def _category_index(support: int | None) -> int:
    return support + 2 if support is not None else len(SUPPORT_COLOURS)


def _node(row: MapPerson, position: tuple[float, int], url: str, badge: str) -> dict:
    contact = row.contact
    is_hidden = contact.visibility == "hidden"
    node: dict = {
        "id": str(contact.uuid),
        "name": contact.name,
        "value": contact.influence,
        "x": position[0] * X_SPACING,
        "y": position[1] * Y_SPACING,
        "symbol": "diamond" if is_hidden else "circle",
        "symbolSize": 14 + 3 * (contact.influence or 0),
        "category": _category_index(contact.support),
        "url": url,
        "label": {"formatter": "{b}\n{badge|" + badge + "}" if badge else "{b}"},
    }
    if contact.is_key_person:
        node["itemStyle"] = {"borderColor": KEY_BORDER, "borderWidth": 3}
    return node


def _links(
    people: list[MapPerson], edges: Iterable[Mapping[str, Any]], shown: set[int]
) -> list[dict]:
    uuids = {row.contact.pk: str(row.contact.uuid) for row in people}
    parent_of = {row.contact.pk: row.contact.reports_to_id for row in people}
    links = []
    for row in people:
        parent = _visible_parent(row.contact.pk, parent_of, shown)
        if row.contact.pk in shown and parent is not None:
            links.append(
                {
                    "source": uuids[parent],
                    "target": uuids[row.contact.pk],
                    "lineStyle": {"color": "#98a2b3", "width": 1.5, "type": "solid"},
                }
            )
    for edge in edges:
        if edge["source_id"] not in shown or edge["target_id"] not in shown:
            continue
        style = EDGE_STYLES.get(edge["edge_type"], {"color": "#667085", "type": "dashed"})
        links.append(
            {
                "source": uuids[edge["source_id"]],
                "target": uuids[edge["target_id"]],
                "symbol": ["none", "arrow"] if edge["edge_type"] == EdgeType.INFLUENCES else "none",
                "lineStyle": {
                    **style,
                    "width": 1 + edge["strength"] / 2,
                    "opacity": 0.9 if edge["is_confirmed"] else 0.5,
                    "curveness": 0.25,
                },
            }
        )
    return links


def power_map_option(
    people: list[MapPerson],
    edges: Sequence[Mapping[str, Any]],
    *,
    shown: list[MapPerson],
    url_for: Callable[[MapPerson], str],
    badge_for: Callable[[MapPerson], str],
) -> dict:
    """The org tree of `shown` (a filtered subset of `people`) with the informal lines."""
    if not shown:
        return empty_chart(
            _("Nobody matches the filter: clear the filter, or add people and mark key persons.")
        )
    parent_of = {row.contact.pk: row.contact.reports_to_id for row in people}
    positions = tree_positions([row.contact.pk for row in shown], parent_of)
    option = base_option()
    option.update(
        {
            "legend": [{"data": [c["name"] for c in _categories()], "bottom": 0}],
            "toolbox": {
                "right": 10,
                "feature": {
                    "restore": {"title": _("Reset view")},
                    "saveAsImage": {
                        "title": _("Save as PNG"),
                        "name": "power-map",
                        "pixelRatio": 2,
                        "backgroundColor": "#ffffff",
                    },
                },
            },
            "series": [
                {
                    "type": "graph",
                    "layout": "none",
                    "roam": True,
                    "categories": _categories(),
                    "label": {
                        "show": True,
                        "position": "bottom",
                        "fontSize": 11,
                        "rich": {
                            "badge": {
                                "backgroundColor": "#eef4ff",
                                "color": "#0b5cad",
                                "padding": [1, 4],
                                "borderRadius": 3,
                                "fontSize": 10,
                            }
                        },
                    },
                    "emphasis": {"focus": "adjacency"},
                    "data": [
                        _node(row, positions[row.contact.pk], url_for(row), badge_for(row))
                        for row in shown
                    ],
                    "links": _links(people, edges, {row.contact.pk for row in shown}),
                }
            ],
        }
    )
    return option


SUPPORT_RANGE = (-2, 2)
INFLUENCE_RANGE = (0, 10)
SUPPORT_DIVIDER = 0  # neutral sits on the line: the target list is influential and not for us
INFLUENCE_DIVIDER = 5


def _jitter(index: int) -> float:
    """Small deterministic offsets so people with equal ratings do not hide each other."""
    return ((index * 37) % 9 - 4) * 0.04


def _inside(value: float, bounds: tuple[int, int]) -> float:
    return round(min(bounds[1], max(bounds[0], value)), 2)


def _rated_points(people: list[MapPerson], url_for: Callable) -> list[dict[str, object]]:
    """One scatter point per person whose influence and support are both rated."""
    points: list[dict[str, object]] = []
    for row in people:
        support, influence = row.contact.support, row.contact.influence
        if support is None or influence is None:
            continue
        index = len(points)
        border = {"borderColor": KEY_BORDER, "borderWidth": 2} if row.contact.is_key_person else {}
        points.append(
            {
                "name": row.contact.name,
                "value": [
                    _inside(support + _jitter(index), SUPPORT_RANGE),
                    _inside(influence + _jitter(index + 3), INFLUENCE_RANGE),
                ],
                "url": url_for(row),
                "itemStyle": {"color": SUPPORT_COLOURS[support], **border},
                # at the right edge the name goes to the left, inside the chart
                **({"label": {"position": "left"}} if support == SUPPORT_RANGE[1] else {}),
            }
        )
    return points


def _axis(name: str, bounds: tuple[int, int], **extra: object) -> dict[str, object]:
    """A value axis with a tick on every whole number of its range."""
    return {
        "type": "value",
        "min": bounds[0],
        "max": bounds[1],
        "interval": 1,
        "name": name,
        "axisLine": {"onZero": False},
        "splitLine": {"show": False},
        **extra,
    }


def influence_support_option(people: list[MapPerson], *, url_for: Callable) -> dict:
    """Influence (y, 0–10) × support (x, −2…+2, a tick per rating, the divider at neutral 0);
    top-left is the target list. Every point is named; a name that would collide is hidden and
    shows on hover."""
    points = _rated_points(people, url_for)
    if not points:
        return empty_chart(
            _(
                "Nobody is rated yet: set the influence and the support of the customer's "
                "people and they appear here."
            )
        )
    option = base_option()
    option.update(
        {
            "grid": {"left": 50, "right": 30, "top": 30, "bottom": 50},
            "xAxis": _axis(_("Support"), SUPPORT_RANGE, nameLocation="middle", nameGap=28),
            "yAxis": _axis(_("Influence"), INFLUENCE_RANGE),
            "series": [
                {
                    "type": "scatter",
                    "symbolSize": 16,
                    "clip": False,
                    "label": point_label("right", width=90),
                    "labelLayout": HIDE_OVERLAP,
                    "emphasis": {"label": {"show": True}},
                    "data": points,
                    "markLine": {
                        "silent": True,
                        "symbol": "none",
                        "lineStyle": {"color": "#667085", "type": "dashed"},
                        "data": [{"xAxis": SUPPORT_DIVIDER}, {"yAxis": INFLUENCE_DIVIDER}],
                        "label": {"show": False},
                    },
                    "markArea": {
                        "silent": True,
                        "itemStyle": {"color": "rgba(180, 35, 24, 0.06)"},
                        "label": {"show": False},
                        "data": [
                            [
                                {"coord": [SUPPORT_RANGE[0], INFLUENCE_DIVIDER]},
                                {"coord": [SUPPORT_DIVIDER, INFLUENCE_RANGE[1]]},
                            ]
                        ],
                    },
                },
                corner_names(
                    {"top-left": _("Target list")},
                    x_range=SUPPORT_RANGE,
                    y_range=INFLUENCE_RANGE,
                    colour="#b42318",
                ),
            ],
        }
    )
    return option


def coverage_gauge_option(key_coverage: float | None) -> dict:
    if key_coverage is None:
        return empty_chart(
            _(
                "No key persons yet: mark key persons and assess their ladder level; the coverage "
                "appears here."
            )
        )
    option = base_option()
    option.update(
        {
            "series": [
                {
                    "type": "gauge",
                    "min": 0,
                    "max": 100,
                    "radius": "95%",
                    "progress": {"show": True, "width": 12},
                    "axisLine": {"lineStyle": {"width": 12}},
                    "axisLabel": {"distance": 16, "fontSize": 10},
                    "splitLine": {"length": 8},
                    "pointer": {"show": False},
                    "detail": {"formatter": "{value}%", "fontSize": 20, "offsetCenter": [0, 0]},
                    "title": {"show": False},
                    "data": [{"value": round(key_coverage * 100)}],
                }
            ]
        }
    )
    return option

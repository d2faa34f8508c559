"""`{% chart_on_paper option %}`: a chart in a document (PDF, Word), where no JavaScript runs.
`{% chart_alternative option label as alternative %}`: a chart's text alternative on a page."""

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kam.lib.chart_documents import ChartTable, option_svg, option_table, table_summary

register = template.Library()


@register.simple_tag
def chart_on_paper(option: Mapping[str, Any] | None, label: str = "") -> SafeString:
    """The SVG of a positioned graph, else the table of the chart's numbers."""
    if not option:
        return mark_safe("")  # noqa: S308  # empty
    svg = option_svg(option)
    if svg is not None:
        return mark_safe(svg)  # noqa: S308  # built from escaped values only (option_svg)
    return chart_table(option_table(option), label)


@dataclass
class ChartAlternative:
    """What a chart says without the picture: a label (what it shows and its key figures, for
    aria-label) and the table of its numbers."""

    label: str
    table: ChartTable | None


@register.simple_tag
def chart_alternative(option: Mapping[str, Any] | None, label: str = "") -> ChartAlternative:
    """The text alternative of a chart: `label` (what the chart shows) with the key figures of
    its data, and that data as a table. An option the view already encoded ({"script": …})
    brings its table along ({"table": …})."""
    if not option:
        return ChartAlternative(label=str(label), table=None)
    table = option.get("table") if "script" in option else option_table(option)
    summary = table_summary(table)
    label = str(label).strip().rstrip(".。")
    if label and summary:
        text = _("{label}. {summary}").format(label=label, summary=summary)
    else:
        text = label or summary
    return ChartAlternative(label=text, table=table)


@register.filter
def is_figure(cell: object) -> bool:
    """Whether a chart table's cell is a figure ("1,234", "-0.8", "68.9 %", "—" for none), which
    reads right-aligned, rather than a name or a group."""
    if isinstance(cell, int | float):
        return True
    text = str(cell).replace(",", "").replace("%", "").strip()
    if text in {"—", "-"}:
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True


@register.simple_tag
def chart_table(table: ChartTable | None, label: str = "") -> SafeString:
    """A chart's numbers as an HTML table: the first column names the rows, figures read
    right-aligned. Built here with plain escaping rather than in a template: a power map's
    table has 500 rows, and the template engine spent tens of milliseconds a page on them."""
    if not table:
        return mark_safe("")  # noqa: S308  # empty
    named = f' aria-label="{_escaped(label)}"' if label else ""
    headers = "".join(
        f'<th scope="col">{_escaped(header)}</th>' if header else "<td></td>"
        for header in table.headers
    )
    rows = []
    for row in table.rows:
        cells = [f'<th scope="row">{_escaped(row[0])}</th>'] if row else []
        for cell in row[1:]:
            kind = ' class="number"' if is_figure(cell) else ""
            cells.append(f"<td{kind}>{_escaped(cell)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe(  # noqa: S308  # every header, cell and the label are escaped (_escaped)
        f'<table class="table chart-table"{named}>\n  <thead><tr>{headers}</tr></thead>\n'
        f"  <tbody>{''.join(rows)}</tbody>\n</table>"
    )


def _escaped(value: object) -> str:
    return html.escape(str(value), quote=True)

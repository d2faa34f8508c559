"""`{% chart_on_paper option %}`: a chart in a document (PDF, Word), where no JavaScript runs."""

from collections.abc import Mapping
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kam.lib.chart_documents import option_svg, option_table

register = template.Library()


@register.simple_tag
def chart_on_paper(option: Mapping[str, Any] | None, label: str = "") -> SafeString:
    """The SVG of a positioned graph, else the table of the chart's numbers."""
    if not option:
        return mark_safe("")  # noqa: S308  # empty
    svg = option_svg(option)
    if svg is not None:
        return mark_safe(svg)  # noqa: S308  # built from escaped values only (option_svg)
    return render_to_string(
        "partials/chart_table.html", {"table": option_table(option), "label": label}
    )

"""One traffic light from the saved thresholds: the year map's legend, its cells and the figures
table colour the same account and month alike, and follow a change of the thresholds."""

import html
import json
import re
from datetime import date

import pytest
from django.urls import reverse

from kam.engagement.calendar.charts import LIGHT_COLOURS
from kam.engagement.meetings.services import ActivityInput, activity_log
from kam.engagement.models import Mechanism
from kam.engagement.settings.services import engagement_settings_update
from kam.engagement.tests.figures.test_figures import ROUTINE, entry

pytestmark = pytest.mark.django_db

MARCH = 2  # the heat map's x index of March


def _half_done_march(owner: object, account: object) -> None:
    """Two routine visits planned in March 2025, one carried out: compliance exactly 50 %."""
    first = entry(account, date(2025, 3, 10))
    entry(account, date(2025, 3, 20))
    activity_log(
        actor=owner,
        account=account,
        activity=ActivityInput(
            mechanism=first.mechanism, title="拜访", occurred_on=date(2025, 3, 10),
            calendar_entry=first,
        ),
    )  # fmt: skip


def _year_map_lights(client: object, account: object) -> tuple[str, str, dict[str, object]]:
    """The March routine cell's CSS light, its legend piece, and the page's chart option."""
    response = client.get(reverse("engagement:year_map", args=[account.uuid]), {"year": "2025"})
    assert response.status_code == 200
    body = response.content.decode()
    cells = re.findall(r'<td class="heat ?(\w*)">([^<]*)</td>', body)
    names = [mechanism.code for mechanism in Mechanism.objects.filter(is_active=True)]
    cell_class = cells[names.index(ROUTINE) * 12 + MARCH]
    assert cell_class[1] == "1/2"
    option_json = re.search(
        r'<script id="year-map-option" type="application/json">(.*?)</script>', body, re.S
    )
    option = json.loads(option_json.group(1))
    point = next(
        item["value"]
        for item in option["series"][0]["data"]
        if item["value"][:2] == [MARCH, names.index(ROUTINE)]
    )
    piece = next(p for p in option["visualMap"]["pieces"] if p["value"] == point[3])
    return cell_class[0], piece, point


def _figures_light(client: object, account: object) -> str:
    response = client.get(reverse("engagement:figures", args=[account.uuid]), {"year": "2025"})
    body = response.content.decode()
    rows = re.findall(r'<tr>\s*<td>([^<]*)</td>(?:(?!<tr>).)*?data-light="(\w+)"', body, re.S)
    return {html.unescape(name): light for name, light in rows}[
        Mechanism.objects.get(code=ROUTINE).name
    ]


def test_it_colours_the_year_map_legend_cells_and_figures_by_the_saved_thresholds(
    client_for: object, owner: object, director: object, account: object
) -> None:
    # given March 2025 at exactly 50 % calendar compliance: red under the defaults (85/70)
    _half_done_march(owner, account)
    client = client_for(owner)
    cell, piece, point = _year_map_lights(client, account)
    assert (cell, piece["color"], _figures_light(client, account)) == (
        "red",
        LIGHT_COLOURS["red"],
        "red",
    )
    # when a director saves the thresholds 95/50
    engagement_settings_update(
        actor=director, data={"compliance_target": 95, "compliance_red_below": 50}
    )
    # then the same month is amber in the cells, the legend and the figures table alike
    cell, piece, point = _year_map_lights(client, account)
    assert point[2] == 50
    assert (cell, piece["color"], piece["label"]) == ("amber", LIGHT_COLOURS["amber"], "50–95 %")
    assert _figures_light(client, account) == "amber"

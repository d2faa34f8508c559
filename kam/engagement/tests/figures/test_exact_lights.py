"""Issue 10 item 6: a traffic light is decided on the exact percentage; one decimal is display.

96 of 113 = 84.96 % shows as 85.0 % and is amber under the default target of 85 %; the figures
(Ratio: table, API, chart bars) and the year map's cells decide alike."""

import pytest

from kam.engagement import rules
from kam.engagement.calendar.selectors import EntryCounts, _heat_cell
from kam.engagement.figures.selectors import Ratio
from kam.engagement.models import EngagementSettings

DEFAULTS = EngagementSettings(compliance_target=85, compliance_red_below=70)


@pytest.mark.parametrize(
    ("done", "due", "shown", "light"),
    [
        (97, 114, 85.1, "green"),  # 85.09: just above the target
        (17, 20, 85.0, "green"),  # exactly 85
        (96, 113, 85.0, "amber"),  # 84.96: shows 85.0, below the target
        (145, 207, 70.0, "amber"),  # 70.05: just above the red line
        (7, 10, 70.0, "amber"),  # exactly 70
        (142, 203, 70.0, "red"),  # 69.95: shows 70.0, below the red line
    ],
)
def test_it_decides_the_light_on_the_exact_value(
    done: int, due: int, shown: float, light: str
) -> None:
    ratio = Ratio(done, due, DEFAULTS)
    assert (ratio.percent, ratio.light) == (shown, light)
    assert rules.light_of(done, due, DEFAULTS) == light
    assert rules.exact_rate(done, due) == 100 * done / due
    cell = _heat_cell(3, EntryCounts(planned=due, due=due, done=done), done, DEFAULTS)
    assert (cell.compliance, cell.light) == (shown, light)


def test_it_has_no_light_without_anything_due() -> None:
    assert (Ratio(0, 0, DEFAULTS).percent, Ratio(0, 0, DEFAULTS).light) == (None, "none")
    assert rules.exact_rate(0, 0) is None

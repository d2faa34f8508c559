"""axe-core on every page type of the demo as the director (who sees every section and the
portfolio settings), in 中文 and English (issue 17): no critical or serious WCAG 2.1 A/AA
violation. The manager's walk and the failed submits are in test_axe_manager.py (one file per
worker)."""

import io

import pytest
from django.core.management import call_command

from tests.browser.axe import report, walk_page_types

pytestmark = [
    pytest.mark.browser,
    pytest.mark.site_walk,
    pytest.mark.django_db(transaction=True),
]


def test_every_page_type_as_the_director_has_no_critical_or_serious_violation(
    live_server: object, browser: object
) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    found = walk_page_types(live_server.url, browser, "director")
    assert found == [], report(found)

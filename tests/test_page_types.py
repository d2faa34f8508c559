"""The list of page types the browser walks (axe-core, the Content-Security-Policy) finds every
kind of page on the demo data, and only pages the user may open."""

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from kam.accounts.access import accounts_visible_to
from kam.users.models import User
from tests.browser.page_types import demo_pages

pytestmark = pytest.mark.django_db

# One page of each tool and of each step of the yearly loop: if the walk missed one of these, it
# would miss new ones too.
CORE_PAGES = {
    "accounts:list",
    "workspace:account",
    "people:contact_detail",
    "assessments:new",
    "assessments:detail",
    "scorecard:portfolio",
    "powermap:account",
    "ladder:assess",
    "cards:card",
    "engagement:calendar",
    "engagement:meeting_edit",
    "engagement:action_board",
    "needs:account",
    "value:portfolio",
    "broad:matrix",
    "plans:plan",
    "plans:objective_edit",
    "plans:version",
    "reviews:review",
    "letters:letter",
    "cycle:account",
    "alerts:list",
}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """The demo, seeded once for the module in a transaction rolled back after it (as in
    kam/workspace/tests/test_seed_demo.py), so other modules never see it."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_it_finds_every_kind_of_page_for_a_director(demo: None) -> None:
    pages = demo_pages(User.objects.get(username="director"))
    names = [page.name for page in pages]
    assert CORE_PAGES - set(names) == set()
    assert len(names) == len(set(names))  # one URL per page type
    assert len(names) >= 120


def test_it_gives_a_manager_only_pages_of_the_accounts_they_see(demo: None) -> None:
    manager = User.objects.get(username="manager.li")
    pages = demo_pages(manager)
    others = [
        str(uuid)
        for uuid in accounts_visible_to(User.objects.get(username="director")).values_list(
            "uuid", flat=True
        )
        if not accounts_visible_to(manager).filter(uuid=uuid).exists()
    ]
    assert others, "the demo must have accounts the manager does not see"
    assert not [page for page in pages if any(uuid in page.url for uuid in others)]
    client = Client()
    client.force_login(manager)
    assert all(client.get(page.url).status_code == 200 for page in pages[:10])
    assert len(pages) >= 90

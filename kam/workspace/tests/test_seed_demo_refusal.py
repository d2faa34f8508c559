"""`manage.py seed_demo` next to existing accounts. Its own module: the tests of
test_seed_demo.py share one seeded demo for their whole module, and this test needs a database
holding only its own account."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_to_seed_next_to_existing_accounts_without_if_empty() -> None:
    # given a database that already holds an account
    AccountFactory(name="Existing Co.")
    before = database_fingerprint()
    # when seeding without --if-empty
    with pytest.raises(CommandError) as error:
        call_command("seed_demo", stdout=StringIO())
    # then it refuses and changes nothing
    assert str(error.value) == (
        "The database already holds accounts; seed_demo only fills an empty one "
        "(use --if-empty to skip quietly)."
    )
    assert database_fingerprint() == before

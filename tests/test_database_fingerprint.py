"""`database_fingerprint`: every table, so "nothing changed" cannot pass while something did."""

import pytest
from django.db import connection

from kam.people.models import ContactEdge
from tests.access_helpers import database_fingerprint, fingerprinted_models
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(account: object) -> object:
    return ContactFactory(account=account, name="李娜", title="CFO", seniority="executive")


def test_it_reads_every_table_but_the_sessions_and_the_migration_log() -> None:
    # given every table in the test database
    tables = set(connection.introspection.table_names())
    # when listing the tables the fingerprint reads
    read = {model._meta.db_table for model in fingerprinted_models()}
    # then it reads all of them, the session store and Django's migration log aside
    assert tables - read == {"django_session", "django_migrations"}


def test_it_changes_when_a_contact_edge_is_created(contact: object, colleague: object) -> None:
    # given a fingerprint (ContactEdge was missing from the old hand-written model list)
    before = database_fingerprint()
    # when an informal line is drawn between two contacts
    ContactEdge.objects.create(
        account=contact.account, source=contact, target=colleague, edge_type="ally"
    )
    # then the fingerprint changed
    assert database_fingerprint() != before


def test_it_changes_when_a_contact_edge_is_updated_without_touching_updated_at(
    contact: object, colleague: object
) -> None:
    # given an informal line and a fingerprint
    edge = ContactEdge.objects.create(
        account=contact.account, source=contact, target=colleague, edge_type="ally"
    )
    before = database_fingerprint()
    # when a bulk update changes its strength (a queryset update leaves updated_at alone)
    ContactEdge.objects.filter(pk=edge.pk).update(strength=5)
    # then the fingerprint changed, and only in that table
    after = database_fingerprint()
    assert after != before
    assert [label for label in after if after[label] != before[label]] == ["people.ContactEdge"]


def test_it_stays_the_same_when_nothing_is_written(contact: object) -> None:
    # given a fingerprint of a database with data in it
    before = database_fingerprint()
    # when the fingerprint is taken again
    # then it is equal
    assert database_fingerprint() == before

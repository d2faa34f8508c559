"""Administrators see the locked sign-ins and unlock them (audited); everyone else gets a 404."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from kam.audit.models import AuditEntry
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db: None) -> object:
    return UserFactory(username="admin", role="administrator")


def _lock(username: str, address: str = "203.0.113.7") -> None:
    client = Client(REMOTE_ADDR=address)
    for _attempt in range(5):
        client.post(reverse("users:login"), {"username": username, "password": "wrong"})


def test_it_lists_the_locked_pairs(client_for: object, administrator: object) -> None:
    UserFactory(username="li.ming", display_name="李明")
    _lock("li.ming")
    _lock("li.ming", "198.51.100.20")
    Client().post(reverse("users:login"), {"username": "wang.fang", "password": "wrong"})
    response = client_for(administrator).get(reverse("security:lockouts"))
    assert response.status_code == 200
    assert [(lockout.username, lockout.address, lockout.failures) for lockout in
            response.context["lockouts"]] == [
        ("li.ming", "198.51.100.20", 5),
        ("li.ming", "203.0.113.7", 5),
    ]  # fmt: skip
    page = response.content.decode()
    assert "李明" in page
    assert 'aria-label="Unlock 李明"' in page


def test_it_unlocks_a_pair_and_records_who_did(client_for: object, administrator: object) -> None:
    person = UserFactory(username="li.ming")
    _lock("li.ming")
    _lock("li.ming", "198.51.100.20")
    response = client_for(administrator).post(
        reverse("security:unlock"), {"username": "li.ming", "address": "203.0.113.7"}
    )
    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.20"]
    entry = AuditEntry.objects.get(action="unlock")
    assert (entry.actor, entry.object_uuid, entry.address) == (
        administrator,
        person.uuid,
        "203.0.113.7",
    )
    signed_in = Client(REMOTE_ADDR="203.0.113.7").post(
        reverse("users:login"), {"username": "li.ming", "password": "pass-1234"}
    )
    assert signed_in.status_code == 302


def test_it_says_when_a_pair_is_no_longer_locked(client_for: object, administrator: object) -> None:
    client = client_for(administrator)
    response = client.post(
        reverse("security:unlock"), {"username": "li.ming", "address": "203.0.113.7"}, follow=True
    )
    assert "This sign-in is not locked (any more)." in response.content.decode()
    assert AuditEntry.objects.count() == 0


def test_it_is_a_404_for_everyone_else(client_for: object, director: object) -> None:
    _lock("li.ming")
    before = database_fingerprint()
    client = client_for(director)
    assert client.get(reverse("security:lockouts")).status_code == 404
    response = client.post(
        reverse("security:unlock"), {"username": "li.ming", "address": "203.0.113.7"}
    )
    assert response.status_code == 404
    assert database_fingerprint() == before


def test_it_asks_to_sign_in_first(client: Client) -> None:
    response = client.get(reverse("security:lockouts"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("users:login"))


def test_it_shows_the_recent_sign_in_events(client_for: object, administrator: object) -> None:
    _lock("li.ming")
    events = client_for(administrator).get(reverse("security:lockouts")).context["events"]
    assert [event.action for event in events] == ["lockout", *["sign_in_failed"] * 5]


def test_it_reads_the_page_in_constant_queries(client_for: object, administrator: object) -> None:
    client = client_for(administrator)
    _lock("li.ming")
    few = count_queries(lambda: client.get(reverse("security:lockouts")))
    for number in range(5):
        UserFactory(username=f"person{number}")
        _lock(f"person{number}", f"198.51.100.{number + 1}")
    assert count_queries(lambda: client.get(reverse("security:lockouts"))) == few

"""A signed-in session lasts KAM_SESSION_HOURS (12) after its last request: renewed on use, at
most every five minutes (not a database write on every request)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kam.users.sessions import RENEW_SECONDS, RENEWED_AT
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _expiry(client: Client) -> object:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _renewed_long_ago(client: Client) -> None:
    session = client.session
    session[RENEWED_AT] -= RENEW_SECONDS + 1
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))


def test_it_renews_a_session_in_use(client_for: object, owner: object) -> None:
    client = client_for(owner)
    _renewed_long_ago(client)
    assert client.get(reverse("users:tokens")).status_code == 200
    assert abs(_expiry(client) - (timezone.now() + timedelta(hours=12))) < timedelta(seconds=5)
    assert client.cookies["sessionid"]["max-age"] == 12 * 60 * 60


def test_it_writes_the_session_at_most_every_five_minutes(
    client_for: object, owner: object
) -> None:
    client = client_for(owner)
    signed_in_expiry = _expiry(client)
    quiet = count_queries(lambda: client.get(reverse("users:tokens")))
    assert _expiry(client) == signed_in_expiry
    _renewed_long_ago(client)
    assert count_queries(lambda: client.get(reverse("users:tokens"))) > quiet


def test_it_starts_a_session_renewed_at_sign_in(owner: object) -> None:
    client = Client()
    client.post(reverse("users:login"), {"username": "owner", "password": "pass-1234"})
    assert abs(client.session[RENEWED_AT] - timezone.now().timestamp()) < 5
    assert client.cookies["sessionid"]["max-age"] == 12 * 60 * 60

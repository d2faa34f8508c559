"""A signed-in session lasts KAM_SESSION_HOURS (12) after its last request."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_it_renews_the_session_on_every_request(client_for: object, owner: object) -> None:
    client = client_for(owner)
    soon = timezone.now() + timedelta(minutes=1)
    Session.objects.update(expire_date=soon)
    assert client.get(reverse("users:tokens")).status_code == 200
    expires = Session.objects.get(session_key=client.session.session_key).expire_date
    assert abs(expires - (timezone.now() + timedelta(hours=12))) < timedelta(seconds=5)
    assert client.cookies["sessionid"]["max-age"] == 12 * 60 * 60

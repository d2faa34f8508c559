"""Changing one's password checks the old one under the sign-in lockout rule."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from kam.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _change(client: object, old: str) -> object:
    return client.post(
        reverse("users:password_change"),
        {
            "old_password": old,
            "new_password1": "Neues-Passwort-77",
            "new_password2": "Neues-Passwort-77",
        },
    )


def test_it_changes_the_password_with_the_right_old_one(client_for: object, owner: object) -> None:
    response = _change(client_for(owner), "pass-1234")
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("Neues-Passwort-77")


def test_it_locks_after_five_wrong_old_passwords(client_for: object, owner: object) -> None:
    client = client_for(owner)
    for _attempt in range(4):
        response = _change(client, "wrong")
        assert response.status_code == 200
        assert "Your old password was entered incorrectly." in response.content.decode()
    assert _change(client, "wrong").status_code == 429
    assert _change(client, "pass-1234").status_code == 429
    owner.refresh_from_db()
    assert owner.check_password("pass-1234")
    assert AuditEntry.objects.filter(action="sign_in_failed").count() == 6
    assert AuditEntry.objects.filter(action="lockout").count() == 1
    # what was typed is never kept with the failed attempts
    stored = AccessAttempt.objects.get().post_data
    assert "wrong" not in stored
    assert "Neues-Passwort-77" not in stored

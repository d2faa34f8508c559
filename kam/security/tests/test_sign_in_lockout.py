"""Sign-in throttling: a username + address pair is locked after 5 wrong passwords for 15
minutes, the right password included; every attempt is in the audit trail with the address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kam.audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "pass-1234"


@pytest.fixture
def person(db: None) -> object:
    return UserFactory(username="li.ming")


def _client(address: str = "203.0.113.7", language: str = "en") -> Client:
    return Client(REMOTE_ADDR=address, headers={"Accept-Language": language})


def _sign_in(client: Client, password: str, username: str = "li.ming") -> object:
    return client.post(reverse("users:login"), {"username": username, "password": password})


def _fail(client: Client, times: int, username: str = "li.ming") -> None:
    for attempt in range(1, times + 1):
        # the form again with its error, then the lockout page from the fifth failure on
        expected = 429 if attempt >= 5 else 200
        assert _sign_in(client, "wrong", username).status_code == expected


def _signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_it_refuses_the_right_password_after_five_wrong_ones(person: object) -> None:
    client = _client()
    _fail(client, 4)
    response = _sign_in(client, "wrong")
    assert response.status_code == 429
    response = _sign_in(client, RIGHT)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many wrong passwords were entered for this user name from your address" in page
    # the end of the cool-off, rounded up to the minute shown
    ends_at = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=16))
    assert f"Try again after {ends_at:%Y-%m-%d %H:%M}" in page
    assert not _signed_in(client)


def test_it_says_so_in_chinese(person: object) -> None:
    client = _client(language="zh-hans")
    _fail(client, 4)
    response = _sign_in(client, "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "您所在的网络地址对该用户名输错密码的次数过多，登录已暂停。" in page
    assert "请系统管理员解锁" in page


def test_it_lets_the_person_in_after_the_cool_off(person: object) -> None:
    client = _client()
    _fail(client, 5)
    assert _sign_in(client, RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    response = _sign_in(client, RIGHT)
    assert response.status_code == 302
    assert _signed_in(client)


def test_it_does_not_lock_the_same_user_from_another_address(person: object) -> None:
    _fail(_client("203.0.113.7"), 5)
    other = _client("198.51.100.20")
    assert _sign_in(other, RIGHT).status_code == 302
    assert _signed_in(other)


def test_it_does_not_lock_another_user_from_the_same_address(person: object) -> None:
    UserFactory(username="wang.fang")
    client = _client()
    _fail(client, 5)
    assert _sign_in(client, RIGHT, username="wang.fang").status_code == 302


def test_a_successful_sign_in_forgets_the_earlier_failures(person: object) -> None:
    client = _client()
    _fail(client, 4)
    assert _sign_in(client, RIGHT).status_code == 302
    client.post(reverse("users:logout"))
    _fail(client, 4)
    assert _sign_in(client, RIGHT).status_code == 302


def test_it_records_every_attempt_with_the_address(person: object) -> None:
    client = _client()
    _fail(client, 5)
    _sign_in(client, RIGHT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    _sign_in(client, RIGHT)
    entries = list(AuditEntry.objects.order_by("id"))
    assert [entry.action for entry in entries] == [
        *["sign_in_failed"] * 5,
        "lockout",
        "sign_in_failed",
        "sign_in",
    ]
    assert {entry.address for entry in entries} == {"203.0.113.7"}
    assert {entry.object_uuid for entry in entries} == {person.uuid}
    assert {entry.object_repr for entry in entries} == {"li.ming"}
    # failures have no actor (nobody proved who they are); the sign-in is the person's own
    assert [entry.actor for entry in entries] == [None] * 7 + [person]
    assert [entry.changes for entry in entries] == [{}] * 6 + [{"locked": [None, True]}, {}]


def test_it_records_a_failure_for_a_user_name_that_nobody_has(db: None) -> None:
    _sign_in(_client(), "whatever", username="admin")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_uuid, entry.object_repr, entry.address) == (
        "sign_in_failed",
        None,
        "admin",
        "203.0.113.7",
    )


def test_it_locks_a_user_name_that_nobody_has_too(db: None) -> None:
    client = _client()
    _fail(client, 4, username="admin")
    assert _sign_in(client, "wrong", username="admin").status_code == 429


def test_a_blank_field_is_not_an_attempt(person: object) -> None:
    client = _client()
    for _attempt in range(6):
        client.post(reverse("users:login"), {"username": "li.ming", "password": ""})
    assert AuditEntry.objects.count() == 0
    assert _sign_in(client, RIGHT).status_code == 302


def test_the_admin_sign_in_is_the_same_page(person: object) -> None:
    response = _client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("users:login") + "?next=/admin/"


def test_the_test_client_login_goes_through_the_same_rule(person: object) -> None:
    client = Client()
    for _attempt in range(5):
        assert client.login(username="li.ming", password="wrong") is False
    assert client.login(username="li.ming", password=RIGHT) is False
    AccessAttempt.objects.all().delete()
    assert client.login(username="li.ming", password=RIGHT) is True

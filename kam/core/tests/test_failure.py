"""Failing well: every API error in the JSON shape (500 included), 503 + Retry-After while the
database is unreachable (API and pages, in Chinese and English), and a real error on a
reachable database stays a 500 (not hidden as an outage)."""

import logging

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

UNAVAILABLE = {
    "error": {
        "code": "unavailable",
        "message": "The service is temporarily unavailable. Please try again in a moment.",
        "fields": {},
    }
}
SERVER_ERROR = {
    "error": {
        "code": "server_error",
        "message": "Something went wrong and the request was not completed. Please try again "
        "later.",
        "fields": {},
    }
}


def _failing(error: Exception) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise error

    return fail


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check with a fresh connection fails, as it does when the server is gone."""
    monkeypatch.setattr("kam.core.outage.database_is_reachable", lambda: False)


def test_the_api_answers_an_unexpected_error_as_json_500_and_logs_it(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch, caplog: object
) -> None:
    monkeypatch.setattr("kam.accounts.api.account_list", _failing(KeyError("boom")))
    with caplog.at_level(logging.ERROR, logger="kam.api.errors"):  # type: ignore[attr-defined]
        response = client_for(owner).get("/api/v1/accounts")
    assert (response.status_code, response["Content-Type"]) == (
        500,
        "application/json; charset=utf-8",
    )
    assert response.json() == SERVER_ERROR
    assert "Retry-After" not in response
    (record,) = [r for r in caplog.records if r.name == "kam.api.errors"]  # type: ignore[attr-defined]
    assert record.getMessage() == "API error on GET /api/v1/accounts"
    assert record.exc_info[0] is KeyError


def test_the_api_answers_503_with_retry_after_when_the_database_is_down(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch, database_down: None
) -> None:
    monkeypatch.setattr(
        "kam.accounts.api.account_list", _failing(OperationalError("connection refused"))
    )
    response = client_for(owner).get("/api/v1/accounts")
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert response.json() == UNAVAILABLE


def test_the_api_answers_503_in_chinese(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch, database_down: None
) -> None:
    monkeypatch.setattr("kam.accounts.api.account_list", _failing(InterfaceError("closed")))
    client = client_for(owner)
    response = client.get("/api/v1/accounts", headers={"Accept-Language": "zh-hans"})
    assert response.status_code == 503
    assert response.json()["error"]["message"] == "服务暂时不可用，请稍后重试。"


def test_an_operational_error_on_a_reachable_database_stays_a_500(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kam.core.outage.database_is_reachable", lambda: True)
    monkeypatch.setattr(
        "kam.accounts.api.account_list", _failing(OperationalError("no such column: x"))
    )
    response = client_for(owner).get("/api/v1/accounts")
    assert response.status_code == 500
    assert response.json() == SERVER_ERROR


def test_a_page_answers_the_unavailable_page_in_english(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch, database_down: None
) -> None:
    monkeypatch.setattr("kam.accounts.views.account_list", _failing(OperationalError("gone")))
    response = client_for(owner).get("/accounts/")
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Temporarily unavailable</h1>" in html
    assert "cannot reach its database for the moment" in html


def test_a_page_answers_the_unavailable_page_in_chinese(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch, database_down: None
) -> None:
    monkeypatch.setattr("kam.accounts.views.account_list", _failing(OperationalError("gone")))
    response = client_for(owner).get("/accounts/", headers={"Accept-Language": "zh-hans"})
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h1>服务暂时不可用</h1>" in html
    assert "系统暂时无法连接数据库" in html


def test_a_page_error_on_a_reachable_database_is_not_hidden(
    client_for: object, owner: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kam.core.outage.database_is_reachable", lambda: True)
    monkeypatch.setattr("kam.accounts.views.account_list", _failing(OperationalError("locked")))
    with pytest.raises(OperationalError, match="locked"):
        client_for(owner).get("/accounts/")


def test_an_outage_while_reading_the_session_answers_503(
    owner: object, monkeypatch: pytest.MonkeyPatch, database_down: None
) -> None:
    """The session is read by middleware, before any view: Django's 500 handler answers."""
    client = Client(raise_request_exception=False, headers={"Accept-Language": "en"})
    client.force_login(owner)
    monkeypatch.setattr(
        "django.contrib.sessions.backends.db.SessionStore.load",
        _failing(OperationalError("server closed the connection")),
    )
    page = client.get("/accounts/")
    assert (page.status_code, page["Retry-After"]) == (503, "30")
    assert "<h1>Temporarily unavailable</h1>" in page.content.decode()
    api = client.get("/api/v1/accounts")
    assert (api.status_code, api["Retry-After"]) == (503, "30")
    assert api.json() == UNAVAILABLE


def test_an_error_outside_the_views_answers_json_under_api(
    owner: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client(raise_request_exception=False, headers={"Accept-Language": "en"})
    client.force_login(owner)
    monkeypatch.setattr(
        "django.contrib.sessions.backends.db.SessionStore.load", _failing(RuntimeError("boom"))
    )
    api = client.get("/api/v1/accounts")
    assert (api.status_code, api.json()) == (500, SERVER_ERROR)
    page = client.get("/accounts/")
    assert page.status_code == 500
    assert "Server error" in page.content.decode()


def test_the_reachability_check_sees_a_failing_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import connection

    from kam.core.outage import database_is_reachable

    assert database_is_reachable() is True
    monkeypatch.setattr(connection, "ensure_connection", _failing(OperationalError("refused")))
    assert database_is_reachable() is False

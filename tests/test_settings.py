"""Settings: strict environment parsing, secrets from files, .env.example lists every variable."""

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent


def test_it_parses_booleans_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAM_FLAG", "yes")
    assert env_bool("KAM_FLAG", default=False) is True
    monkeypatch.setenv("KAM_FLAG", "off")
    assert env_bool("KAM_FLAG", default=True) is False
    monkeypatch.setenv("KAM_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("KAM_FLAG", default=False)


def test_it_parses_integers_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAM_NUMBER", "12")
    monkeypatch.setenv("KAM_HOSTS", "a.example, b.example,")
    assert env_int("KAM_NUMBER", default=1) == 12
    assert env_list("KAM_HOSTS", default=[]) == ["a.example", "b.example"]
    monkeypatch.setenv("KAM_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("KAM_NUMBER", default=1)


def test_it_reads_secrets_from_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.setenv("KAM_SECRET_FILE", str(secret))
    assert env_str("KAM_SECRET") == "s3cret"


def test_it_requires_a_variable_without_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAM_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="KAM_MISSING is required"):
        env_str("KAM_MISSING")


def test_it_documents_every_variable_in_env_example() -> None:
    read = set()
    for path in (ROOT / "config").rglob("*.py"):
        read |= set(
            re.findall(r'env_(?:str|bool|int|list|header)\(\s*"([A-Z_]+)"', path.read_text())
        )
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert len(read) >= 10
    assert read <= documented, read - documented


def _production(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    """config.settings.production imported afresh under these environment variables."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-test-secret-that-is-long-enough-for-production-use")
    for name in (
        "DJANGO_SECURE_PROXY_SSL_HEADER",
        "DJANGO_SECURE_SSL_REDIRECT",
        "DJANGO_SESSION_COOKIE_SECURE",
        "DJANGO_CSRF_COOKIE_SECURE",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    return importlib.import_module("config.settings.production")


def test_it_serves_https_only_by_default_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    production = _production(monkeypatch)
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.LANGUAGE_COOKIE_SECURE is True


def test_it_reads_the_tls_proxy_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    production = _production(
        monkeypatch,
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_SSL_PROTO",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SESSION_COOKIE_SECURE="no",
        DJANGO_CSRF_COOKIE_SECURE="0",
    )
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_SSL_PROTO", "https")
    assert production.SECURE_SSL_REDIRECT is False
    assert production.SESSION_COOKIE_SECURE is False
    assert production.CSRF_COOKIE_SECURE is False
    assert production.LANGUAGE_COOKIE_SECURE is False


def test_it_trusts_no_proxy_header_when_it_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        _production(monkeypatch, DJANGO_SECURE_PROXY_SSL_HEADER="").SECURE_PROXY_SSL_HEADER is None
    )
    production = _production(monkeypatch, DJANGO_SECURE_PROXY_SSL_HEADER="none")
    assert production.SECURE_PROXY_SSL_HEADER is None


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DJANGO_SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto", "is not a header name"),
        ("DJANGO_SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO,https", "is not a header name"),
        ("DJANGO_SESSION_COOKIE_SECURE", "sometimes", "is not a boolean"),
        ("DJANGO_CSRF_COOKIE_SECURE", "", "is not a boolean"),
    ],
)
def test_it_refuses_malformed_tls_proxy_switches(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        _production(monkeypatch, **{name: value})


def _base(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    """config.settings.base imported afresh under these environment variables."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "config.settings.base", raising=False)
    return importlib.import_module("config.settings.base")


def test_it_keeps_a_session_twelve_hours_after_its_last_request() -> None:
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert "kam.users.sessions.SessionRenewalMiddleware" in settings.MIDDLEWARE


def test_it_reads_the_sign_in_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _base(
        monkeypatch,
        KAM_SESSION_HOURS="8",
        KAM_LOGIN_FAILURE_LIMIT="3",
        KAM_LOGIN_COOLOFF_MINUTES="60",
        KAM_API_TOKEN_DEFAULT_DAYS="30",
    )
    assert base.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert base.AXES_FAILURE_LIMIT == 3
    assert base.AXES_COOLOFF_TIME.total_seconds() == 60 * 60
    assert base.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert base.KAM_API_TOKEN_DEFAULT_DAYS == 30


@pytest.mark.parametrize(
    "name", ["KAM_SESSION_HOURS", "KAM_LOGIN_FAILURE_LIMIT", "KAM_LOGIN_COOLOFF_MINUTES"]
)
def test_it_refuses_a_zero_sign_in_setting(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"{name}=0 must be at least 1"):
        _base(monkeypatch, **{name: "0"})


def test_it_keeps_the_api_docs_private_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAM_API_DOCS_PUBLIC", raising=False)
    assert _production(monkeypatch).KAM_API_DOCS_PUBLIC is False

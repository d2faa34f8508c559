"""Settings: strict environment parsing, secrets from files, .env.example lists every variable."""

import re
from pathlib import Path

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
        read |= set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', path.read_text()))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert len(read) >= 10
    assert read <= documented, read - documented

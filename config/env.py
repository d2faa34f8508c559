"""Strict environment parsing for settings: a malformed value is an error, never a default."""

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None) -> str:
    """Return NAME, or the content of the file named by NAME_FILE (for secrets), or the default."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name}={value!r} is not a boolean.")


def env_int(name: str, *, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r} is not an integer."
        ) from error


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


_HEADER = re.compile(r"HTTP_[A-Z0-9_]+")


def env_header(name: str, *, default: str) -> tuple[str, str] | None:
    """A request header that a TLS-terminating proxy sets to "https", in Django's META form
    (`HTTP_X_FORWARDED_PROTO`), as the (header, "https") pair of SECURE_PROXY_SSL_HEADER;
    empty or "none" means no proxy header is trusted."""
    value = os.environ.get(name, default).strip()
    if value.lower() in {"", "none"}:
        return None
    if not _HEADER.fullmatch(value):
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r} is not a header name such as "
            f"HTTP_X_FORWARDED_PROTO (or empty)."
        )
    return (value, "https")

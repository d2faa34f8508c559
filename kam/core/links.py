"""URLs of many rows at once: each URL name is reversed once per list, then filled per row
(`reverse` per row costs more than the rest of a long list's rendering)."""

from collections.abc import Iterable

from django.urls import reverse

PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


class UuidLinks:
    """The URLs of named routes that take one UUID, reversed once."""

    def __init__(self, names: Iterable[str]) -> None:
        self.patterns = {name: reverse(name, args=[PLACEHOLDER]) for name in names}

    def url(self, name: str, uuid: object) -> str:
        return self.patterns[name].replace(PLACEHOLDER, str(uuid))

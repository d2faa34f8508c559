"""Fixtures of the needs tests: record a need as the account owner, with sensible defaults."""

from collections.abc import Callable

import pytest

from kam.needs.models import Need
from kam.needs.services import NeedInput, need_create


@pytest.fixture
def make_need(owner: object, account: object) -> Callable[..., Need]:
    def _make(**values: object) -> Need:
        actor = values.pop("actor", owner)
        target = values.pop("account", account)
        fields: dict[str, object] = {"title": "降低停电损失", "iceberg_layer": "surface"}
        fields.update(values)
        return need_create(actor=actor, account=target, need=NeedInput(**fields))  # type: ignore[arg-type]

    return _make

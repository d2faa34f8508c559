"""Fixtures of the platform plan tests: plan an item as the account owner, with defaults."""

from collections.abc import Callable

import pytest

from kam.platforms.models import PlatformItem
from kam.platforms.services import PlatformItemInput, platform_item_create

YEAR = 2026


@pytest.fixture
def make_platform(owner: object, account: object) -> Callable[..., PlatformItem]:
    def _make(**values: object) -> PlatformItem:
        actor = values.pop("actor", owner)
        target = values.pop("account", account)
        fields: dict[str, object] = {
            "year": YEAR,
            "platform_type": "technical_seminar",
            "title": "变电运维技术研讨会",
            "frequency": "quarterly",
        }
        fields.update(values)
        return platform_item_create(actor=actor, account=target, item=PlatformItemInput(**fields))  # type: ignore[arg-type]

    return _make

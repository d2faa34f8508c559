"""Fixtures of the compliance tests: dated entries and contacts of each counterpart type."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from kam.compliance.services import GiftInput, counterpart_profile_set, gift_entry_create


def first_of_year() -> date:
    """A date of this calendar year that is never in the future."""
    return date(timezone.localdate().year, 1, 1)


@pytest.fixture
def official(owner: object, contact: object) -> object:
    """`contact` as a government official in East China."""
    counterpart_profile_set(actor=owner, contact=contact, counterpart_type="government_official")
    contact.refresh_from_db()
    return contact


@pytest.fixture
def record(owner: object) -> object:
    """Record a gift as the account owner, with sensible defaults."""

    def _record(contact: object, value: str, **overrides: object) -> object:
        actor = overrides.pop("actor", owner)
        values = {
            "occurred_on": first_of_year(),
            "gift_type": "gift",
            "description": "纪念品",
            "value": Decimal(value),
            "currency": "CNY",
            "purpose": "项目验收答谢",
        }
        values.update(overrides)
        return gift_entry_create(actor=actor, contact=contact, data=GiftInput(**values))

    return _record

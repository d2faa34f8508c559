"""`in` on an integer column with a number no such column holds: no match, not an error."""

import pytest

from kam.users.models import User

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999999


def test_it_matches_nothing_for_numbers_out_of_the_column_range(owner: object) -> None:
    assert list(User.objects.filter(pk__in=[HUGE, -HUGE])) == []
    assert list(User.objects.filter(pk__in=[HUGE, owner.pk])) == [owner]


def test_it_keeps_every_row_when_excluding_numbers_out_of_range(owner: object) -> None:
    assert list(User.objects.exclude(pk__in=[HUGE])) == [owner]

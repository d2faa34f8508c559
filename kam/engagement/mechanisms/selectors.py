"""Reads of the communication mechanisms."""

from kam.engagement.models import Mechanism


def mechanisms_active() -> list[Mechanism]:
    """The active communication mechanisms in their reference order, with their cadences."""
    return list(Mechanism.objects.filter(is_active=True).prefetch_related("cadences"))


def mechanisms_all() -> list[Mechanism]:
    return list(Mechanism.objects.prefetch_related("cadences"))

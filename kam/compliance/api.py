"""API of the compliance app (same services, selectors and access rules as its pages)."""

from ninja import Router

router = Router(tags=["compliance"])

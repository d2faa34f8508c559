"""API of the health app (same services, selectors and access rules as its pages)."""

from ninja import Router

router = Router(tags=["health"])

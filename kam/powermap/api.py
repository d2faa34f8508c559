"""API of the powermap app (same services, selectors and access rules as its pages)."""

from ninja import Router

router = Router(tags=["powermap"])

"""API of the scoring engine: templates (read), assessments (create, list, get with explanation)."""

from ninja import Router

router = Router(tags=["assessments"])

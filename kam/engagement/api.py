"""API of the engagement app: each area's router (calendar, mechanisms, activities and meetings,
strategic matching, figures) under one router."""

from ninja import Router

from kam.engagement.calendar.api import router as calendar_router
from kam.engagement.figures.api import router as figures_router
from kam.engagement.matching.api import router as matching_router
from kam.engagement.mechanisms.api import router as mechanisms_router
from kam.engagement.meetings.api import router as meetings_router

router = Router()
router.add_router("", calendar_router)
router.add_router("", mechanisms_router)
router.add_router("", meetings_router)
router.add_router("", matching_router)
router.add_router("", figures_router)

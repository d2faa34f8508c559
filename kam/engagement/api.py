"""API of the engagement app: the calendar, activities and meetings, strategic matching."""

from ninja import Router

from kam.engagement.calendar_api import router as calendar_router
from kam.engagement.matching_api import router as matching_router
from kam.engagement.meeting_api import router as meeting_router

router = Router()
router.add_router("", calendar_router)
router.add_router("", meeting_router)
router.add_router("", matching_router)

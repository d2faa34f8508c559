"""URLs of the engagement app: each area's own list, in one namespace (the names are unchanged)."""

from kam.engagement.calendar.urls import urlpatterns as calendar_urls
from kam.engagement.figures.urls import urlpatterns as figures_urls
from kam.engagement.matching.urls import urlpatterns as matching_urls
from kam.engagement.mechanisms.urls import urlpatterns as mechanisms_urls
from kam.engagement.meetings.urls import urlpatterns as meetings_urls
from kam.engagement.settings.urls import urlpatterns as settings_urls

app_name = "engagement"
urlpatterns = [
    *calendar_urls,
    *mechanisms_urls,
    *meetings_urls,
    *matching_urls,
    *figures_urls,
    *settings_urls,
]

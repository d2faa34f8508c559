"""Reads of the engagement settings (traffic-light thresholds, digest windows).

The settings are append-only data: the newest row holds. A database without any row (a fresh
install: no data migration seeds one) answers an unsaved row carrying the spec's defaults [D],
so reading never writes.
"""

from kam.engagement.models import EngagementSettings

HISTORY_LIMIT = 20


def engagement_settings() -> EngagementSettings:
    """The settings in force: the newest row, or an unsaved row of defaults when there is none."""
    current = EngagementSettings.objects.order_by("-created_at", "-id").first()
    return current if current is not None else EngagementSettings()


def engagement_settings_history(*, limit: int = HISTORY_LIMIT) -> list[EngagementSettings]:
    """The newest changes first, with who made them (one query)."""
    return list(
        EngagementSettings.objects.select_related("created_by").order_by("-created_at", "-id")[
            :limit
        ]
    )

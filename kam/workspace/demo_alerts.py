"""Demo alerts: after every tool's records are seeded, the refresh runs once (as the daily job
would), so the alert centre opens with an alert of every kind."""

from django.utils import timezone

from kam.alerts.models import Alert
from kam.alerts.services import alerts_refresh


def seed_alerts() -> dict[str, int]:
    alerts_refresh(on=timezone.localdate())
    return {"open alerts": Alert.objects.filter(resolved_at=None).count()}

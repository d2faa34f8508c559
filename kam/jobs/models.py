"""The one model of our own: a periodic job's run for a day (the backend keeps the jobs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """One row per periodic job and day, so the job is enqueued once a day however often the
    scheduler (cron, a systemd timer) calls `manage.py enqueue_periodic` and on however many
    machines."""

    name = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    task_result_id = models.CharField(_("job id"), max_length=64, blank=True)
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        constraints = [
            models.UniqueConstraint(fields=["name", "day"], name="jobs_periodic_run_once_a_day")
        ]
        ordering = ["-day", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.day.isoformat()}"

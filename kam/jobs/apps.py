from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs on Django's Tasks interface: retries, orphan recovery, periodic runs and
    the administrators' job list."""

    name = "kam.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from kam.jobs import services

        task_finished.connect(services.on_task_finished, dispatch_uid="kam.jobs.retry")

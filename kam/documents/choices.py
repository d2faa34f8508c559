from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentForm(models.TextChoices):
    """The course forms that export as documents (the 中文 labels are the forms' names)."""

    CARD = "card", _("Key-person development card")
    SCORE_SHEET = "score_sheet", _("Customer relationship level score sheet")
    SCORECARD = "scorecard", _("Key account scorecard")
    MEETING = "meeting", _("Meeting record")
    RELATIONSHIP_TEST = "relationship_test", _("Key account relationship test model")
    POWER_MAP = "power_map", _("Organisational power map")
    KEY_PERSON_TABLE = "key_person_table", _("Key customer relationship status table")
    YEAR_MAP = "year_map", _("Key business activity calendar of the year")
    PLAN = "plan", _("Annual relationship-improvement plan")
    PLAN_VERSION = "plan_version", _("Annual relationship-improvement plan (approved version)")
    LETTER = "letter", _("Key account relationship management target responsibility letter")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")

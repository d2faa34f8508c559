"""Enumerations of the imports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    """What a file imports: an account's contacts, org units or team; key accounts or
    competitors."""

    CONTACTS = "contacts", _("Contacts")
    ORG_UNITS = "org_units", _("Org units")
    TEAM_MEMBERS = "team_members", _("Account team members")
    ACCOUNTS = "accounts", _("Key accounts")
    COMPETITORS = "competitors", _("Competitors")


class ImportStatus(models.TextChoices):
    """Where a batch is: checked by a job, previewed, imported by a job, done."""

    CHECKING = "checking", _("Checking the rows")
    PREVIEW = "preview", _("Checked: waiting for your decision")
    QUEUED = "queued", _("Waiting to import")
    RUNNING = "running", _("Importing")
    WRITING = "writing", _("Saving")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


# A batch in one of these is being worked on by a job: its page polls for progress.
IN_PROGRESS = (
    ImportStatus.CHECKING,
    ImportStatus.QUEUED,
    ImportStatus.RUNNING,
    ImportStatus.WRITING,
)

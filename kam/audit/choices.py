from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    # Someone was shown personal (privacy-flagged) data; `changes` names the fields shown.
    VIEW = "view", _("Viewed personal data")

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    # Someone was shown personal (privacy-flagged) data; `changes` names the fields shown.
    VIEW = "view", _("Viewed personal data")
    # Sign-in security: the record is the user whose name was typed (none when no such user);
    # the entry keeps the client's address.
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    LOCKOUT = "lockout", _("Sign-in locked")
    UNLOCK = "unlock", _("Sign-in unlocked")

"""Enumerations of the responsibility letter (T13.2). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import pgettext_lazy


class LetterStatus(models.TextChoices):
    """draft → owner_signed → signed → closed (scored and frozen)."""

    DRAFT = "draft", pgettext_lazy("letter status", "Draft")
    OWNER_SIGNED = "owner_signed", pgettext_lazy("letter status", "Signed by the owner")
    SIGNED = "signed", pgettext_lazy("letter status", "Signed")
    CLOSED = "closed", pgettext_lazy("letter status", "Closed")


OPEN_STATUSES = (LetterStatus.DRAFT, LetterStatus.OWNER_SIGNED)

"""Validators shared by the domain apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Permissive on purpose: people write numbers the way they read them. A number is an optional
# "+" and country code, then digits with spaces, hyphens, dots or brackets between them, and an
# optional extension (转 / 分机 / ext / x). The number itself has 5–15 digits (E.164 allows 15;
# 5 covers short service numbers such as 95598).
PHONE_PATTERN = re.compile(
    r"^\+?[(\d][\d ().\-]*\d"
    r"(?:\s*(?:转|分机|ext\.?|x)\s*\d{1,6})?$",
    re.IGNORECASE,
)
EXTENSION = re.compile(r"(?:转|分机|ext\.?|x)\s*\d{1,6}$", re.IGNORECASE)
PHONE_DIGITS_MIN = 5
PHONE_DIGITS_MAX = 15
PHONE_MESSAGE = _(
    "Enter a phone number: digits with spaces, hyphens or brackets, optionally a + and the "
    "country code and an extension (for example +86 138 0013 8000 or 010-6552 8888 转 123)."
)


def validate_phone(value: str) -> None:
    """Refuse what is not a phone number (letters, too few or too many digits)."""
    text = value.strip()
    if not text:
        return
    number = EXTENSION.sub("", text)
    digits = sum(character.isdigit() for character in number)
    if not PHONE_PATTERN.match(text) or not PHONE_DIGITS_MIN <= digits <= PHONE_DIGITS_MAX:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")

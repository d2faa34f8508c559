"""Enumerations of the plan reviews (T13 回顾). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ReviewKind(models.TextChoices):
    """A review looks back on a quarter or on the whole plan year."""

    QUARTERLY = "quarterly", pgettext_lazy("review kind", "Quarterly review")
    YEAR_END = "year_end", pgettext_lazy("review kind", "Year-end review")

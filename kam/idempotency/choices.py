from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordKind(models.TextChoices):
    PAGE = "page", _("Form submission")
    API = "api", _("API request")

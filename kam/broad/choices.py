"""Enumerations of the broad relationships (T10). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RaciRole(models.TextChoices):
    """One cell of the responsibility matrix 《普遍客户管理责任矩阵》."""

    RESPONSIBLE = "R", pgettext_lazy("RACI", "R · Responsible")
    ACCOUNTABLE = "A", pgettext_lazy("RACI", "A · Accountable")
    # "An A may also do the work" (T10.2 [S26]): one person, both letters.
    ACCOUNTABLE_RESPONSIBLE = "AR", pgettext_lazy("RACI", "A+R · Accountable and does the work")
    CONSULTED = "C", pgettext_lazy("RACI", "C · Consulted")
    INFORMED = "I", pgettext_lazy("RACI", "I · Informed")


class CoverageColour(models.TextChoices):
    """How a cell of the coverage heat map is coloured (`rules.cell_colour`)."""

    NOT_TARGET = "not_target", pgettext_lazy("coverage cell", "Not a target")
    GAP = "gap", pgettext_lazy("coverage cell", "Target, nobody known")
    THIN = "thin", pgettext_lazy("coverage cell", "Target, known but not covered")
    COVERED = "covered", pgettext_lazy("coverage cell", "Target, covered")


class BroadKpi(models.TextChoices):
    """The broad-relationship KPIs of T10.2 a platform item can serve."""

    COVERAGE_RATE = "coverage_rate", _("Share of target cells covered")
    CONTACTS_PER_DEPT = "contacts_per_dept", _("Active contacts per target department")
    CONTACT_FREQUENCY = "contact_frequency", _("Planned vs actual contacts")
    SUPPORTER_SHARE = "supporter_share", _("Contacts with support ≥ +1")
    OPS_SATISFACTION = "ops_satisfaction", _("Operational-staff satisfaction")
    RESPONSE_TIME = "response_time", _("Median response to requests")
    PLATFORM_EVENTS = "platform_events", _("Platform activities held vs plan")

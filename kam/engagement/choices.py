"""Enumerations of engagement (spec T5.2, T6.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class KeyDateKind(models.TextChoices):
    """The customer's own key dates, shown on the same calendar."""

    BUDGET_CYCLE = "budget_cycle", _("Budget cycle")
    TENDER = "tender", _("Tender")
    SHUTDOWN = "shutdown", _("Shutdown or maintenance")
    BOARD_MEETING = "board_meeting", _("Board meeting")
    OTHER = "other", _("Other")


class ParticipantLevel(models.TextChoices):
    """Who meets whom in a mechanism (兵对兵、将对将)."""

    EXECUTIVE = "executive", _("Executives")
    MIDDLE = "middle", _("Middle management")
    EXPERT = "expert", _("Experts and technical staff")
    FRONT_LINE = "front_line", _("Front line")
    MIXED = "mixed", _("Mixed")


class IssueDomain(models.TextChoices):
    """区分领域 (T6), also used to classify what was heard in a meeting."""

    STRATEGY = "strategy", _("Strategy")
    RND = "rnd", _("R&D")
    PRODUCTION = "production", _("Production & operations")
    SUPPLY_CHAIN = "supply_chain", _("Supply chain")
    MARKETING_SALES = "marketing_sales", _("Marketing & sales")
    FINANCE = "finance", _("Finance")
    HR_TRAINING = "hr_training", _("HR & training")
    IT_DIGITAL = "it_digital", _("IT & digital")
    COMPLIANCE_ESG = "compliance_esg", _("Compliance & ESG")
    OTHER = "other", _("Other")


class NeedType(models.TextChoices):
    EXPLICIT = "explicit", _("Explicit need")
    IMPLICIT = "implicit", _("Implicit need")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class OwnerSide(models.TextChoices):
    OURS = "ours", _("Our side")
    CUSTOMER = "customer", _("Customer side")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class HelpType(models.TextChoices):
    PRODUCT = "product", _("Product")
    SOLUTION = "solution", _("Solution")
    EXPERTISE = "expertise", _("Expertise")
    RESOURCES = "resources", _("Connecting resources")
    TRAINING = "training", _("Training")
    FINANCING = "financing", _("Financing")


class ValueType(models.TextChoices):
    COST_REDUCTION = "cost_reduction", _("Cost reduction")
    REVENUE_GROWTH = "revenue_growth", _("Revenue growth")
    RISK_REDUCTION = "risk_reduction", _("Risk reduction")
    EFFICIENCY = "efficiency", _("Efficiency")
    STRATEGIC = "strategic", _("Strategic value")


class MatchingStage(models.TextChoices):
    """区分领域 → 针对问题 → 关键帮助 → 价值提升, as a funnel."""

    IDENTIFIED = "identified", _("Identified")
    PROBLEM_CONFIRMED = "problem_confirmed", _("Problem confirmed")
    HELP_AGREED = "help_agreed", _("Help agreed")
    DELIVERED = "delivered", _("Delivered")
    VALUE_PROVEN = "value_proven", _("Value proven")


class TacticTier(models.TextChoices):
    """三重经典战术: the tier of value a planned action works on (T12.2), so that effort can be
    reported per tier. Plan actions and calendar entries carry it."""

    PRODUCT = "product", _("Product-tier tactics (up-sell, cross-sell, quality and service)")
    PROCESS = "process", _("Process-tier tactics (process integration, cost-out, solutions)")
    STRATEGIC = "strategic", _("Strategic-tier tactics (joint planning, innovation, co-investment)")

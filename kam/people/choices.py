"""Enumerations of the customer's organisation (spec §1.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Function(models.TextChoices):
    """部门职能 (customise per industry)."""

    GENERAL_MANAGEMENT = "general_mgmt", _("General management")
    STRATEGY = "strategy", _("Strategy & planning")
    RESEARCH_DEVELOPMENT = "rnd", _("R&D / engineering")
    PRODUCTION = "production", _("Production & operations")
    PROCUREMENT = "procurement", _("Procurement")
    QUALITY = "quality", _("Quality")
    FINANCE = "finance", _("Finance")
    INFORMATION_TECHNOLOGY = "it", _("IT")
    MARKETING_SALES = "marketing_sales", _("Marketing & sales")
    HUMAN_RESOURCES = "hr", _("Human resources")
    LEGAL_COMPLIANCE = "legal_compliance", _("Legal & compliance")
    SERVICE_MAINTENANCE = "service_maintenance", _("Service & maintenance")
    OTHER = "other", _("Other")


class DecisionRole(models.TextChoices):
    """决策角色 in the buying centre (multi-select)."""

    INITIATOR = "initiator", _("Initiator")
    USER = "user", _("User")
    INFLUENCER = "influencer", _("Influencer")
    DECIDER = "decider", _("Decider")
    BUYER = "buyer", _("Buyer")
    GATEKEEPER = "gatekeeper", _("Gatekeeper")
    APPROVER = "approver", _("Approver")


class BuyingInfluence(models.TextChoices):
    """Miller Heiman buying influences."""

    ECONOMIC_BUYER = "economic_buyer", _("Economic buyer")
    USER_BUYER = "user_buyer", _("User buyer")
    TECHNICAL_BUYER = "technical_buyer", _("Technical buyer")
    COACH = "coach", _("Coach")


class Visibility(models.TextChoices):
    """显性/隐性: formal authority by position, or influence beyond the position."""

    EXPLICIT = "explicit", _("Explicit key person")
    HIDDEN = "hidden", _("Hidden key person")


class PoliticalStatus(models.TextChoices):
    INNER_CIRCLE = "inner_circle", _("Inner circle")
    POLITICAL_STRUCTURE = "political_structure", _("Inside the power structure")
    OUTSIDE = "outside", _("Outside the power structure")


class Support(models.IntegerChoices):
    """支持度 from −2 (enemy) to +2 (mentor)."""

    ENEMY = -2, _("Enemy")
    NON_SUPPORTER = -1, _("Non-supporter")
    NEUTRAL = 0, _("Neutral")
    SUPPORTER = 1, _("Supporter")
    MENTOR = 2, _("Mentor")


class ResponseMode(models.TextChoices):
    GROWTH = "growth", _("Growth")
    TROUBLE = "trouble", _("Trouble")
    EVEN_KEEL = "even_keel", _("Even keel")
    OVERCONFIDENT = "overconfident", _("Overconfident")


class DecisionFocus(models.TextChoices):
    BUSINESS = "business", _("Business")
    TECHNICAL = "technical", _("Technical")
    FINANCIAL = "financial", _("Financial")
    RELATIONSHIP = "relationship", _("Relationship")


class Coverage(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    NO_CONTACT = "no_contact", _("No contact")
    BRIEF = "brief", _("Brief contact")
    MULTIPLE = "multiple", _("Multiple contacts")
    IN_DEPTH = "in_depth", _("In depth")


class Closeness(models.TextChoices):
    """联系紧密度, judged by the information shared, not by the number of visits."""

    NONE = "none", _("No connection")
    LITTLE = "little", _("Little connection")
    MORE = "more", _("Closer connection")
    DEEP = "deep", _("Deep connection")


class EdgeType(models.TextChoices):
    """Informal lines between contacts (非正式关系)."""

    INFLUENCES = "influences", _("Influences")
    ALLY = "ally", _("Ally")
    CONFLICT = "conflict", _("Conflict")
    PERSONAL_TIE = "personal_tie", _("Personal tie")
    REPORTS_TO_DOTTED = "reports_to_dotted", _("Dotted-line manager")


class KeyPersonReason(models.TextChoices):
    """Why the rules flag a key person (codes returned by kam.people.rules)."""

    DECIDING_ROLE = "deciding_role", _("Decider or approver")
    ECONOMIC_BUYER = "economic_buyer", _("Economic buyer")
    HIGH_INFLUENCE = "high_influence", _("Influence 7 or more")
    HIDDEN_INFLUENCE = "hidden_influence", _("Hidden, influence 5 or more")

"""Writes of the key-account scorecard: submit a scorecard, reclassify the portfolio, change the
category policies and the portfolio settings. Scores come from the one engine
(`assessment_submit`); categories from `formulas.category_for` (via `classification`).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, can_change_account, require
from kam.accounts.models import Account, Competitor
from kam.assessments.models import Assessment
from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.audit.choices import AuditAction
from kam.audit.models import AuditEntry
from kam.audit.services import audit_record, audit_value, audited_update
from kam.core.exceptions import ApplicationError
from kam.scorecard import classification
from kam.scorecard.cache import portfolio_version_bump
from kam.scorecard.choices import KEY_ACCOUNT_CATEGORIES
from kam.scorecard.defaults import DEFAULT_SETTINGS
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.scorecard.selectors import key_account_count
from kam.scorecard.selectors.positions import position_save
from kam.users.models import User

MAX_COMPETITORS = 4
SETTINGS_FIELDS = list(DEFAULT_SETTINGS)
POLICY_FIELDS = [
    "label_zh",
    "label_en",
    "policy_zh",
    "policy_en",
    "plan_depth",
    "review_cadence",
    "contact_cadence_days",
    "broad_kpi_targets",
]


@dataclass(frozen=True)
class ScorecardFigures:
    """Money figures of one account and period, in the account's currency."""

    current_revenue: Decimal
    potential_revenue_3y: Decimal
    total_category_spend_est: Decimal | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "current_revenue": str(self.current_revenue),
            "potential_revenue_3y": str(self.potential_revenue_3y),
            "total_category_spend_est": (
                None
                if self.total_category_spend_est is None
                else str(self.total_category_spend_est)
            ),
        }


@dataclass(frozen=True)
class ScorecardOutcome:
    attractiveness: Assessment
    strength: Assessment
    category: str
    previous_category: str
    reclassified_others: int
    key_account_count: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SettingsOutcome:
    settings: PortfolioSettings
    reclassified: int
    key_account_count: int
    warnings: list[str] = field(default_factory=list)


def _invalid(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code, status=422)


# --- scorecard submission ------------------------------------------------------------------


def _check_figures(figures: ScorecardFigures) -> None:
    errors = {}
    for name in ("current_revenue", "potential_revenue_3y", "total_category_spend_est"):
        value = getattr(figures, name)
        if value is not None and value < 0:
            errors[name] = [_("Enter an amount of zero or more.")]
    if errors:
        raise ValidationError(errors)


def _check_strength_grid(answers: list[AnswerInput]) -> None:
    """Us and every competitor are scored on the same key buying criteria (a fair ratio)."""
    ours = {a.criterion_code for a in answers if a.competitor is None and a.value is not None}
    if not ours:
        raise _invalid(_("Score us on the key buying criteria."), "no_strength_answers")
    by_competitor: dict[Competitor, set[str]] = {}
    for answer in answers:
        if answer.competitor is not None and answer.value is not None:
            by_competitor.setdefault(answer.competitor, set()).add(answer.criterion_code)
    if not by_competitor:
        raise _invalid(
            _("Score at least one competitor: relative strength compares us with the best one."),
            "no_competitor",
        )
    if len(by_competitor) > MAX_COMPETITORS:
        raise _invalid(
            _("Compare with at most {count} competitors.").format(count=MAX_COMPETITORS),
            "too_many_competitors",
        )
    for competitor, codes in by_competitor.items():
        if codes != ours:
            raise _invalid(
                _("{competitor}: score the same key buying criteria as us.").format(
                    competitor=competitor
                ),
                "incomplete_strength_grid",
            )


def portfolio_settings_locked() -> PortfolioSettings:
    """The settings in force, locked: scorecard writes and reclassifications run one at a time."""
    current = PortfolioSettings.objects.select_for_update().order_by("-created_at", "-id").first()
    if current is None:
        current = PortfolioSettings.objects.create(**DEFAULT_SETTINGS)
    return current


@dataclass(frozen=True, kw_only=True)
class ScorecardInput:
    """One scorecard of an account for a period: the attractiveness answers, the strength grid
    (us and each competitor on the same criteria), the money figures, a note, and the written
    reason to go above the key-account limit."""

    period: str
    assessed_on: date
    attractiveness_answers: list[AnswerInput]
    strength_answers: list[AnswerInput]
    figures: ScorecardFigures
    note: str = ""
    override_reason: str = ""


def _store_snapshots(
    *, actor: User, account: Account, data: ScorecardInput
) -> tuple[Assessment, Assessment]:
    """The attractiveness and the strength snapshot of one submission, tied by its id."""
    submission = uuid.uuid4().hex
    attractiveness = assessment_submit(
        actor=actor,
        account=account,
        template=template_current(tool_code=classification.ATTRACTIVENESS),
        data=AssessmentInput(
            period=data.period,
            assessed_on=data.assessed_on,
            answers=data.attractiveness_answers,
            note=data.note,
            inputs={
                "submission": submission,
                "currency": account.currency,
                "figures": data.figures.as_json(),
            },
        ),
    )
    strength = assessment_submit(
        actor=actor,
        account=account,
        template=template_current(tool_code=classification.STRENGTH),
        data=AssessmentInput(
            period=data.period,
            assessed_on=data.assessed_on,
            answers=data.strength_answers,
            note=data.note,
            inputs={"submission": submission},
        ),
    )
    return attractiveness, strength


@transaction.atomic
def scorecard_submit(*, actor: User, account: Account, data: ScorecardInput) -> ScorecardOutcome:
    """Store both snapshots of a scorecard, then reclassify the accounts it affects.

    More than the hard limit of key accounts (strategic + star) is refused unless a written
    reason is given; the reason is kept in the attractiveness snapshot and in the audit trail.
    """
    require(can_change_account(actor, account))
    _check_figures(data.figures)
    _check_strength_grid(data.strength_answers)
    settings = portfolio_settings_locked()
    count_before = key_account_count()
    attractiveness, strength = _store_snapshots(actor=actor, account=account, data=data)
    position_save(attractiveness, strength)
    changes = reclassify(settings=settings, period=data.period, account=account)
    count_after = count_before + _key_account_delta(changes)
    _apply_key_account_rule(
        actor, attractiveness, settings, count_before, count_after, data.override_reason.strip()
    )
    audit_reclassification(actor=actor, changes=changes)
    previous_category = account.category
    if account.pk in changes:
        account.category = changes[account.pk].after
    return ScorecardOutcome(
        attractiveness=attractiveness,
        strength=strength,
        category=account.category,
        previous_category=previous_category,
        reclassified_others=len([pk for pk in changes if pk != account.pk]),
        key_account_count=count_after,
        warnings=_key_account_warnings(settings, count_after),
    )


def _apply_key_account_rule(
    actor: User,
    attractiveness: Assessment,
    settings: PortfolioSettings,
    count_before: int,
    count_after: int,
    reason: str,
) -> None:
    if count_after <= settings.key_account_hard_limit or count_after <= count_before:
        return
    if not reason:
        raise ApplicationError(
            _(
                "This scorecard would make {count} key accounts, above the limit of {limit}. "
                "Give a written reason to go above it, or review the portfolio first."
            ).format(count=count_after, limit=settings.key_account_hard_limit),
            code="key_account_limit",
            status=422,
        )
    override = {"reason": reason, "count": count_after, "limit": settings.key_account_hard_limit}
    attractiveness.inputs = {**attractiveness.inputs, "key_account_override": override}
    attractiveness.save(update_fields=["inputs", "updated_at"])
    audit_record(
        actor=actor,
        instance=attractiveness,
        action=AuditAction.UPDATE,
        changes={
            "key_account_override": [None, reason],
            "key_account_count": [count_before, count_after],
        },
        account_uuid=attractiveness.account.uuid,
    )


def _key_account_warnings(settings: PortfolioSettings, count: int) -> list[str]:
    if count <= settings.key_account_warn_count:
        return []
    return [
        _(
            "The portfolio now holds {count} key accounts. McDonald & Woodburn advise "
            "{minimum}–{warn}; more than {limit} is too many to manage well."
        ).format(
            count=count,
            minimum=settings.key_account_target_minimum,
            warn=settings.key_account_warn_count,
            limit=settings.key_account_hard_limit,
        )
    ]


# --- reclassification ------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryChange:
    account_uuid: uuid.UUID
    account_name: str
    before: str
    after: str


def reclassify(
    *, settings: PortfolioSettings, period: str | None = None, account: Account | None = None
) -> dict[int, CategoryChange]:
    """Recompute `Account.category` where it may have moved, in one read and one update.

    Fixed mode with an account: only that account. Median mode with a period: every account
    whose latest position is in that period or later (the period's medians moved). Neither:
    the whole portfolio (after a settings change).
    """
    rows = Assessment.objects.filter(tool_code__in=classification.SCORECARD_TOOLS, is_current=True)
    if account is not None and not settings.is_median_mode:
        rows = rows.filter(account=account)
    elif period is not None:
        rows = rows.filter(period__gte=period)
    values = list(
        rows.values_list(
            "account_id", "tool_code", "period", "total", "account__category",
            "account__uuid", "account__name", classification.EXACT_TOTAL,
        )
    )  # fmt: skip
    new = classification.categories(
        classification.positions_from_totals(
            (*row[:3], classification.exact_or_rounded(row[7], row[3])) for row in values
        ),
        fixed=settings.fixed_thresholds,
        use_medians=settings.is_median_mode,
    )
    known = {row[0]: row[4:7] for row in values}
    changes = {
        pk: CategoryChange(known[pk][1], known[pk][2], known[pk][0], category)
        for pk, category in new.items()
        if known[pk][0] != category
    }
    _update_categories(changes)
    return changes


def _update_categories(changes: dict[int, CategoryChange]) -> None:
    """One UPDATE … SET category = CASE … for every account that moved (updated_at is left
    alone: the category is derived, and an open edit form of the account must not go stale)."""
    if not changes:
        return
    portfolio_version_bump()
    by_category: dict[str, list[int]] = {}
    for pk, change in changes.items():
        by_category.setdefault(change.after, []).append(pk)
    Account.objects.filter(pk__in=list(changes)).update(
        category=models.Case(
            *[
                models.When(pk__in=pks, then=models.Value(code))
                for code, pks in by_category.items()
            ],
            output_field=models.CharField(),
        )
    )


def _key_account_delta(changes: dict[int, CategoryChange]) -> int:
    delta = 0
    for change in changes.values():
        delta += int(change.after in KEY_ACCOUNT_CATEGORIES)
        delta -= int(change.before in KEY_ACCOUNT_CATEGORIES)
    return delta


def audit_reclassification(*, actor: User | None, changes: dict[int, CategoryChange]) -> None:
    """One audit entry per account whose category moved, written in one INSERT."""
    if not changes:
        return
    content_type = ContentType.objects.get_for_model(Account)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=AuditAction.UPDATE,
            content_type=content_type,
            object_uuid=change.account_uuid,
            object_repr=change.account_name[:200],
            account_uuid=change.account_uuid,
            changes={"category": [audit_value(change.before or None), audit_value(change.after)]},
        )
        for change in changes.values()
    )


# --- policies and settings ---------------------------------------------------------------------


@transaction.atomic
def portfolio_settings_update(
    *, actor: User, data: dict[str, object], expected_version: uuid.UUID | None = None
) -> SettingsOutcome:
    """A settings change adds a new settings row (the history) and reclassifies the portfolio."""
    require(can_administer_portfolio(actor))
    current = portfolio_settings_locked()
    if expected_version is not None and current.uuid != expected_version:
        raise ApplicationError(
            _("Someone else changed the settings after you opened them: reload the page."),
            code="stale_version",
            status=409,
        )
    values = {name: data.get(name, getattr(current, name)) for name in SETTINGS_FIELDS}
    changes = {
        name: [getattr(current, name), value]
        for name, value in values.items()
        if getattr(current, name) != value
    }
    if not changes:
        return SettingsOutcome(current, 0, key_account_count())
    new = PortfolioSettings(created_by=actor, **values)
    new.full_clean()
    new.save()
    audit_record(actor=actor, instance=new, action=AuditAction.CREATE, changes=changes)
    moved = reclassify(settings=new)
    audit_reclassification(actor=actor, changes=moved)
    count = key_account_count()
    return SettingsOutcome(new, len(moved), count, _key_account_warnings(new, count))


@transaction.atomic
def category_policy_update(
    *,
    actor: User,
    policy: CategoryPolicy,
    data: dict[str, object],
    expected_version: datetime | None = None,
) -> CategoryPolicy:
    require(can_administer_portfolio(actor))
    return audited_update(
        actor=actor,
        instance=policy,
        data=data,
        fields=POLICY_FIELDS,
        expected_version=expected_version,
    )

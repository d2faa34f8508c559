"""Reads shared by the scorecard's pages: settings, policies, periods and their thresholds.

Categories shown for a period are derived from the stored scores under the settings in force
(`classification`); `Account.category` holds the one of each account's latest period.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.http import Http404
from django.utils.translation import gettext as _

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.assessments.formulas import CategoryThresholds
from kam.assessments.models import Assessment
from kam.broad.choices import BroadKpi
from kam.broad.rules import KPI_UNITS
from kam.scorecard import classification
from kam.scorecard.choices import CATEGORY_ORDER, KEY_ACCOUNT_CATEGORIES
from kam.scorecard.defaults import DEFAULT_SETTINGS
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.users.models import User

ATTRACTIVENESS = classification.ATTRACTIVENESS
STRENGTH = classification.STRENGTH


def as_decimal(value: object) -> Decimal | None:
    """A stored amount (text in JSON) as a Decimal; None when missing or unreadable."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# --- settings and policies ---------------------------------------------------------------------


def portfolio_settings_current() -> PortfolioSettings:
    """The settings in force: the newest row (an unsaved default row if there is none yet)."""
    current = PortfolioSettings.objects.order_by("-created_at", "-id").first()
    return current if current is not None else PortfolioSettings(**DEFAULT_SETTINGS)


def portfolio_settings_history(*, limit: int = 10) -> list[PortfolioSettings]:
    return list(
        PortfolioSettings.objects.select_related("created_by").order_by("-created_at", "-id")[
            :limit
        ]
    )


def category_policies() -> dict[str, CategoryPolicy]:
    """The four policies by category code, in display order (strategic first)."""
    found = {policy.code: policy for policy in CategoryPolicy.objects.all()}
    return {code: found[code] for code in CATEGORY_ORDER if code in found}


@dataclass(frozen=True)
class KpiTargetRow:
    """One broad-relationship KPI and its target in each category (policy page)."""

    code: str
    label: str
    unit: str
    targets: list[float | None]


def kpi_target_table(policies: dict[str, CategoryPolicy]) -> list[KpiTargetRow]:
    """The KPI targets of T10.2 by category, in the order of `policies`."""
    return [
        KpiTargetRow(
            code=code,
            label=str(label),
            unit=KPI_UNITS.get(code, ""),
            targets=[(policy.broad_kpi_targets or {}).get(code) for policy in policies.values()],
        )
        for code, label in BroadKpi.choices
    ]


def category_policy_get(*, code: str) -> CategoryPolicy:
    policy = CategoryPolicy.objects.filter(code=code).first()
    if policy is None:
        raise Http404(_("No such category."))
    return policy


def key_account_count() -> int:
    """Key accounts in the whole portfolio: those classified strategic or star."""
    return Account.objects.filter(category__in=KEY_ACCOUNT_CATEGORIES).count()


def period_thresholds(
    *,
    settings: PortfolioSettings,
    periods: Iterable[str],
    positions: list[classification.Position] | None = None,
) -> dict[str, CategoryThresholds]:
    """The thresholds of each period. Median mode needs the whole portfolio's positions of those
    periods: pass them when already loaded, else they are read in one query."""
    periods = list(periods)
    fixed = settings.fixed_thresholds
    if not settings.is_median_mode:
        return dict.fromkeys(periods, fixed)
    if positions is None:
        rows = Assessment.objects.filter(
            tool_code__in=classification.SCORECARD_TOOLS, is_current=True, period__in=periods
        ).values_list("account_id", "tool_code", "period", "total", classification.EXACT_TOTAL)
        positions = classification.positions_from_totals(
            (*row[:3], classification.exact_or_rounded(row[4], row[3])) for row in rows
        )
    found = classification.thresholds_by_period(positions, fixed=fixed, use_medians=True)
    return {period: found.get(period, fixed) for period in periods}


def scorecard_periods(*, user: User) -> list[str]:
    """Periods in which the user sees at least one current scorecard, newest first."""
    snapshots = Assessment.objects.filter(tool_code=ATTRACTIVENESS, is_current=True)
    return list(
        scope_to_visible_accounts(snapshots, user)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()
    )

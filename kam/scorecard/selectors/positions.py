"""The portfolio-matrix read model: build a ScorecardPosition from a scorecard's two snapshots."""

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from kam.assessments import engine

if TYPE_CHECKING:
    from kam.assessments.models import Assessment


def _money(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def position_values(attractiveness: "Assessment", strength: "Assessment | None") -> dict[str, Any]:
    """Field values of the position of two snapshots (model instances, possibly historical)."""
    figures = (attractiveness.inputs or {}).get("figures", {})
    strength_figures = (strength.result or {}).get("figures", {}) if strength else {}
    return {
        "account_id": attractiveness.account_id,
        "period": attractiveness.period,
        "attractiveness_snapshot_id": attractiveness.pk,
        "snapshot_uuid": attractiveness.uuid,
        # Unrounded, as the engine computed them: the matrix decides categories on these.
        "attractiveness": engine.exact_total_of(attractiveness.result, attractiveness.total) or 0.0,
        "strength": engine.exact_total_of(strength.result, strength.total) if strength else None,
        "strength_ratio": strength_figures.get("strength_ratio"),
        "current_revenue": _money(figures.get("current_revenue")),
        "potential_revenue": _money(figures.get("potential_revenue_3y")),
    }


def position_save(attractiveness: "Assessment", strength: "Assessment | None") -> None:
    """Record (or replace) the account's position in the snapshots' period."""
    from kam.scorecard.models import ScorecardPosition

    values = position_values(attractiveness, strength)
    ScorecardPosition.objects.update_or_create(
        account_id=values.pop("account_id"), period=values.pop("period"), defaults=values
    )

"""One read model per request of the plan: the account's T3 health data, T2 overview, power
map, T10 matrix and latest snapshots are read once here and shared by the gap list (section 4),
the current state (section 3) and the RACI people (section 8). The catalogue metrics of section 3
read through the same `MetricContext`, whose memo is seeded with what was read already."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import timezone

from kam.accounts.models import Account
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment
from kam.assessments.selectors import assessment_as_of
from kam.broad.models import RaciRow
from kam.broad.selectors import Matrix, account_matrix, uncovered_rows
from kam.health.selectors import AccountHealthData, HealthSummary, account_health_data, summary_from
from kam.metrics.registry import MetricContext
from kam.powermap.selectors import PowerMap, power_map
from kam.relationship.selectors import RelationshipOverview, relationship_overview
from kam.value.selectors import ValueOverview, value_overview


@dataclass
class PlanReads:
    """The records of one account as of a date (default today), each read at most once."""

    account: Account
    on: date = field(default_factory=timezone.localdate)

    @cached_property
    def context(self) -> MetricContext:
        """The catalogue's context, sharing this read model's reads with the metrics."""
        context = MetricContext(account=self.account, on=self.on)
        context.memo["health"] = self.health.history
        context.memo["relationship"] = self.relationship
        context.memo[f"snapshot:{ToolCode.ORG_SCORE_SHEET}"] = self.org_snapshot
        return context

    @cached_property
    def health_data(self) -> AccountHealthData:
        return account_health_data(account=self.account)

    @cached_property
    def health(self) -> HealthSummary:
        return summary_from(self.health_data)

    @cached_property
    def relationship(self) -> RelationshipOverview:
        return relationship_overview(account=self.account, health=self.health)

    @cached_property
    def org_snapshot(self) -> Assessment | None:
        """The T4 score sheet in force on the date (the gaps and section 3 show the same one)."""
        return assessment_as_of(
            account=self.account, tool_code=ToolCode.ORG_SCORE_SHEET, on=self.on
        )

    @cached_property
    def power_map(self) -> PowerMap:
        """Levels, targets and red flags (no lines, actions or supporters: not shown here)."""
        return power_map(account=self.account, today=self.on, with_details=False)

    @cached_property
    def matrix(self) -> Matrix:
        return account_matrix(account=self.account)

    @cached_property
    def uncovered_rows(self) -> list[RaciRow]:
        """The T10 rows nobody on our side is responsible (R) for, in the matrix's order (from
        the matrix when it was read, else in one query)."""
        if "matrix" in self.__dict__:
            return [row.row for row in self.matrix.rows if row.is_uncovered]
        return uncovered_rows(account=self.account)

    @cached_property
    def value(self) -> ValueOverview:
        return value_overview(account=self.account, history_limit=5)

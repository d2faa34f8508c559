"""Broad-relationship KPIs (T10.2) for the latency benchmark: a current KPI check of every
account in this quarter, scored with the engine's own `score` from random achievements, written
with bulk_create (load, not history: no services, no audit trail). Idempotent.

    from kpis_bench import add_kpi_data, targets
    add_kpi_data()
    for label, url in targets(account): ...
"""

import random
from decimal import Decimal

BATCH_SIZE = 2000
SEED = 20261207


def add_kpi_data() -> int:
    """One current KPI check per account in this quarter (skipped when they exist)."""
    from django.utils import timezone

    from kam.accounts.models import Account
    from kam.assessments import engine
    from kam.assessments.models import Assessment
    from kam.assessments.services import result_as_json
    from kam.kpis.selectors import kpi_template, quarter_of

    today = timezone.localdate()
    period = quarter_of(today)
    if Assessment.objects.filter(tool_code="broad_kpi", period=period).exists():
        return 0
    template = kpi_template()
    spec = template.spec(list(template.criteria.all()))
    codes = [criterion.code for criterion in spec.criteria]
    rng = random.Random(SEED)
    rows = []
    for account_id in Account.objects.order_by("pk").values_list("pk", flat=True):
        achievements = {code: round(rng.uniform(30, 140), 2) for code in codes}
        result = engine.score(spec, [engine.Answer(c, v) for c, v in achievements.items()])
        rows.append(
            Assessment(
                template=template,
                tool_code="broad_kpi",
                account_id=account_id,
                period=period,
                assessed_on=today,
                total=engine.to_decimal(result.total),
                band=result.band,
                completeness=Decimal(str(round(result.completeness, 4))),
                is_complete=result.is_complete,
                result=result_as_json(result),
                inputs={"achievements": achievements, "targets": {}, "actuals": {}},
            )
        )
    Assessment.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    return [
        ("KPI board page (account)", reverse("kpis:account", args=[uuid])),
        ("KPI board API (account)", reverse("api:api_kpi_board", args=[uuid])),
        ("KPI portfolio page", reverse("kpis:portfolio")),
        ("KPI portfolio API", reverse("api:api_kpi_portfolio")),
    ]

"""The value ladder (T12) for the latency benchmark: a current value snapshot of every account in
2025 and 2026, scored with the engine's own `score` and the value rules, written with bulk_create
(load, not history: no services, no audit trail). Idempotent: nothing is added when the 2026
snapshots are there.

    from value_bench import add_value_data, targets
    add_value_data()
    for label, url in targets(account): ...
"""

import random
from datetime import date
from decimal import Decimal

BATCH_SIZE = 2000
SEED = 20261201
PERIODS = ("2025", "2026")


def _snapshot(template: object, spec: object, account_id: int, period: str, rng: random.Random):  # type: ignore[no-untyped-def]
    from kam.assessments import engine
    from kam.assessments.models import Assessment
    from kam.assessments.services import result_as_json
    from kam.value.services import snapshot_inputs

    codes = [criterion.code for criterion in spec.criteria]
    level = rng.uniform(0.5, 4.5)
    current = {code: max(0, min(5, round(rng.gauss(level, 1)))) for code in codes}
    target = {code: min(5, value + rng.choice([0, 1, 2])) for code, value in current.items()}
    result = engine.score(spec, [engine.Answer(code, float(v)) for code, v in current.items()])
    return Assessment(
        template=template,
        tool_code="value_ladder",
        account_id=account_id,
        period=period,
        assessed_on=date(int(period), 6, 1),
        total=engine.to_decimal(result.total),
        band=result.band,
        completeness=Decimal(str(round(result.completeness, 4))),
        is_complete=result.is_complete,
        result=result_as_json(result),
        inputs=snapshot_inputs(template, current, target),
    )


def add_value_data() -> int:
    """Two periods of value snapshots for every account (skipped when they exist)."""
    from kam.accounts.models import Account
    from kam.assessments.models import Assessment
    from kam.value.selectors import value_template

    if Assessment.objects.filter(tool_code="value_ladder", period="2026").exists():
        return 0
    template = value_template()
    spec = template.spec(list(template.criteria.all()))
    rng = random.Random(SEED)
    rows = [
        _snapshot(template, spec, account_id, period, rng)
        for account_id in Account.objects.order_by("pk").values_list("pk", flat=True)
        for period in PERIODS
    ]
    Assessment.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        ("value ladder page (价值阶梯)", reverse("value:account", args=[account.uuid])),
        ("value portfolio (价值阶梯组合)", reverse("value:portfolio")),
        ("value portfolio by gap", reverse("value:portfolio") + "?sort=gap"),
        ("API value snapshots", f"/api/v1/accounts/{account.uuid}/value-snapshots"),
    ]

"""Broad relationships (T10) for the latency benchmark (issue 12): the measured account gets a
full matrix (every function × level cell that its contacts show, plus 10 touchpoints, each row
with a letter for every team member) and every cell of its coverage grid as a target.

Call after django.setup() on the bench database:

    from broad_bench import add_broad_data, targets
    add_broad_data(account)                 # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail).
"""

LETTERS = ["A", "R", "C", "I"]
TOUCHPOINTS = 10


def add_broad_data(account: object) -> int:
    """The measured account's matrix and coverage targets (created once)."""
    from kam.accounts.access import account_workers
    from kam.broad.models import CoverageTarget, RaciAssignment, RaciRow
    from kam.people.choices import Function
    from kam.users.choices import Seniority

    if RaciRow.objects.filter(account_id=account.pk).exists():
        return 0
    cells = [(function, level) for function in Function.values for level in Seniority.values]
    rows = RaciRow.objects.bulk_create(
        [RaciRow(account_id=account.pk, function=f, level=level) for f, level in cells]
        + [RaciRow(account_id=account.pk, touchpoint=f"接触点{i}") for i in range(TOUCHPOINTS)]
    )
    workers = list(account_workers(account).values_list("pk", flat=True))
    RaciAssignment.objects.bulk_create(
        [
            RaciAssignment(row=row, user_id=user_id, role=LETTERS[min(index, 3)])
            for row in rows
            for index, user_id in enumerate(workers)
        ]
    )
    CoverageTarget.objects.bulk_create(
        [CoverageTarget(account_id=account.pk, function=f, level=level) for f, level in cells]
    )
    return len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    return [
        ("broad matrix page (account)", reverse("broad:matrix", args=[uuid])),
        ("broad coverage page (account)", reverse("broad:coverage", args=[uuid])),
        ("broad coverage API", reverse("api:api_coverage", args=[uuid])),
    ]

"""The alert centre for the latency benchmark: six open alerts on each of the 2,000 accounts
(12,000 rows, every kind and severity), so the director's centre filters and pages over the
whole portfolio and a manager's over their accounts.

Call after django.setup() on the bench database:

    from alerts_bench import add_alerts_data, targets
    add_alerts_data()                        # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create): the reasons are the rules' parameters, as the refresh writes them.
"""

PER_ACCOUNT = [
    ("plan_not_approved", "plan:2026", "high",
     {"year": 2026, "due": "2026-01-31", "has_plan": False}, "plans:account"),
    ("red_flag", "flag:no_coach", "high",
     {"code": "no_coach", "qualifier": "", "people": []}, "powermap:account"),
    ("red_flag", "flag:single_threaded", "medium",
     {"code": "single_threaded", "qualifier": "1", "people": []}, "powermap:account"),
    ("overdue_actions", "overdue", "medium",
     {"count": 3, "oldest": "2026-05-01", "days": 62}, "engagement:action_board"),
    ("relationship_cooling", "coordinate", "high",
     {"kind": "coordinate", "period": "2026", "previous_period": "2025"}, "relationship:account"),
    ("objective_off_track", "objective:bench", "medium",
     {"metric_code": "share_of_wallet", "year": 2026, "projected": 55, "threshold": 70},
     "plans:account"),
]  # fmt: skip


def add_alerts_data() -> int:
    """Six open alerts per account (skipped when the bench database already has alerts)."""
    from django.utils import timezone

    from kam.accounts.models import Account
    from kam.alerts.choices import SEVERITY_ORDER
    from kam.alerts.models import Alert, AlertRun

    if Alert.objects.exists():
        return 0
    now = timezone.now()
    rows = [
        Alert(account_id=pk, kind=kind, key=key, severity=severity,
              severity_rank=SEVERITY_ORDER[severity], params=params,
              fix_url_name=url_name, fix_url_kwargs={"account_uuid": str(uuid)},
              first_seen=now, last_seen=now)
        for pk, uuid in Account.objects.values_list("pk", "uuid")
        for kind, key, severity, params, url_name in PER_ACCOUNT
    ]  # fmt: skip
    Alert.objects.bulk_create(rows, batch_size=2000)
    AlertRun.objects.create(
        started_at=now, finished_at=now, accounts=len(rows) // len(PER_ACCOUNT), found=len(rows),
        resolved=0,
    )  # fmt: skip
    return len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    return [
        ("Alert centre", reverse("alerts:list")),
        ("Alert centre, red flags, high", reverse("alerts:list") + "?kind=red_flag&severity=high"),
        ("Alerts API", reverse("api:api_alerts_list")),
        ("Account alerts page", reverse("alerts:account", args=[uuid])),
    ]

"""Latency benchmark: median/p95 latency and SQL queries of the main pages and API endpoints.

Run from the project root: `make bench` or `.venv/bin/python bench/run.py [--reuse]`.
See bench/README.md.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = PROJECT_ROOT / "bench" / "bench.sqlite3"
P95_TARGET_MS = 50.0
QUERY_TARGET = 15
GROWTH_TARGET = 1.5
DIRECTOR = "bench.director"
MANAGER = "bench.manager.01"


@dataclass(frozen=True)
class Target:
    label: str
    url: str


@dataclass(frozen=True)
class Measurement:
    label: str
    username: str
    median_ms: float
    p95_ms: float
    queries: int

    @property
    def is_slow(self) -> bool:
        return self.p95_ms > P95_TARGET_MS

    @property
    def has_many_queries(self) -> bool:
        return self.queries > QUERY_TARGET


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--contacts-per-account", type=int, default=30)
    parser.add_argument("--runs", type=int, default=30, help="measured requests per target")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the existing data set if it is there"
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only the targets whose label contains this text (several: a|b|c)",
    )
    parser.add_argument(
        "--activities",
        type=int,
        default=1_000_000,
        help="engagement activities to generate for the engagement targets",
    )
    parser.add_argument(
        "--skip", default="", help="leave out the targets whose label contains this text (a|b)"
    )
    parser.add_argument(
        "--sizes",
        default="",
        help="comma-separated account counts (e.g. 500,8000): measure each on its own database "
        "(BENCH_DATABASE_URL_<size>, default bench/bench-<size>.sqlite3) and report the growth",
    )
    parser.add_argument("--json", default="", help="also write the rows to this JSON file")
    return parser.parse_args()


def configure_environment(*, reuse: bool) -> None:
    """Point Django at the bench settings and, unless DATABASE_URL is set, the bench's SQLite file.

    Without --reuse the bench's own file is deleted so that the data set is generated afresh.
    Django is imported inside the functions below because it must be set up after this runs.
    """
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.development"
    # Measure as production runs: DEBUG off (DEBUG keeps every query in memory and is slower).
    os.environ.setdefault("DJANGO_DEBUG", "false")
    if os.environ.get("DATABASE_URL"):
        return
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DATABASE}"
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{BENCH_DATABASE}{suffix}").unlink(missing_ok=True)


def prepare_data(arguments: argparse.Namespace) -> None:
    """Migrate, then generate the data set unless --reuse finds it in place."""
    from django.core.management import call_command

    from kam.accounts.models import Account
    from kam.users.models import User

    call_command("migrate", verbosity=0)
    has_bench_users = User.objects.filter(username__in=[DIRECTOR, MANAGER]).count() == 2
    account_count = Account.objects.count()
    if arguments.reuse and has_bench_users and account_count >= arguments.accounts:
        print(f"Reusing the data set in place ({account_count} accounts).")
        ensure_scorecards()
        return
    if account_count:
        sys.exit(
            "The database already holds accounts: pass --reuse, or point DATABASE_URL at an "
            "empty database."
        )
    started = time.perf_counter()
    call_command(
        "generate_dataset",
        accounts=arguments.accounts,
        contacts_per_account=arguments.contacts_per_account,
    )
    print(f"generate_dataset took {time.perf_counter() - started:.1f} s (wall clock).")
    ensure_scorecards()


def ensure_scorecards() -> None:
    """Two periods of scorecards for every account (the portfolio matrix needs them)."""
    from scorecard_bench import add_scorecard_data

    from kam.assessments.models import Assessment

    if Assessment.objects.filter(tool_code="scorecard_attractiveness", period="2026").exists():
        return
    counts = add_scorecard_data(("2025", "2026"))
    print(f"add_scorecard_data: {counts}")


def is_wanted(label: str, only: str, skip: str) -> bool:
    """--only and --skip: a label is measured when it contains one of the `|`-separated texts of
    `only` (all labels when empty) and none of those of `skip`."""
    wanted = any(text in label for text in only.split("|"))
    skipped = bool(skip) and any(text and text in label for text in skip.split("|"))
    return wanted and not skipped


def build_targets(account_uuid: str) -> list[Target]:
    from django.urls import reverse

    detail = {"account_uuid": account_uuid}
    accounts = reverse("accounts:list")
    contacts = reverse("people:contact_list")
    return [
        Target("account list", accounts),
        Target(
            "account list filtered+sorted p3",
            f"{accounts}?status=active&industry=energy&sort=-revenue&page=3",
        ),
        Target("account search", f"{accounts}?q=0012"),
        Target("account 360", reverse("workspace:account", kwargs=detail)),
        Target("account contacts tab", reverse("people:account_contacts", kwargs=detail)),
        Target("contact list", contacts),
        Target("contact list filtered p2", f"{contacts}?seniority=executive&sort=-name&page=2"),
        Target(
            "API accounts filtered",
            f"{reverse('api:api_account_list')}"
            "?status=active&industry=energy&sort=-revenue&page_size=50&page=2",
        ),
        Target("API contacts", f"{reverse('api:api_contact_list')}?page_size=50"),
        Target(
            "API account detail",
            reverse("api:api_account_detail", kwargs={"account_id": account_uuid}),
        ),
    ]


def fetch(client: object, url: str) -> object:
    """GET the url; anything but HTTP 200 stops the benchmark."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered HTTP {response.status_code}, expected 200.")
    return response


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(client: object, username: str, target: Target, runs: int) -> Measurement:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, target.url)  # warm-up: template loading and first-use caches
    timings: list[float] = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fetch(client, target.url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = max(queries, len(captured.captured_queries))
    return Measurement(
        label=target.label,
        username=username,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=queries,
    )


def run_benchmark(
    runs: int, only: str = "", skip: str = "", activities: int = 1_000_000
) -> list[Measurement]:
    """Every target as the director (whole portfolio), then as one manager (team-scoped)."""
    from django.test import Client

    from kam.accounts.models import Account
    from kam.users.models import User

    director = User.objects.get(username=DIRECTOR)
    manager = User.objects.get(username=MANAGER)
    owned = Account.objects.filter(owner=manager).order_by("name")
    account = owned[owned.count() // 2]
    from engagement_bench import add_engagement_data
    from engagement_bench import targets as engagement_targets
    from powermap_bench import add_power_map_account
    from powermap_bench import targets as power_map_targets
    from scorecard_bench import targets as scorecard_targets

    targets = build_targets(str(account.uuid))
    targets += [Target(label, url) for label, url in scorecard_targets(str(account.uuid))]
    big_map = add_power_map_account(manager)
    targets += [Target(label, url) for label, url in power_map_targets(big_map)]
    if any(is_wanted(label, only, skip) for label, _ in engagement_targets(account)):
        add_engagement_data(activities)
    targets += [Target(label, url) for label, url in engagement_targets(account)]
    from value_bench import add_value_data
    from value_bench import targets as value_targets

    if any(is_wanted(label, only, skip) for label, _ in value_targets(account)):
        print(f"add_value_data: {add_value_data()} snapshots")
    targets += [Target(label, url) for label, url in value_targets(account)]
    from needs_bench import add_needs_data
    from needs_bench import targets as needs_targets

    if any(is_wanted(label, only, skip) for label, _ in needs_targets(account)):
        add_needs_data(account)
    targets += [Target(label, url) for label, url in needs_targets(account)]
    from platforms_bench import add_platforms_data
    from platforms_bench import targets as platforms_targets

    wanted = platforms_targets(account)
    if any(is_wanted(label, only, skip) for label, _ in wanted):
        print(f"add_platforms_data: {add_platforms_data(account)} platform items")
    targets += [Target(label, url) for label, url in wanted]
    from broad_bench import add_broad_data
    from broad_bench import targets as broad_targets

    if any(is_wanted(label, only, skip) for label, _ in broad_targets(account)):
        print(f"add_broad_data: {add_broad_data(account)} matrix rows")
    targets += [Target(label, url) for label, url in broad_targets(account)]
    from kpis_bench import add_kpi_data
    from kpis_bench import targets as kpi_targets

    if any(is_wanted(label, only, skip) for label, _ in kpi_targets(account)):
        print(f"add_kpi_data: {add_kpi_data()} KPI checks")
    targets += [Target(label, url) for label, url in kpi_targets(account)]
    from pdca_bench import add_pdca_data
    from pdca_bench import targets as pdca_targets

    if any(is_wanted(label, only, skip) for label, _ in pdca_targets(account)):
        print(f"add_pdca_data: {add_pdca_data(account)} PDCA cycles")
    targets += [Target(label, url) for label, url in pdca_targets(account)]
    from plans_bench import add_plans_data
    from plans_bench import targets as plans_targets

    if any(is_wanted(label, only, skip) for label, _ in plans_targets(account)):
        print(f"add_plans_data: {add_plans_data(account)} plan rows")
    targets += [Target(label, url) for label, url in plans_targets(account)]
    from reviews_bench import LABELS as REVIEW_LABELS
    from reviews_bench import add_reviews_data
    from reviews_bench import targets as reviews_targets

    if any(is_wanted(label, only, skip) for label in REVIEW_LABELS):
        print(f"add_reviews_data: {add_reviews_data(account)} review rows")
    targets += [Target(label, url) for label, url in reviews_targets(account)]
    from cycle_bench import targets as cycle_targets

    targets += [Target(label, url) for label, url in cycle_targets(account)]
    from alerts_bench import add_alerts_data
    from alerts_bench import targets as alerts_targets

    if any(is_wanted(label, only, skip) for label, _ in alerts_targets(account)):
        print(f"add_alerts_data: {add_alerts_data()} alerts")
    targets += [Target(label, url) for label, url in alerts_targets(account)]
    from letters_bench import add_letters_data
    from letters_bench import targets as letters_targets

    if any(is_wanted(label, only, skip) for label, _ in letters_targets(account)):
        print(f"add_letters_data: {add_letters_data(account)} letter rows")
    targets += [Target(label, url) for label, url in letters_targets(account)]
    targets = [target for target in targets if is_wanted(target.label, only, skip)]
    results = []
    for user in (director, manager):
        client = Client()
        client.force_login(user)
        results += [measure(client, user.username, target, runs) for target in targets]
    return results + measure_my_day(runs, only, skip)


def measure_my_day(runs: int, only: str, skip: str) -> list[Measurement]:
    """我的工作台 as a key account manager on the teams of 30 accounts (its own bench user)."""
    from django.test import Client
    from my_day_bench import add_my_day_user
    from my_day_bench import targets as my_day_targets

    wanted = [Target(label, url) for label, url in my_day_targets() if is_wanted(label, only, skip)]
    if not wanted:
        return []
    user = add_my_day_user()
    client = Client()
    client.force_login(user)
    return [measure(client, user.username, target, runs) for target in wanted]


def report(results: list[Measurement], runs: int) -> None:
    """A markdown table; rows over the targets are flagged with ⚠."""
    print(
        f"\n{runs} runs per row. Targets: p95 ≤ {P95_TARGET_MS:.0f} ms, ≤ {QUERY_TARGET} queries."
    )
    print("\n| target | user | median ms | p95 ms | queries |")
    print("| --- | --- | ---: | ---: | ---: |")
    for row in results:
        p95 = f"{row.p95_ms:.1f}" + (" ⚠" if row.is_slow else "")
        queries = f"{row.queries}" + (" ⚠" if row.has_many_queries else "")
        print(f"| {row.label} | {row.username} | {row.median_ms:.1f} | {p95} | {queries} |")
    flagged = [row for row in results if row.is_slow or row.has_many_queries]
    print(f"\n{len(flagged)} of {len(results)} rows over target.")


def describe_setup() -> None:
    from django.conf import settings
    from django.db import connection

    from kam.accounts.models import Account
    from kam.people.models import Contact

    print(
        f"Database: {connection.vendor} ({settings.DATABASES['default']['NAME']}), "
        f"DEBUG={settings.DEBUG}, {Account.objects.count()} accounts, "
        f"{Contact.objects.count()} contacts."
    )


def size_database_url(size: int) -> str:
    return os.environ.get(f"BENCH_DATABASE_URL_{size}") or (
        f"sqlite:///{PROJECT_ROOT / 'bench' / f'bench-{size}.sqlite3'}"
    )


def run_sizes(arguments: argparse.Namespace) -> None:
    """Run the bench once per size, each in its own process and database, then compare."""
    sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]
    measured: dict[int, dict[tuple[str, str], dict]] = {}
    for size in sizes:
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            command = [
                sys.executable, __file__, "--accounts", str(size), "--runs", str(arguments.runs),
                "--contacts-per-account", str(arguments.contacts_per_account),
                "--activities", str(arguments.activities), "--only", arguments.only,
                "--skip", arguments.skip, "--json", output.name,
            ]  # fmt: skip
            if arguments.reuse:
                command.append("--reuse")
            environment = {**os.environ, "DATABASE_URL": size_database_url(size)}
            print(f"\n## {size} accounts ({environment['DATABASE_URL']})", flush=True)
            subprocess.run(command, env=environment, check=True)  # noqa: S603 (our own script)
            rows = json.loads(Path(output.name).read_text())
        measured[size] = {(row["label"], row["username"]): row for row in rows}
    report_growth(sizes, measured)


def report_growth(sizes: list[int], measured: dict[int, dict[tuple[str, str], dict]]) -> None:
    """Median and p95 at every size; the growth of the median and of p95 from the first size to
    the last (rows growing more than GROWTH_TARGET are flagged with ⚠)."""
    first, last = sizes[0], sizes[-1]
    header = " | ".join(f"median/p95 ms at {size}" for size in sizes)
    print(f"\n| target | user | {header} | growth median | growth p95 |")
    print("| --- | --- |" + " ---: |" * (len(sizes) + 2))
    flagged = 0
    for key in measured[first]:
        if not all(key in measured[size] for size in sizes):
            continue
        figures = " | ".join(
            f"{measured[size][key]['median_ms']:.1f} / {measured[size][key]['p95_ms']:.1f}"
            for size in sizes
        )
        growth = []
        for name in ("median_ms", "p95_ms"):
            ratio = measured[last][key][name] / max(measured[first][key][name], 0.001)
            growth.append(f"{ratio:.2f}" + (" ⚠" if ratio > GROWTH_TARGET else ""))
            flagged += ratio > GROWTH_TARGET
        print(f"| {key[0]} | {key[1]} | {figures} | {growth[0]} | {growth[1]} |")
    print(f"\n{flagged} growth figures over {GROWTH_TARGET}× from {first} to {last} accounts.")


def main() -> None:
    arguments = parse_arguments()
    if arguments.sizes:
        run_sizes(arguments)
        return
    configure_environment(reuse=arguments.reuse)

    import django

    django.setup()
    from django.conf import settings

    # django.test.Client sends Host: testserver.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    prepare_data(arguments)
    # Measure like a freshly started production worker: config/wsgi.py loads the URL tree, then
    # freezes the objects that exist after start-up and sets the collector's thresholds.
    from config.worker import settle_worker

    settle_worker()
    describe_setup()
    results = run_benchmark(arguments.runs, arguments.only, arguments.skip, arguments.activities)
    report(results, arguments.runs)
    if arguments.json:
        Path(arguments.json).write_text(
            json.dumps([result.__dict__ for result in results], ensure_ascii=False)
        )


if __name__ == "__main__":
    main()

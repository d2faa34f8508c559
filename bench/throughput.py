"""Throughput with 1, 2 and 3 web workers: bench/load.py's load without think time, against
gunicorn (production settings, loopback) started with each number of workers in turn.

For each worker count: `--users` simulated users send requests back to back for `--duration`
seconds, with load.py's mix (22 % writes: contacts created and PATCHed through the API, next
steps; the rest the account, contact, my-day and portfolio pages and the API lists). It prints
one markdown row per count: requests/s, p50/p95 latency, errors (5xx, connection errors,
unexpected 4xx; the deliberate 409/412 races are counted apart) and whether every acknowledged
write is in the database, then the CPU the gunicorn processes and the load generator used (in
cores) and how busy all the machine's CPUs were (other processes included). Exits 1 on any
error or missing write.

    .venv/bin/python bench/throughput.py --database-url sqlite:////tmp/kam-throughput.sqlite3
    .venv/bin/python bench/throughput.py --database-url postgres://postgres@127.0.0.1:5432/kam_tp \
        [--replica-url postgres://postgres@127.0.0.1:5443/kam_tp]

The database is migrated and, when it holds no accounts, seeded with the demo (seed_demo). The
load generator runs on the same machine as the server and takes CPU from it.
"""

import argparse
import os
import platform
import resource
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crash import start_gunicorn, worker_pids  # noqa: E402
from load import (  # noqa: E402
    PROJECT_ROOT,
    USERNAMES,
    Ledger,
    SimulatedUser,
    Stats,
    django_setup,
    make_personas,
    verify,
)

PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Row:
    workers: int
    requests: int
    per_second: float
    p50_ms: float
    p95_ms: float
    errors: int
    conflicts: int
    missing_writes: int
    server_cores: float
    generator_cores: float
    machine_busy: float

    def markdown(self) -> str:
        return (
            f"| {self.workers} | {self.requests} | {self.per_second:.1f} | {self.p50_ms:.0f} | "
            f"{self.p95_ms:.0f} | {self.errors} | {self.conflicts} | {self.missing_writes} | "
            f"{self.server_cores:.2f} | {self.generator_cores:.2f} | {self.machine_busy:.0%} |"
        )


HEADER = (
    "| web workers | requests | requests/s | p50 ms | p95 ms | errors | 409/412 "
    "| missing writes | gunicorn CPU (cores) | load generator CPU (cores) | all CPUs busy |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) the processes used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def machine_ticks() -> tuple[int, int]:
    """(busy, all) CPU ticks of the whole machine since boot, every process included."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def configure(database_url: str, replica_url: str) -> None:
    """The environment of this process and of the servers it starts (the same secret: the
    sessions made here must be valid there)."""
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=f"throughput-{secrets.token_urlsafe(32)}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="ERROR",
    )
    if replica_url:
        os.environ["DATABASE_REPLICA_URL"] = replica_url
    else:
        os.environ.pop("DATABASE_REPLICA_URL", None)


def prepare_database() -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed_demo", "--if-empty"],
    ):
        subprocess.run(  # noqa: S603 - our own manage.py
            [str(PYTHON), "manage.py", *command],
            cwd=PROJECT_ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def measure(workers: int, *, port: int, users: int, duration: float) -> Row:
    personas = make_personas(USERNAMES)
    writers = {c for persona in personas for c in persona.contacts}
    hot = sorted(writers)[:1]
    server = start_gunicorn(port, workers)
    stats, ledger = Stats(), Ledger()
    try:
        server_pids = [server.pid, *worker_pids(server.pid)]
        server_cpu, own_cpu, (busy, ticks) = (
            cpu_seconds(server_pids),
            own_cpu_seconds(),
            machine_ticks(),
        )
        started = time.monotonic()
        deadline = started + duration
        base_url = f"http://127.0.0.1:{port}"
        simulated = [
            SimulatedUser(
                n, base_url, personas[n % len(personas)], hot, deadline, stats, ledger, (0.0, 0.0)
            )
            for n in range(users)
        ]
        for user in simulated:
            user.start()
        for user in simulated:
            user.join(duration + 40)
        elapsed = time.monotonic() - started
        server_cpu = cpu_seconds(server_pids) - server_cpu
        own_cpu = own_cpu_seconds() - own_cpu
        busy_after, ticks_after = machine_ticks()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    for line in stats.errors[:5]:
        print(f"  {workers} workers: {line}", file=sys.stderr)
    return Row(
        workers=workers,
        requests=len(stats.latencies_ms),
        per_second=len(stats.latencies_ms) / elapsed,
        p50_ms=stats.percentile(0.5),
        p95_ms=stats.percentile(0.95),
        errors=len(stats.errors),
        conflicts=stats.conflicts,
        missing_writes=len(verify(ledger)),
        server_cores=server_cpu / elapsed,
        generator_cores=own_cpu / elapsed,
        machine_busy=(busy_after - busy) / max(1, ticks_after - ticks),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--replica-url", default="", help="DATABASE_REPLICA_URL for the servers")
    parser.add_argument("--workers", default="1,2,3", help="comma-separated worker counts")
    parser.add_argument("--users", type=int, default=8, help="simulated users, no think time")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per worker count")
    parser.add_argument("--port", type=int, default=8790)
    args = parser.parse_args()
    counts = [int(count) for count in args.workers.split(",")]
    if not all(1 <= count <= 16 for count in counts) or not 1 <= args.users <= 100:
        parser.error("1-16 workers and 1-100 users")
    if not 5 <= args.duration <= 600:
        parser.error("5-600 s")
    configure(args.database_url, args.replica_url)
    prepare_database()
    django_setup()
    from django.db import connection

    print(
        f"throughput: {connection.vendor}{' + replica' if args.replica_url else ''}, "
        f"{args.users} users without think time, {args.duration:.0f} s per count; "
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"load generator on the same machine; load average {os.getloadavg()[0]:.1f} before"
    )
    print(HEADER)
    rows = []
    for count in counts:
        rows.append(measure(count, port=args.port, users=args.users, duration=args.duration))
        print(rows[-1].markdown(), flush=True)
    return 1 if any(row.errors or row.missing_writes for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

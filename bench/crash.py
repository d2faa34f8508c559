"""Crash smoke: kill -9 gunicorn workers (and the master once) during a write load; check a ledger.

Starts gunicorn (3 workers, loopback) against the DATABASE_URL in the environment, runs writers
that create accounts through the API with an Idempotency-Key, SIGKILLs a worker every ~2 s and the
master once (its leftover workers stopped like a supervisor stops the group), restarts it, then
checks through the ORM:

- acknowledged = found: every account answered 201 exists;
- 0 half-written: every account of this run has the rows `account_create` writes together (its
  account manager's team membership and its audit entry);
- 0 doubled: no Idempotency-Key produced two accounts (a request whose answer was lost is sent
  again with the same key until it is answered).

    .venv/bin/python bench/crash.py --port 8767 --duration 20
"""

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PROJECT_ROOT, Client, Stats, django_setup  # noqa: E402

GUNICORN = PROJECT_ROOT / ".venv" / "bin" / "gunicorn"
RETRIES = 40  # resend a create whose answer was lost, 0.25 s apart (the master restart included)


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    command = [
        str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--timeout", "30", "--graceful-timeout", "5", "--log-level", "critical",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, start_new_session=True)  # noqa: S603
    client = Client(f"http://127.0.0.1:{port}")
    for _ in range(120):
        try:
            if client.request("GET", "/login/").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.25)
    server.kill()
    raise SystemExit("gunicorn did not answer within 30 s")


def worker_pids(master: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


class Writer(threading.Thread):
    def __init__(self, number: int, client: Client, run: str, stop: threading.Event, state: dict):
        super().__init__(name=f"writer-{number}", daemon=True)
        self.client, self.run_label, self.stop, self.state = client, run, stop, state
        self.stats: Stats = state["stats"]

    def run(self) -> None:
        while not self.stop.is_set():
            key = uuid.uuid4().hex
            body = {"name": f"{self.run_label} {key}", "industry": "energy", "region": "east_china"}
            self.create(key, body)
            time.sleep(0.05)

    def create(self, key: str, body: dict) -> None:
        for attempt in range(RETRIES):
            started = time.perf_counter()
            try:
                response = self.client.request(
                    "POST", "/api/v1/accounts", body=body, headers={"Idempotency-Key": key}
                )
            except (OSError, http.client.HTTPException):  # died with the request: ask again
                with self.stats.lock:
                    self.state["lost_answers"] += 1
                time.sleep(0.25)
                continue
            elapsed = (time.perf_counter() - started) * 1000
            detail = response.body.decode(errors="replace")
            self.stats.record("api create account", elapsed, response.status, detail)
            if response.status == 201:
                with self.stats.lock:
                    self.state["acknowledged"].add(response.json()["id"])
                    self.state["retried_then_acknowledged"] += attempt > 0
            return
        with self.stats.lock:
            self.state["unanswered"] += 1


def kill_loop(port: int, server: list, stop: threading.Event, state: dict, duration: float) -> None:
    started = time.monotonic()
    master_killed = False
    while not stop.wait(2.0):
        master = server[0]
        if not master_killed and time.monotonic() - started > duration / 2:
            master_killed = True
            orphans = worker_pids(master.pid)
            master.kill()
            master.wait()
            deadline = time.monotonic() + 5
            while any(alive(p) for p in orphans) and time.monotonic() < deadline:
                time.sleep(0.1)
            leftover = [p for p in orphans if alive(p)]
            if leftover:  # what a supervisor does on a master crash: stop the whole group
                os.killpg(master.pid, signal.SIGKILL)
            state["master_kills"] += 1
            state["orphans_stopped"] = len(leftover)
            server[0] = start_gunicorn(port, state["workers"])
            continue
        workers = worker_pids(master.pid)
        if workers:
            os.kill(workers[int(time.monotonic() * 1000) % len(workers)], signal.SIGKILL)
            state["worker_kills"] += 1


def verify(run: str, acknowledged: set[str]) -> dict[str, int]:
    from django.db.models import Count

    from kam.accounts.choices import TeamRole
    from kam.accounts.models import Account, AccountTeamMembership
    from kam.audit.models import AuditEntry

    accounts = Account.objects.filter(name__startswith=f"{run} ")
    ids = {str(u) for u in accounts.values_list("uuid", flat=True)}
    with_member = set(
        AccountTeamMembership.objects.filter(
            account__in=accounts, team_role=TeamRole.ACCOUNT_MANAGER
        ).values_list("account__uuid", flat=True)
    )
    audited = set(
        AuditEntry.objects.filter(
            object_uuid__in=accounts.values("uuid"), action="create"
        ).values_list("object_uuid", flat=True)
    )
    half = {i for i in ids if uuid.UUID(i) not in with_member or uuid.UUID(i) not in audited}
    doubled = accounts.values("name").annotate(n=Count("id")).filter(n__gt=1).count()
    return {
        "acknowledged": len(acknowledged),
        "found": len(acknowledged & ids),
        "committed": len(ids),
        "half_written": len(half),
        "doubled": doubled,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds")
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not 5 <= args.duration <= 600 or not 1 <= args.writers <= 50:
        parser.error("5-600 s and 1-50 writers")
    django_setup()
    from kam.users.choices import TokenScope
    from kam.users.models import User
    from kam.users.services import api_token_create

    _token, raw = api_token_create(
        user=User.objects.get(username="director"), name="crash", scope=TokenScope.READ_WRITE
    )
    run = f"Crash {time.strftime('%H%M%S')}"
    stats = Stats()
    state: dict = {
        "stats": stats, "acknowledged": set(), "lost_answers": 0, "retried_then_acknowledged": 0,
        "unanswered": 0, "worker_kills": 0, "master_kills": 0, "orphans_stopped": 0,
        "workers": args.workers,
    }  # fmt: skip
    server = [start_gunicorn(args.port, args.workers)]
    stop = threading.Event()
    client = Client(f"http://127.0.0.1:{args.port}", token=raw)
    writers = [Writer(n, client, run, stop, state) for n in range(args.writers)]
    killer = threading.Thread(
        target=kill_loop, args=(args.port, server, stop, state, args.duration)
    )
    for thread in [*writers, killer]:
        thread.start()
    time.sleep(args.duration)
    stop.set()
    killer.join()
    for writer in writers:
        writer.join(RETRIES * 0.25 + 35)
    server[0].terminate()
    try:
        server[0].wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server[0].pid, signal.SIGKILL)
    result = verify(run, state["acknowledged"])
    print(
        f"crash: {args.writers} writers for {args.duration:.0f} s, {state['worker_kills']} workers"
        f" and {state['master_kills']} master killed (-9, {state['orphans_stopped']} orphan workers"
        f" stopped); {stats.summary()}"
    )
    print(
        f"crash: acknowledged {result['acknowledged']}, found {result['found']}, committed"
        f" {result['committed']}; half-written {result['half_written']}, doubled"
        f" {result['doubled']}; {state['lost_answers']} answers lost to a kill,"
        f" {state['retried_then_acknowledged']} acknowledged on a retry, {state['unanswered']}"
        " never answered"
    )
    for line in stats.errors[:20]:
        print(f"  {line}")
    failed = (
        stats.errors
        or result["found"] != result["acknowledged"]
        or result["half_written"]
        or result["doubled"]
        or state["unanswered"]
        or not state["acknowledged"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

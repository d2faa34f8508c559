"""Load smoke: simulated users against a running server on loopback, with a ledger of writes.

Each user thinks 0.5-2 s between requests; about 22 % of requests write (create a contact through
the API with an Idempotency-Key, PATCH a contact with If-Match, add a next step to a contact's
card), the rest read (account list, account 360, contact list, portfolio pages, API lists). A few
contacts are PATCHed by everybody on purpose: the stale ones answer 412, counted but not errors.

Users authenticate with API tokens (the API) and sessions (the pages) made here through the ORM,
so run it with the server's DATABASE_URL and settings in the environment:

    .venv/bin/python bench/load.py --base-url http://127.0.0.1:8765 --users 20 --duration 30

At the end every acknowledged write (201/200) is checked in the database: a created contact or
next step exists, a contact's last acknowledged PATCH is its current state. Exits 1 on any 5xx,
any connection error, any unexpected 4xx or any acknowledged write missing.
"""

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
USERNAMES = ("director", "manager.li", "manager.wang", "admin")
WRITE_SHARE = 0.22
EXPECTED_CONFLICTS = {409, 412}
REQUEST_TIMEOUT_S = 30.0


def django_setup() -> None:
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    import django

    django.setup()


def loopback_address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise SystemExit(f"{base_url}: the load scripts only talk to http://127.0.0.1 (loopback)")
    return parts.hostname, parts.port or 80


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    """One connection per request (gunicorn's sync workers close it anyway)."""

    def __init__(self, base_url: str, *, token: str = "", session: tuple[str, str] | None = None):
        self.host, self.port = loopback_address(base_url)
        self.token = token
        self.session = session

    def request(
        self, method: str, path: str, body: object = None, headers: dict[str, str] | None = None
    ) -> Response:
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Language": "en"}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self.session:
            sent["Cookie"] = f"{self.session[0]}={self.session[1]}"
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_S)
        try:
            connection.request(method, path, body=payload, headers=sent)
            answer = connection.getresponse()
            headers = {name.lower(): value for name, value in answer.getheaders()}
            return Response(answer.status, headers, answer.read())
        finally:
            connection.close()


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    by_label: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    conflicts: int = 0

    def record(self, label: str, elapsed_ms: float, status: int | None, detail: str = "") -> None:
        with self.lock:
            self.latencies_ms.append(elapsed_ms)
            self.by_label[label] += 1
            self.statuses["connection error" if status is None else status] += 1
            if status in EXPECTED_CONFLICTS:
                self.conflicts += 1
            elif status is None or status >= 400:
                self.errors.append(f"{label}: {status or 'connection error'} {detail[:300]}")

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> str:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items(), key=str))
        return (
            f"{len(self.latencies_ms)} requests, {len(self.errors)} errors, "
            f"{self.conflicts} expected conflicts (409/412); p50 {self.percentile(0.5):.0f} ms, "
            f"p95 {self.percentile(0.95):.0f} ms; statuses {statuses}"
        )


@dataclass
class Ledger:
    """What the server acknowledged: created ids, and each contact's last acknowledged PATCH."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    contacts: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    patches: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (updated_at, title)
    replays: int = 0

    def patched(self, contact_id: str, updated_at: str, title: str) -> None:
        with self.lock:
            known = self.patches.get(contact_id)
            if known is None or known[0] < updated_at:
                self.patches[contact_id] = (updated_at, title)

    @property
    def acknowledged(self) -> int:
        return len(self.contacts) + len(self.actions) + len(self.patches)


@dataclass(frozen=True)
class Persona:
    username: str
    token: str
    session: tuple[str, str]
    accounts: list[str]  # visible account ids
    writable: list[str]  # account ids the user may change
    contacts: list[str]  # contacts of writable accounts
    owners: dict[str, str]  # account id -> its account manager's id (owner of next steps)


def make_personas(usernames: tuple[str, ...]) -> list[Persona]:
    """Tokens and sessions for the demo users, and the ids each of them sees and changes."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from kam.accounts.access import accounts_visible_to, can_change_account
    from kam.people.models import Contact
    from kam.users.choices import TokenScope
    from kam.users.models import User
    from kam.users.services import api_token_create

    engine = import_module(settings.SESSION_ENGINE)
    personas = []
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        _token, raw = api_token_create(
            user=user, name=f"load {time.strftime('%H:%M:%S')}", scope=TokenScope.READ_WRITE
        )
        session = engine.SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # not axes
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        visible = list(accounts_visible_to(user).select_related("owner"))
        writable = [a for a in visible if can_change_account(user, a)]
        contacts = Contact.objects.filter(account__in=writable).values_list("uuid", flat=True)
        personas.append(
            Persona(
                username=user.username,
                token=raw,
                session=(settings.SESSION_COOKIE_NAME, session.session_key or ""),
                accounts=[str(a.uuid) for a in visible],
                writable=[str(a.uuid) for a in writable],
                contacts=[str(c) for c in contacts],
                owners={str(a.uuid): str(a.owner.uuid) for a in writable},
            )
        )
    if not personas or not any(p.contacts for p in personas):
        raise SystemExit("no demo users with contacts: seed the database first (seed_demo)")
    return personas


class SimulatedUser(threading.Thread):
    def __init__(
        self,
        number: int,
        base_url: str,
        persona: Persona,
        hot_contacts: list[str],
        deadline: float,
        stats: Stats,
        ledger: Ledger,
        think_s: tuple[float, float] = (0.5, 2.0),
    ):
        super().__init__(name=f"user-{number}", daemon=True)
        self.think_s = think_s
        self.rng = random.Random(number)
        self.persona = persona
        self.api = Client(base_url, token=persona.token)
        self.pages = Client(base_url, session=persona.session)
        self.hot_contacts = hot_contacts
        self.deadline = deadline
        self.stats = stats
        self.ledger = ledger

    def run(self) -> None:
        time.sleep(self.rng.uniform(0, 1.0))  # users arrive over the first second
        while time.monotonic() < self.deadline:
            try:
                if self.rng.random() < WRITE_SHARE and self.persona.writable:
                    self.rng.choice([self.create_contact, self.patch_contact, self.add_next_step])()
                else:
                    self.read()
            except Exception as error:  # noqa: BLE001 - a failure of the script is an error too
                self.stats.record("script", 0.0, None, repr(error))
            time.sleep(self.rng.uniform(*self.think_s))

    def call(
        self, client: Client, label: str, method: str, path: str, **kwargs: Any
    ) -> Response | None:
        started = time.perf_counter()
        try:
            response = client.request(method, path, **kwargs)
        except (OSError, http.client.HTTPException) as error:
            self.stats.record(label, (time.perf_counter() - started) * 1000, None, repr(error))
            return None
        detail = "" if response.status < 400 else response.body.decode(errors="replace")
        self.stats.record(label, (time.perf_counter() - started) * 1000, response.status, detail)
        return response

    def read(self) -> None:
        account = self.rng.choice(self.persona.accounts) if self.persona.accounts else None
        page = self.rng.randint(1, 3)
        choices = [
            (self.pages, "page accounts", "/accounts/"),
            (self.pages, "page contacts", "/contacts/"),
            (self.pages, "page my day", "/"),
            (self.pages, "page portfolio", "/portfolio/scorecard/"),
            (self.api, "api accounts", f"/api/v1/accounts?page={page}"),
            (self.api, "api contacts", f"/api/v1/contacts?page={page}"),
        ]
        if account:
            choices.append((self.pages, "page account 360", f"/accounts/{account}/"))
            choices.append((self.api, "api account", f"/api/v1/accounts/{account}"))
        client, label, path = self.rng.choice(choices)
        self.call(client, label, "GET", path)

    def create_contact(self) -> None:
        account = self.rng.choice(self.persona.writable)
        key = str(uuid.uuid4())
        body = {"name": f"Load {key[:8]}", "title": "Buyer", "notes": "bench/load.py"}
        path = f"/api/v1/accounts/{account}/contacts"
        sends = 2 if self.rng.random() < 0.1 else 1  # sometimes the client retries the same key
        first_id = None
        for _ in range(sends):
            response = self.call(
                self.api,
                "api create contact",
                "POST",
                path,
                body=body,
                headers={"Idempotency-Key": key},
            )
            if response is None or response.status != 201:
                return
            created = response.json()["id"]
            if first_id is not None and created != first_id:
                self.stats.record("idempotency", 0.0, 500, f"replay gave {created} not {first_id}")
            first_id = created
            with self.ledger.lock:
                self.ledger.contacts.add(created)
                self.ledger.replays += response.headers.get("idempotent-replayed") == "true"

    def patch_contact(self) -> None:
        hot = [c for c in self.hot_contacts if c in self.persona.contacts]
        pool = hot if hot and self.rng.random() < 0.5 else self.persona.contacts
        contact = self.rng.choice(pool)
        read = self.call(self.api, "api contact", "GET", f"/api/v1/contacts/{contact}")
        if read is None or read.status != 200:
            return
        time.sleep(self.rng.uniform(0.0, 0.2))  # the user edits: the window for a race
        title = f"Title {uuid.uuid4().hex[:10]}"
        response = self.call(
            self.api,
            "api patch contact",
            "PATCH",
            f"/api/v1/contacts/{contact}",
            body={"title": title},
            headers={"If-Match": read.headers.get("etag", "")},
        )
        if response is not None and response.status == 200:
            self.ledger.patched(contact, response.json()["updated_at"], title)

    def add_next_step(self) -> None:
        from_account = self.rng.choice(self.persona.contacts)
        response = self.call(self.api, "api contact", "GET", f"/api/v1/contacts/{from_account}")
        if response is None or response.status != 200:
            return
        account = response.json()["account"]["id"]
        owner = self.persona.owners.get(account)
        if owner is None:
            return
        created = self.call(
            self.api,
            "api create next step",
            "POST",
            f"/api/v1/contacts/{from_account}/card/actions",
            body={"description": f"Follow up {uuid.uuid4().hex[:8]}", "owner_id": owner},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        if created is not None and created.status == 201:
            with self.ledger.lock:
                self.ledger.actions.add(created.json()["id"])


def verify(ledger: Ledger) -> list[str]:
    """Every acknowledged write, read back through the ORM."""
    from kam.cards.models import CardAction
    from kam.people.models import Contact

    problems = []
    ids = Contact.objects.filter(uuid__in=ledger.contacts).values_list("uuid", flat=True)
    found = {str(u) for u in ids}
    problems += [f"created contact {c} missing" for c in sorted(ledger.contacts - found)]
    ids = CardAction.objects.filter(uuid__in=ledger.actions).values_list("uuid", flat=True)
    found = {str(u) for u in ids}
    problems += [f"created next step {a} missing" for a in sorted(ledger.actions - found)]
    rows = Contact.objects.filter(uuid__in=ledger.patches).values_list("uuid", "title")
    titles = {str(u): t for u, t in rows}
    for contact, (_version, title) in sorted(ledger.patches.items()):
        if (current := titles.get(contact)) != title:
            problems.append(f"contact {contact}: last acknowledged {title!r}, found {current!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--hot-contacts", type=int, default=1, help="contacts everybody PATCHes")
    args = parser.parse_args()
    loopback_address(args.base_url)
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 600:
        parser.error("1-200 users for 1-600 s")
    django_setup()
    personas = make_personas(USERNAMES)
    writers = Counter(c for persona in personas for c in persona.contacts)  # the most shared
    hot = sorted(writers, key=lambda c: (-writers[c], c))[: args.hot_contacts]
    stats, ledger = Stats(), Ledger()
    deadline = time.monotonic() + args.duration
    users = [
        SimulatedUser(n, args.base_url, personas[n % len(personas)], hot, deadline, stats, ledger)
        for n in range(args.users)
    ]
    for user in users:
        user.start()
    for user in users:
        user.join(args.duration + REQUEST_TIMEOUT_S + 5)
    problems = verify(ledger)
    print(f"load: {args.users} users for {args.duration:.0f} s: {stats.summary()}")
    print(
        f"load: acknowledged writes {ledger.acknowledged} ({len(ledger.contacts)} contacts created,"
        f" {ledger.replays} idempotent replays, {len(ledger.actions)} next steps,"
        f" {len(ledger.patches)} contacts patched); found {ledger.acknowledged - len(problems)},"
        f" missing {len(problems)}"
    )
    for line in stats.errors[:20] + problems[:20]:
        print(f"  {line}")
    return 1 if stats.errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())

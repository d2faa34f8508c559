"""One account with a large power map for the latency benchmark (issue 4).

Call after django.setup() on the bench database:

    from powermap_bench import add_power_map_account, targets
    account = add_power_map_account(owner)   # 500 contacts, 1,000 informal lines
    for label, url in targets(account): ...

Contacts and lines are load (bulk_create, no audit trail); the key persons' ladder snapshots go
through the ladder service so that the map reads real engine snapshots.
"""

import random
import time
from datetime import date

CONTACTS = 500
EDGES = 1000
KEY_PERSONS = 60
SEED = 20261126
NAME = "权力地图压测集团"


def _contacts(account: object, rng: random.Random) -> list:
    from kam.lib.sorting import name_sort_key
    from kam.people.models import Contact

    levels = [1, 8, 40, CONTACTS - 49]  # executives → managers → staff
    created: list = []
    previous: list = []
    for depth, size in enumerate(levels):
        batch = [
            Contact(
                account=account,
                name=f"压测联系人{len(created) + index:04d}",
                title=["总经理", "副总经理", "部门经理", "工程师"][depth],
                seniority=["executive", "executive", "middle", "operational"][depth],
                reports_to=rng.choice(previous) if previous else None,
                influence=rng.randint(0, 10),
                support=rng.randint(-2, 2),
                coverage=rng.choice(["unknown", "no_contact", "brief", "multiple", "in_depth"]),
                decision_roles=rng.sample(["user", "influencer", "buyer", "decider"], 1),
                visibility="hidden" if rng.random() < 0.05 else "explicit",
            )
            for index in range(size)
        ]
        for contact in batch:  # bulk_create skips save(), which fills the key
            contact.name_sort_key = name_sort_key(contact.name)
        previous = Contact.objects.bulk_create(batch)
        created += previous
    return created


def _edges(account: object, contacts: list, rng: random.Random) -> int:
    from kam.people.models import ContactEdge

    seen: set = set()
    edges = []
    while len(edges) < EDGES:
        source, target = rng.sample(contacts, 2)
        edge_type = rng.choice(["influences", "ally", "conflict", "personal_tie"])
        if (source.pk, target.pk, edge_type) in seen:
            continue
        seen.add((source.pk, target.pk, edge_type))
        edges.append(
            ContactEdge(
                account=account,
                source=source,
                target=target,
                edge_type=edge_type,
                strength=rng.randint(1, 5),
                is_confirmed=rng.random() < 0.5,
            )
        )
    ContactEdge.objects.bulk_create(edges)
    return len(edges)


def add_power_map_account(owner: object) -> object:
    """The bench's power-map account (created once; found again on --reuse)."""
    from kam.accounts.models import Account
    from kam.accounts.services import AccountInput, account_create
    from kam.ladder.choices import DefaultRung
    from kam.ladder.services import LadderInput, ladder_assess
    from kam.people.services import contact_map_update

    existing = Account.objects.filter(name=NAME).first()
    if existing is not None:
        return existing
    started = time.perf_counter()
    rng = random.Random(SEED)
    account = account_create(
        actor=owner,
        data=AccountInput(name=NAME, industry="manufacturing", region="east_china", owner=owner),
    )
    contacts = _contacts(account, rng)
    edges = _edges(account, contacts, rng)
    for contact in contacts[:KEY_PERSONS]:
        contact = contact_map_update(
            actor=owner,
            contact=contact,
            data={"influence": rng.randint(7, 10), "relationship_owner": owner},
        )
        ladder_assess(
            actor=owner,
            contact=contact,
            data=LadderInput(
                period="2026",
                assessed_on=date(2026, 6, 1),
                scores={code: rng.randint(0, 1) for code in DefaultRung.values},
                evidence={},
                target_level=rng.randint(2, 5),
                competitor_level=rng.randint(0, 4),
            ),
        )
    elapsed = time.perf_counter() - started
    print(f"power-map account: {len(contacts)} contacts, {edges} lines in {elapsed:.1f} s")
    return account


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    return [
        ("power map JSON (API, 500 people, 1,000 lines)", f"/api/v1/accounts/{uuid}/power-map"),
        ("power map page", reverse("powermap:account", args=[uuid])),
        ("key-person table", reverse("powermap:table", args=[uuid])),
        ("key-person table JSON (API)", f"/api/v1/accounts/{uuid}/key-person-table"),
    ]

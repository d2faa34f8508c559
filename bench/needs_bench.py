"""Needs register (T11) for the latency benchmark (issue 12): 12 needs on every account of the
2,000-account data set, plus 200 on the measured account (a busy account's full register).

Call after django.setup() on the bench database:

    from needs_bench import add_needs_data, targets
    add_needs_data(account)                 # once; found again on --reuse
    for label, url in targets(account): ...

Rows are load (bulk_create, no audit trail): the layers, visibility, source and scores cycle
through their values; a third of the needs belong to one of the account's contacts, a tenth are
addressed through a matching item of their own.
"""

import random

SEED = 20261207
PER_ACCOUNT = 12
MEASURED_ACCOUNT_EXTRA = 200
BATCH = 5000
LAYERS = ["surface", "business", "deep"]
SOURCES = ["stated", "observed", "inferred", "validated"]


def _rows(account_id: int, contact_ids: list[int], count: int, rng: random.Random) -> list:
    from kam.needs.models import Need

    rows = []
    for index in range(count):
        implicit = index % 3 != 0
        contact_id = contact_ids[index % len(contact_ids)] if contact_ids and index % 3 else None
        rows.append(
            Need(
                account_id=account_id,
                contact_id=contact_id,
                level="personal" if contact_id and index % 4 == 0 else "organisational",
                title=f"需求{index}",
                iceberg_layer=LAYERS[index % 3],
                visibility="implicit" if implicit else "explicit",
                source=SOURCES[index % 4] if implicit else "stated",
                importance=rng.randint(1, 5),
                our_fit=rng.randint(1, 5),
                urgency=rng.randint(1, 5),
            )
        )
    return rows


def _address_some(account_id: int) -> None:
    """A tenth of the measured account's needs addressed through their own matching item."""
    from kam.engagement.models import MatchingItem
    from kam.needs.models import Need

    needs = list(Need.objects.filter(account_id=account_id).order_by("pk")[::10])
    items = MatchingItem.objects.bulk_create(
        [MatchingItem(account_id=account_id, domain="other", problem=need.title) for need in needs]
    )
    for need, item in zip(needs, items, strict=True):
        need.matching_item = item
        need.status = "addressed"
    Need.objects.bulk_update(needs, ["matching_item", "status"])


def add_needs_data(account: object) -> int:
    """The needs of every account and the measured account's larger register (created once)."""
    from kam.needs.models import Need
    from kam.people.models import Contact

    if Need.objects.filter(account_id=account.pk).exists():
        return 0
    rng = random.Random(SEED)
    contacts: dict[int, list[int]] = {}
    for account_id, contact_id in Contact.objects.order_by("pk").values_list("account_id", "pk"):
        contacts.setdefault(account_id, []).append(contact_id)
    rows = []
    for account_id in contacts:
        rows += _rows(account_id, contacts[account_id][:5], PER_ACCOUNT, rng)
    rows += _rows(account.pk, contacts.get(account.pk, [])[:20], MEASURED_ACCOUNT_EXTRA, rng)
    Need.objects.bulk_create(rows, batch_size=BATCH)
    _address_some(account.pk)
    return len(rows)


def targets(account: object) -> list[tuple[str, str]]:
    from django.urls import reverse

    uuid = str(account.uuid)
    page = reverse("needs:account", args=[uuid])
    return [
        ("needs page (account)", page),
        ("needs page filtered deep implicit", f"{page}?layer=deep&visibility=implicit"),
        ("needs API list", f"{reverse('api:api_need_list', args=[uuid])}?page_size=50"),
        ("needs API figures", reverse("api:api_need_figures", args=[uuid])),
    ]

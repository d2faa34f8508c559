"""Demo broad relationships (issue 12, T10): every account gets a responsibility matrix (its
customer cells from its contacts plus one named touchpoint) and coverage targets with gaps.
The first account (by name) keeps one row with no A, saved directly as an imported legacy row
would be, so the page shows the rule's message as an example. Written through the services, by
each account's manager."""

import random

from kam.accounts.access import account_workers
from kam.accounts.models import Account
from kam.broad.models import RaciAssignment
from kam.broad.services import coverage_target_set, raci_row_create, raci_row_set
from kam.people.models import Contact

TOUCHPOINT = "年度用户大会"
# Cells every account aims to cover besides those where it already knows people: the gaps.
EXTRA_TARGETS = [("procurement", "executive"), ("finance", "middle"), ("quality", "operational")]
LETTERS_FOR_OTHERS = ["R", "C", "I"]


def _cells(account: Account, limit: int) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    rows = Contact.objects.filter(account=account, is_active=True).order_by("-influence", "name")
    for cell in rows.values_list("function", "seniority"):
        if cell not in seen:
            seen.append(cell)
    return seen[:limit]


class BroadSeeder:
    def __init__(self, *, rng: random.Random) -> None:
        self.rng = rng
        self.counts = {"matrix rows": 0, "coverage targets": 0}

    def run(self, accounts: list[Account]) -> dict[str, int]:
        for index, account in enumerate(accounts):
            if account.owner is not None:
                self._seed_account(account, is_error_example=index == 0)
        return self.counts

    def _letters(self, owner_id: int, others: list[int]) -> dict[int, str]:
        """The owner is accountable; with nobody else on the team the owner also does the work."""
        if not others:
            return {owner_id: "AR"}
        letters = {owner_id: "A", others[0]: "R"}
        for user_id in others[1:]:
            letters[user_id] = self.rng.choice(LETTERS_FOR_OTHERS)
        return letters

    def _seed_account(self, account: Account, *, is_error_example: bool) -> None:
        actor = account.owner
        if actor is None:
            return
        others = list(account_workers(account).exclude(pk=actor.pk).values_list("pk", flat=True))
        cells = _cells(account, limit=5)
        rows = [
            raci_row_create(actor=actor, account=account, function=function, level=level)
            for function, level in cells
        ]
        rows.append(raci_row_create(actor=actor, account=account, touchpoint=TOUCHPOINT))
        for row in rows:
            raci_row_set(actor=actor, row=row, letters=self._letters(actor.pk, others))
        self.counts["matrix rows"] += len(rows)
        if is_error_example and others:
            # The error example: the owner's A removed behind the services' back.
            RaciAssignment.objects.filter(row=rows[0], user=actor).delete()
        targets = cells[:3] + EXTRA_TARGETS
        for function, level in dict.fromkeys(targets):
            coverage_target_set(
                actor=actor, account=account, function=function, level=level, is_target=True
            )
            self.counts["coverage targets"] += 1


def seed_broad(*, rng: random.Random, accounts: list[Account]) -> dict[str, int]:
    """The broad-relationship demo for every account (see the module docstring)."""
    return BroadSeeder(rng=rng).run(accounts)

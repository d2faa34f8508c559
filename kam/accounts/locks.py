"""Row locks that serialise read-modify-write services per account.

A service that reads what an account already has and then writes from it ("is there a current
snapshot for this period?", "which months of the year are already planned?") takes the account's
row lock first, so two requests for the same account run one after the other on PostgreSQL
instead of both acting on what they read before the other wrote. SQLite serialises writers
anyway; there the lock is a no-op.
"""

from django.db import transaction

from kam.accounts.models import Account


def account_lock(account: Account) -> None:
    """Hold `account`'s row lock until the surrounding transaction ends (call inside one)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("account_lock() needs a transaction")
    list(Account.objects.select_for_update().filter(pk=account.pk).values_list("pk", flat=True))

"""The portfolio matrix and its chart, built once per version of the data they show.

Every write the matrix depends on gives PortfolioVersion a new stamp (signals below, connected
in the app's ready()); reads key Django's cache by that stamp, the reader's scope (everything
for directors and administrators, otherwise the user) and the language, so a stale entry is
never read again and simply expires."""

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from kam.accounts.access import PORTFOLIO_ROLES
from kam.users.models import User

T = TypeVar("T")
TIMEOUT_SECONDS = 3600
HOT_ENTRIES = 32
_MISSING = object()
_hot: OrderedDict[str, bytes] = OrderedDict()
_hot_lock = threading.Lock()


def portfolio_version() -> str:
    from kam.scorecard.models import PortfolioVersion

    found = PortfolioVersion.objects.filter(pk=1).values_list("stamp", flat=True).first()
    return found or "none"


def portfolio_version_bump() -> None:
    """Call inside the writing transaction: readers see the new stamp when it commits."""
    from kam.scorecard.models import PortfolioVersion

    stamp = uuid.uuid4().hex
    if not PortfolioVersion.objects.filter(pk=1).update(stamp=stamp):
        PortfolioVersion.objects.update_or_create(pk=1, defaults={"stamp": stamp})


def scope_key(user: User) -> str:
    return "all" if user.role in PORTFOLIO_ROLES else f"user-{user.pk}"


def cached(user: User, parts: tuple[object, ...], build: Callable[[], T]) -> T:
    """The value `build` returns for this user's scope and `parts`, at the current version.

    Encoded bodies (bytes) are also kept in this process as they are (the last HOT_ENTRIES of
    them), so that serving one does not copy it out of the cache (unpickling the 3 MB matrix of
    8,000 accounts took as long as the rest of the request); the cache still decides whether the
    entry is alive (`has_key`, which does not read the value)."""
    # The parts may be text a user sent (a period filter): hashed, any text makes a key that
    # every cache backend accepts (memcached refuses control characters, spaces and > 250 bytes).
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"portfolio:{portfolio_version()}:{scope_key(user)}:{get_language()}:{digest}"
    with _hot_lock:
        hot = _hot.get(key)
        if hot is not None:
            _hot.move_to_end(key)
    if hot is not None and cache.has_key(key):
        return hot  # type: ignore[return-value]
    found: Any = cache.get(key, _MISSING)
    if found is _MISSING:
        found = build()
        cache.set(key, found, TIMEOUT_SECONDS)
    if isinstance(found, bytes):
        with _hot_lock:
            _hot[key] = found
            _hot.move_to_end(key)
            while len(_hot) > HOT_ENTRIES:
                _hot.popitem(last=False)
    return found


# A user's save that changes neither the role nor the activity (a login) leaves the scope alone.
_USER_SCOPE_FIELDS = frozenset({"role", "is_active"})


def _bump_on_write(sender: type[models.Model], **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    fields = kwargs.get("update_fields")
    if sender is User and fields is not None and not _USER_SCOPE_FIELDS & set(fields):
        return
    portfolio_version_bump()


def connect_signals() -> None:
    from kam.accounts.models import Account, AccountTeamMembership
    from kam.scorecard.models import CategoryPolicy, PortfolioSettings, ScorecardPosition

    for model in (
        ScorecardPosition, PortfolioSettings, CategoryPolicy, Account, AccountTeamMembership, User,
    ):  # fmt: skip
        uid = f"portfolio-version-{model._meta.label}"
        post_save.connect(_bump_on_write, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_bump_on_write, sender=model, dispatch_uid=f"{uid}-delete")

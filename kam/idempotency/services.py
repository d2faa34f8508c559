"""Claiming a one-time token or key, remembering the answer, forgetting old ones."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kam.idempotency.models import IdempotencyRecord
from kam.users.models import User


def idempotency_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Records created before this moment have expired (KAM_IDEMPOTENCY_TTL_HOURS)."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.KAM_IDEMPOTENCY_TTL_HOURS)


def _record_insert(*, user: User, kind: str, key: str, fingerprint: str) -> IdempotencyRecord:
    record = IdempotencyRecord(user=user, kind=kind, key=key, request_fingerprint=fingerprint)
    record.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        record.save()
    return record


def idempotency_claim(
    *, user: User, kind: str, key: str, fingerprint: str = ""
) -> tuple[IdempotencyRecord, bool]:
    """Claim `key` for `user`: (the new record, True), or (the record of the request that
    claimed it first, False). Call it inside the transaction that creates the object: a second
    request with the same key waits for that transaction and then finds its record."""
    try:
        return _record_insert(user=user, kind=kind, key=key, fingerprint=fingerprint), True
    except IntegrityError:
        pass
    existing = IdempotencyRecord.objects.get(user=user, kind=kind, key=key)
    if existing.created_at < idempotency_cutoff():
        existing.delete()
        return _record_insert(user=user, kind=kind, key=key, fingerprint=fingerprint), True
    return existing, False


def idempotency_answer(
    *,
    record: IdempotencyRecord,
    location: str = "",
    status_code: int | None = None,
    content_type: str = "",
    response_body: str = "",
) -> None:
    """Remember what the request that claimed `record` answered."""
    record.location = location
    record.status_code = status_code
    record.content_type = content_type
    record.response_body = response_body
    record.full_clean(validate_unique=False, validate_constraints=False)
    record.save(
        update_fields=["location", "status_code", "content_type", "response_body", "updated_at"]
    )


def idempotency_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget the tokens and keys older than KAM_IDEMPOTENCY_TTL_HOURS; returns how many."""
    deleted, _ = IdempotencyRecord.objects.filter(
        created_at__lt=idempotency_cutoff(now=now)
    ).delete()
    return deleted

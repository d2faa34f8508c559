"""No lost updates: a PATCH of a record people edit names the version it was made from.

GET and PATCH answer `ETag: "<updated_at in microseconds since the epoch>"`. A PATCH sends it back
as `If-Match` (412 `precondition_failed` when someone saved since) or the `updated_at` it read as
`version` in the body (409 `stale_version`); with neither it is refused with 428
`version_required`. The access check runs first, so an outsider still gets 404.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kam.api.schemas import ErrorOut
from kam.core.exceptions import ApplicationError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Documented on every versioned PATCH/PUT.
VERSION_ERRORS: dict[int, type] = {409: ErrorOut, 412: ErrorOut, 428: ErrorOut}

IF_MATCH_DESCRIPTION = (
    "Send the ETag of your last read as `If-Match` (412 when someone saved since) or its "
    "`updated_at` as `version` in the body (409 when stale); without either: 428."
)


def etag(updated_at: datetime) -> str:
    delta = updated_at - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f'"{micros}"'


IF_MATCH_OPENAPI = {
    "parameters": [
        {
            "in": "header",
            "name": "If-Match",
            "required": False,
            "schema": {"type": "string"},
            "description": IF_MATCH_DESCRIPTION,
        }
    ]
}


def set_etag(response: HttpResponse, instance: object) -> None:
    response["ETag"] = etag(instance.updated_at)  # type: ignore[attr-defined]


def _parse(header: str) -> datetime | None:
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        return None
    return EPOCH + timedelta(microseconds=int(value))


@dataclass(frozen=True)
class ExpectedVersion:
    """The version a write was made from, and whether it came as `If-Match`."""

    updated_at: datetime
    from_header: bool


def _same_millisecond(first: datetime, second: datetime) -> bool:
    return abs(first - second) < timedelta(milliseconds=1) and (
        first.microsecond // 1000 == second.microsecond // 1000
    )


def expected_version(
    request: HttpRequest, body_version: datetime | None, current: datetime
) -> ExpectedVersion:
    """The version the client read: `If-Match` first, else the body's `version`; 428 without.

    The API writes datetimes to the millisecond, so a body `version` is the `updated_at` of
    `current` (the record as loaded) when they agree to the millisecond; the service then
    compares that exact value under the row lock."""
    header = request.headers.get("If-Match")
    if header:
        parsed = _parse(header)
        # A tag that is not one of ours matches no version: refused as stale (412).
        return ExpectedVersion(parsed or EPOCH, from_header=True)
    if body_version is not None:
        if _same_millisecond(body_version, current):
            body_version = current
        return ExpectedVersion(body_version, from_header=False)
    raise ApplicationError(
        _(
            "Say which version you changed: send the ETag of your last read as the If-Match "
            "header, or its updated_at as version in the body."
        ),
        code="version_required",
        status=428,
    )


@contextmanager
def stale_as_precondition_failed(expected: ExpectedVersion) -> Iterator[None]:
    """A stale `If-Match` is a 412; a stale body `version` stays the service's 409."""
    try:
        yield
    except ApplicationError as error:
        if error.code != "stale_version" or not expected.from_header:
            raise
        raise ApplicationError(error.message, code="precondition_failed", status=412) from error

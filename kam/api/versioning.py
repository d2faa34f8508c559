"""No lost updates: a PATCH or PUT of a record people edit names the version it was made from.

A record's version is its `updated_at`, or the edit number of a record that counts its edits
(plans, PDCA cycles, key-person cards). GET and PATCH/PUT answer it as the `ETag`: the
`updated_at` in microseconds since the epoch (`"0"`: not written yet), or the edit number. A write
sends it back as `If-Match` (412 `precondition_failed` when someone saved since) or as `version`
in the body — the `updated_at` or the number it read — (409 `stale_version`); with neither it is
refused with 428 `version_required`. The access check runs first, so an outsider still gets 404.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kam.api.schemas import ErrorOut
from kam.core.exceptions import ApplicationError
from kam.core.services import NEVER_SAVED

EPOCH = NEVER_SAVED
# What a tag that is not one of ours stands for: equal to no version, so it is refused as stale.
NO_TIME = datetime(1, 1, 1, tzinfo=UTC)
NO_NUMBER = -1

Version = TypeVar("Version", datetime, int)

# Documented on every versioned PATCH/PUT.
VERSION_ERRORS: dict[int, type] = {409: ErrorOut, 412: ErrorOut, 428: ErrorOut}

# The body `version` of a record versioned by its `updated_at`, and of one that counts its edits.
VERSION_DESCRIPTION = "The `updated_at` you read (or send its ETag as If-Match)."
NUMBER_VERSION_DESCRIPTION = "The `version` number you read (or send its ETag as If-Match)."

IF_MATCH_DESCRIPTION = (
    "Send the ETag of your last read as `If-Match` (412 when someone saved since) or the version "
    "it stands for (`updated_at`, or the `version` number) as `version` in the body (409 when "
    "stale); without either: 428."
)


def etag(version: datetime | int) -> str:
    if isinstance(version, int):
        return f'"{version}"'
    delta = version - EPOCH
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


def set_etag(response: HttpResponse, version: datetime | int) -> None:
    response["ETag"] = etag(version)


def _parse(header: str, current: Version) -> Version:
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if isinstance(current, int):
        return int(value) if value.isdigit() else NO_NUMBER
    if not value.isdigit():
        return NO_TIME
    return EPOCH + timedelta(microseconds=int(value))


@dataclass(frozen=True)
class ExpectedVersion(Generic[Version]):
    """The version a write was made from, and whether it came as `If-Match`."""

    value: Version
    from_header: bool


def _same_millisecond(first: datetime, second: datetime) -> bool:
    return abs(first - second) < timedelta(milliseconds=1) and (
        first.microsecond // 1000 == second.microsecond // 1000
    )


def expected_version(
    request: HttpRequest, body_version: Version | None, current: Version
) -> ExpectedVersion[Version]:
    """The version the client read: `If-Match` first, else the body's `version`; 428 without.

    `current` is the version of the record as loaded (`NEVER_SAVED` for one not written yet).
    The API writes datetimes to the millisecond, so a body `version` is `current` when they
    agree to the millisecond; the service then compares that exact value under the row lock."""
    header = request.headers.get("If-Match")
    if header:
        return ExpectedVersion(_parse(header, current), from_header=True)
    if body_version is not None:
        if (
            isinstance(body_version, datetime)
            and isinstance(current, datetime)
            and _same_millisecond(body_version, current)
        ):
            body_version = current
        return ExpectedVersion(body_version, from_header=False)
    if isinstance(current, int):
        message = _(
            "Say which version you changed: send the ETag of your last read as the If-Match "
            "header, or its version number as version in the body."
        )
    else:
        message = _(
            "Say which version you changed: send the ETag of your last read as the If-Match "
            "header, or its updated_at as version in the body."
        )
    raise ApplicationError(message, code="version_required", status=428)


@contextmanager
def stale_as_precondition_failed(expected: ExpectedVersion) -> Iterator[None]:
    """A stale `If-Match` is a 412; a stale body `version` stays the service's 409."""
    try:
        yield
    except ApplicationError as error:
        if error.code != "stale_version" or not expected.from_header:
            raise
        raise ApplicationError(error.message, code="precondition_failed", status=412) from error

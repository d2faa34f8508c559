"""Steps shared by the no-lost-update tests of every versioned PATCH/PUT (kam/api/versioning.py).

Each app's test describes its write as a `VersionedWrite` (two different changes made from the
same version, and how to read the version and what the writes change from the database); these
steps send them and assert the answer and what was stored."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.test import Client

from kam.api.versioning import etag
from tests.access_helpers import database_fingerprint

STALE = (
    "Someone else saved this record after you opened it. Your changes were not saved: "
    "reload the page to see the current version, then make them again."
)
REQUIRED = (
    "Say which version you changed: send the ETag of your last read as the If-Match header, "
    "or its updated_at as version in the body."
)
REQUIRED_NUMBER = (
    "Say which version you changed: send the ETag of your last read as the If-Match header, "
    "or its version number as version in the body."
)


@dataclass(frozen=True)
class VersionedWrite:
    """One versioned PATCH/PUT: `first` and `second` change the record differently; `version`
    reads the record's version now (its `updated_at` or edit number); `state` reads what the
    writes change; `read_url` answers the record with its ETag (empty: no such GET)."""

    method: str
    url: str
    first: dict[str, object]
    second: dict[str, object]
    version: Callable[[], datetime | int]
    state: Callable[[], object]
    read_url: str = ""
    stale_message: str = STALE
    extra: dict[str, object] = field(default_factory=dict)

    def body_version(self) -> str | int:
        current = self.version()
        return current if isinstance(current, int) else current.isoformat()

    def tag(self) -> str:
        return etag(self.version())

    def required_message(self) -> str:
        return REQUIRED_NUMBER if isinstance(self.version(), int) else REQUIRED


def send(client: Client, write: VersionedWrite, body: object, **headers: str) -> object:
    return client.generic(
        write.method, write.url, json.dumps(body), content_type="application/json", headers=headers
    )


def error(code: str, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "fields": {}}}


def check_read_answers_the_version(client: Client, write: VersionedWrite) -> None:
    """The GET answers the version as the ETag; the write answers the new one."""
    if write.read_url:
        assert client.get(write.read_url)["ETag"] == write.tag()
    response = send(client, write, write.first, If_Match=write.tag())
    assert response.status_code == 200, response.content
    assert response["ETag"] == write.tag()
    if write.read_url:
        assert client.get(write.read_url)["ETag"] == write.tag()


def check_version_required(client: Client, write: VersionedWrite) -> None:
    """Without If-Match or `version`: 428, nothing written."""
    before = database_fingerprint()
    response = send(client, write, write.first)
    assert response.status_code == 428, response.content
    assert response.json() == error("version_required", write.required_message())
    assert database_fingerprint() == before


def check_same_if_match_twice(client: Client, write: VersionedWrite) -> None:
    """Two writes with the same If-Match: the first 200, the second 412; the first stays."""
    tag = write.tag()
    won = send(client, write, write.first, If_Match=tag)
    assert won.status_code == 200, won.content
    saved = write.state()
    before = database_fingerprint()
    lost = send(client, write, write.second, If_Match=tag)
    assert lost.status_code == 412, lost.content
    assert lost.json() == error("precondition_failed", write.stale_message)
    assert database_fingerprint() == before
    assert write.state() == saved
    # the answer's ETag is the version to write from next
    assert send(client, write, write.second, If_Match=won["ETag"]).status_code == 200


def check_same_body_version_twice(client: Client, write: VersionedWrite) -> None:
    """Two writes with the same body `version`: the first 200, the second 409 with the stale
    message; the first stays."""
    version = write.body_version()
    won = send(client, write, {**write.first, "version": version})
    assert won.status_code == 200, won.content
    saved = write.state()
    before = database_fingerprint()
    lost = send(client, write, {**write.second, "version": version})
    assert lost.status_code == 409, lost.content
    assert lost.json() == error("stale_version", write.stale_message)
    assert database_fingerprint() == before
    assert write.state() == saved


def check_outsider_gets_404(client: Client, write: VersionedWrite) -> None:
    """The access check comes first: an outsider with the right version gets 404, nothing
    written."""
    before = database_fingerprint()
    response = send(client, write, write.first, If_Match=write.tag())
    assert response.status_code == 404, response.content
    assert database_fingerprint() == before


def check_null_body_refused(client: Client, write: VersionedWrite) -> None:
    """A JSON `null` body is not "change nothing": 422, nothing written."""
    before = database_fingerprint()
    response = client.generic(
        write.method,
        write.url,
        "null",
        content_type="application/json",
        headers={"If-Match": write.tag()},
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["fields"] == {
        "__all__": ["Send the fields to change as a JSON object."]
    }
    assert database_fingerprint() == before

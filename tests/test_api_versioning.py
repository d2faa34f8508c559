"""Contract: every PATCH/PUT of the API names the version it was made from (kam/api/versioning.py).

Walks the OpenAPI schema, so a new PATCH/PUT that forgets the If-Match parameter, the 409 / 412 /
428 answers or the body `version` fails here."""

import pytest

pytestmark = pytest.mark.django_db

# Writes that replace something without a version of its own, each with the reason.
NOT_VERSIONED = {
    # Marks one cell (function × level) of the coverage heat map as a target or not: the body is
    # the whole state of that cell (one boolean, the row is created on the first PUT), so a
    # second writer cannot lose the first one's other fields; the last answer is the state.
    ("put", "/api/v1/accounts/{account_id}/coverage/targets"),
}


def _writes(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in {"patch", "put"}
    ]


def _body_properties(schema: dict, operation: dict) -> set[str]:
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    return set(schema["components"]["schemas"][name]["properties"])


def test_every_patch_and_put_asks_for_the_version_read(admin_client: object) -> None:
    # given the API's OpenAPI schema
    schema = admin_client.get("/api/openapi.json").json()  # type: ignore[attr-defined]
    writes = _writes(schema)
    # when each PATCH/PUT is checked for If-Match, the version answers and a body version
    missing = []
    for method, path, operation in writes:
        if (method, path) in NOT_VERSIONED:
            continue
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        answers = set(operation["responses"])
        if "If-Match" not in headers:
            missing.append((method, path, "If-Match"))
        missing += [(method, path, code) for code in ("409", "412", "428") if code not in answers]
        if "version" not in _body_properties(schema, operation):
            missing.append((method, path, "version"))
    # then none is missing anything, and the allow-list names only writes that exist
    assert missing == []
    assert {(method, path) for method, path, _operation in writes} >= NOT_VERSIONED
    assert len(writes) >= 19  # the walk sees the API's writes (19 when this was written)

"""The OpenAPI document documents every error answer an operation can give, in the one error shape.

A generated client returns an answer the document describes and raises on any other, so each
operation lists the errors that kam/api/errors.py (and the versioning and idempotency layers)
can answer for it, derived from what the operation is rather than declared one by one, so that a
new endpoint cannot forget them:

- 401 when the operation needs authentication;
- 404 when its path names a record;
- 400 (body not JSON), 413 (body too large) and 422 when it takes a body; 422 also when it
  takes a parameter other than a record's id in the path (a value of the wrong type or range);
- 400, 403 and 409 for every write: a rule of the service refuses it (`ApplicationError`), the
  user may not change the record, or it conflicts with what is stored (a stale version, two
  writers at once).

An operation may declare more (a 403 on a read, the 412/428 of a versioned write) with `ErrorOut`.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema

from kam.api.path_access import PATH_OBJECTS
from kam.api.schemas import ErrorOut

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
PATH_RECORDS = frozenset({"account_id", *PATH_OBJECTS})

ERROR_DESCRIPTIONS = {
    400: "The request body is not valid JSON, or a rule refuses the change (`error.code` and "
    "`error.message` say which).",
    401: "Not signed in: send a valid API token (Authorization: Bearer …) or the session cookie.",
    403: "Signed in, but not allowed to do this (for instance a viewer who writes).",
    404: "No such record, or not one you may see.",
    409: "Refused because of what is stored: someone saved since your read (a stale `version`), "
    "or the change breaks a rule about the data as it stands.",
    412: "The `If-Match` version is not the stored one: someone saved since your read.",
    413: "The request body is larger than the server accepts.",
    422: "The request is not valid: `error.fields` names each field and what is wrong with it.",
    428: "Say which version you changed: send `If-Match` or `version`.",
}

ERROR_REF = REF_TEMPLATE.format(model=ErrorOut.__name__)


def error_statuses(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    """The error answers an operation can give, from its method, path, parameters and body."""
    statuses: set[int] = set()
    if operation.get("security"):
        statuses.add(401)
    if "{" in path:
        statuses.add(404)
    if operation.get("requestBody"):
        statuses |= {400, 413, 422}
    if any(_may_be_invalid(parameter) for parameter in operation.get("parameters", [])):
        statuses.add(422)
    if method in WRITE_METHODS:
        statuses |= {400, 403, 409}
    return statuses


def _may_be_invalid(parameter: dict[str, Any]) -> bool:
    """A malformed id of a record in the path is not found (404, kam/api/path_access.py);
    any other parameter with a wrong value is refused with 422."""
    return parameter["in"] != "path" or parameter["name"] not in PATH_RECORDS


def _error_answer(status: int) -> dict[str, Any]:
    return {
        "description": ERROR_DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
    }


def document_error_answers(schema: dict[str, Any]) -> None:
    """Add the standard error answers (with `ErrorOut`) to every operation of `schema`."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(ref_template=REF_TEMPLATE, mode="serialization")
    components.update(error_schema.pop("$defs", {}))
    components[ErrorOut.__name__] = error_schema
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            # ninja keys answers by int, an operation's `openapi_extra` may key them by str
            documented = {int(status) for status in answers if str(status).isdigit()}
            for status in sorted(error_statuses(method, path, operation) - documented):
                answers[status] = _error_answer(status)
            for status, answer in answers.items():
                if str(status).isdigit() and int(status) in ERROR_DESCRIPTIONS:
                    answer["description"] = ERROR_DESCRIPTIONS[int(status)]


class KamAPI(NinjaAPI):
    """django-ninja's API whose OpenAPI document lists every operation's error answers."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_error_answers(schema)
        return schema

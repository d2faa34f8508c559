"""Contract of /api/openapi.json that a generated client relies on: one component per schema
name, and every error answer documented with the one error shape.

Walks the API itself, so a new endpoint whose schema reuses a name, or that can answer an error
the document does not list, fails here."""

import enum
import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from kam.api.api import api
from kam.api.path_access import PATH_OBJECTS

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/ErrorOut"
WRITES = {"post", "put", "patch", "delete"}


def _named_types(annotation: object, found: set[type]) -> None:
    """The models and enumerations an annotation names, and those they name in turn."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.add(annotation)
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _named_types(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _named_types(argument, found)


def _api_types() -> set[type]:
    found: set[type] = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _named_types(model, found)
                for model in operation.response_models.values():
                    _named_types(model, found)
    # ninja's own wrappers of each operation's parameters and answers are never components
    return {kind for kind in found if not kind.__module__.startswith("ninja.")
            or kind.__name__.startswith("Paged")}  # fmt: skip


def _refs(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def _operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_api_schema_has_a_name_of_its_own() -> None:
    # given every model and enumeration that an operation reads or answers
    types = _api_types()
    # when they are grouped by the name the OpenAPI document gives them
    classes_by_name: dict[str, set[str]] = defaultdict(set)
    for kind in types:
        classes_by_name[kind.__name__].add(f"{kind.__module__}.{kind.__qualname__}")
    # then no two classes share a name (the document would keep only one of them)
    shared = {
        name: sorted(classes) for name, classes in classes_by_name.items() if len(classes) > 1
    }
    assert shared == {}
    assert len(types) > 300  # the walk sees the API's schemas (about 1,000 when written)


def test_every_component_named_by_the_document_is_in_it(admin_client: object) -> None:
    # given the OpenAPI document
    schema = admin_client.get("/api/openapi.json").json()  # type: ignore[attr-defined]
    # when every $ref in it is collected
    refs = {ref.rsplit("/", 1)[-1] for ref in _refs(schema)}
    # then each names a component, and the account's owner is a user reference with a username
    assert refs - set(schema["components"]["schemas"]) == set()
    owner = schema["components"]["schemas"]["UserRefOut"]
    assert set(owner["required"]) == {"id", "username", "display_name"}


def _may_be_invalid(parameter: dict) -> bool:
    """Any parameter but a record's id in the path (a malformed one is not found: 404)."""
    return parameter["in"] != "path" or parameter["name"] not in {"account_id", *PATH_OBJECTS}


def _expected_errors(method: str, path: str, operation: dict) -> set[str]:
    expected = {"401"}
    if "{" in path:
        expected.add("404")
    if "requestBody" in operation:
        expected |= {"422"}
        if "application/json" in operation["requestBody"]["content"]:
            expected |= {"400", "413"}
    if any(_may_be_invalid(parameter) for parameter in operation.get("parameters", [])):
        expected.add("422")
    if method in WRITES:
        expected |= {"400", "403", "409"}  # 400: a service's rule refuses the change
    return expected


def test_every_operation_documents_its_error_answers_with_the_error_schema(
    admin_client: object,
) -> None:
    # given the OpenAPI document
    schema = admin_client.get("/api/openapi.json").json()  # type: ignore[attr-defined]
    operations = _operations(schema)
    missing, other_shape = [], []
    for method, path, operation in operations:
        # when each operation's answers are compared with what the API can answer for it
        answers = operation["responses"]
        assert operation.get("security"), (method, path)  # every operation needs a sign-in
        missing += [(method, path, code) for code in _expected_errors(method, path, operation)
                    if code not in answers]  # fmt: skip
        for code, answer in answers.items():
            if code.startswith("4"):
                media = answer.get("content", {}).get("application/json", {})
                if media.get("schema", {}).get("$ref") != ERROR_REF:
                    other_shape.append((method, path, code))
    # then none is missing, and every error answer is the one error schema
    assert missing == []
    assert other_shape == []
    assert len(operations) >= 150  # 162 when this was written
    error_out = schema["components"]["schemas"]["ErrorOut"]
    assert error_out["properties"]["error"] == {"$ref": "#/components/schemas/ErrorDetailOut"}

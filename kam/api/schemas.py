"""Schemas shared by every API router: the one error shape that kam/api/errors.py answers with."""

from ninja import Schema


class ErrorDetailOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    """The API's one error shape (kam/api/errors.py); documented on every operation."""

    error: ErrorDetailOut

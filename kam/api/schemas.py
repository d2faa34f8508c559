"""Schemas shared by every API router: the one error shape that kam/api/errors.py answers with,
and the reference to a record that many answers embed."""

import uuid

from ninja import Field, Schema


class ErrorDetailOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    """The API's one error shape (kam/api/errors.py); documented on every operation."""

    error: ErrorDetailOut


class RefOut(Schema):
    """A record named in another one's answer: its public id and its name."""

    id: uuid.UUID = Field(..., alias="uuid")
    name: str

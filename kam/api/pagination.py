"""Page-number pagination for every API list: {items, count, page, page_size}."""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

RowT = TypeVar("RowT")


class PagePagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int = Field(25, ge=1, le=settings.KAM_API_MAX_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "items": list(queryset[offset : offset + pagination.page_size]),
            "count": queryset.count(),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }


class ConvertedPage(Generic[RowT]):
    """A queryset that `PagePagination` slices and counts, whose page is converted into output rows
    in one call (a conversion that reads labels for the rows does it once per page)."""

    def __init__(self, queryset: QuerySet[Any], convert: Callable[[list[RowT]], list[Any]]) -> None:
        self.queryset = queryset
        self.convert = convert

    def __getitem__(self, key: slice) -> list[Any]:
        return self.convert(list(self.queryset[key]))

    def count(self) -> int:
        return self.queryset.count()

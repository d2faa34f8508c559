"""Free-text search over several fields: every word must match, each in any of the fields."""

from django.db.models import Q


def words_query(text: str, fields: tuple[str, ...]) -> Q:
    """`星河 新能源` over (name, alternate_name) → (name ∋ 星河 or alt ∋ 星河) and (… 新能源 …)."""
    condition = Q()
    for word in text.split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition

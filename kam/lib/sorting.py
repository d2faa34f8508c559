"""Ordering by name the way a reader of the active language expects.

In 中文, names sort by their pinyin with Latin names among them (华东 hua, Siemens, 西部 xi,
中科 zhong), as Chinese dictionaries and phone books do; Unicode order would put every Latin name
first and 中 before 华. Models with names store the pinyin key (`name_sort_key`) so the database
orders and paginates; in English, names sort case-insensitively.
"""

from django.db.models import F, OrderBy
from django.db.models.functions import Lower
from django.utils.translation import get_language
from pypinyin import Style, lazy_pinyin

NAME_SORT_KEY_LENGTH = 255


def name_sort_key(name: str) -> str:
    """`华东电力 Siemens` → `hua dong dian li siemens`: pinyin syllables and lower-case Latin."""
    parts = (part.strip().lower() for part in lazy_pinyin(name.strip(), style=Style.NORMAL))
    return " ".join(part for part in parts if part)[:NAME_SORT_KEY_LENGTH]


def is_chinese_active() -> bool:
    return (get_language() or "").lower().startswith("zh")


def active_name_key(name: str) -> str:
    """The key that sorts a name in Python as `name_ordering` sorts it in the database."""
    return name_sort_key(name) if is_chinese_active() else name.strip().lower()


def name_ordering(prefix: str = "", *, descending: bool = False) -> tuple[OrderBy, ...]:
    """ORDER BY terms for the name of a model (`prefix` = `account__` for a related account)."""
    keys: list[F | Lower]
    if is_chinese_active():
        keys = [F(f"{prefix}name_sort_key"), F(f"{prefix}name")]
    else:
        keys = [Lower(f"{prefix}name"), F(f"{prefix}name")]
    return tuple(key.desc() if descending else key.asc() for key in keys)


# In a sort table, these stand for "by name" in the active language's order.
BY_NAME = "@name"
BY_NAME_DESCENDING = "-@name"


def ordering(terms: tuple[str, ...], prefix: str = "") -> list[str | OrderBy]:
    """A sort table's ORDER BY with `BY_NAME` expanded for the active language."""
    expanded: list[str | OrderBy] = []
    for term in terms:
        if term in (BY_NAME, BY_NAME_DESCENDING):
            expanded += name_ordering(prefix, descending=term == BY_NAME_DESCENDING)
        else:
            expanded.append(term)
    return expanded

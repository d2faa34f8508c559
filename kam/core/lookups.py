"""`in` on an integer column leaves out the values no such column can hold.

Django answers "no rows" for `=`, `<` and `>` with a number out of the column's range
(IntegerFieldOverflow), not for `in`: on SQLite `pk__in=[99999999999999999999999]` raised
OverflowError, so a picker of people given a huge id (ModelMultipleChoiceField) was a 500
instead of "not one of the available choices". Registered in CoreConfig.ready()."""

import copy
from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    lookup_name = "in"

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if not self.rhs_is_direct_value():
            return super().process_rhs(compiler, connection)
        low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
        kept = [
            value
            for value in self.rhs
            if not isinstance(value, int)
            or ((low is None or value >= low) and (high is None or value <= high))
        ]
        if len(kept) == len(self.rhs):
            return super().process_rhs(compiler, connection)
        lookup = copy.copy(self)
        lookup.rhs = kept
        return super(IntegerFieldIn, lookup).process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)

"""The alert rules: each a kind, a label, a function that finds its cases for a batch of
accounts, and one that says the reason in words.

Adding a rule is one function (in kam/alerts/rules.py, or in the app it watches) and one line in
`RULES`. A rule reads in a constant number of queries for any number of accounts (it batches by
account ids); the refresh gives it the active accounts in chunks."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise

from kam.accounts.models import Account
from kam.alerts.models import AlertRules


@dataclass(frozen=True)
class Finding:
    """What a rule found for an account. `key` is stable across runs (a re-run updates the
    alert); `params` hold the reason as data (rendered in the reader's language)."""

    account_id: int
    key: str
    severity: str
    params: dict[str, Any]
    fix_url_name: str
    fix_url_kwargs: dict[str, str]
    subject_type: str = ""
    subject_uuid: uuid.UUID | None = None


Find = Callable[[Sequence[Account], date, AlertRules], list[Finding]]
Describe = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str | Promise
    find: Find = field(compare=False, repr=False)
    describe: Describe = field(compare=False, repr=False)


def rules() -> tuple[Rule, ...]:
    from kam.alerts.rules import RULES

    return RULES


def rule_for(kind: str) -> Rule | None:
    return next((rule for rule in rules() if rule.kind == kind), None)


def kind_choices() -> list[tuple[str, str]]:
    return [(rule.kind, str(rule.label)) for rule in rules()]

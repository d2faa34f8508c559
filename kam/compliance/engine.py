"""The gift rule engine: pure functions, no database. The service feeds it the entry's values,
the enforced rules and the contact's counted totals of the year, and acts on its findings."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from kam.compliance.choices import FindingOutcome, GiftStatus

# (currency, gift type) → total of the contact's counted entries in the calendar year.
YearTotals = Mapping[tuple[str, str], Decimal]


class RuleLike(Protocol):
    code: str
    region: str
    counterpart_type: str
    gift_type: str
    is_forbidden: bool
    per_item_limit: Decimal | None
    annual_limit: Decimal | None
    approval_threshold: Decimal | None
    currency: str

    @property
    def name(self) -> str: ...

    @property
    def rule_text(self) -> str: ...


@dataclass(frozen=True)
class GiftValues:
    """What the engine needs to know about one gift or hospitality entry."""

    gift_type: str
    value: Decimal
    currency: str
    counterpart_type: str
    region: str


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on an entry; the message names the rule and quotes its text."""

    rule_code: str
    outcome: str  # FindingOutcome: "refuse" | "needs_approval"
    message: str
    field: str = ""  # the entry field the finding is about (for forms)

    def as_json(self) -> dict[str, str]:
        return {
            "rule_code": self.rule_code,
            "outcome": self.outcome,
            "message": self.message,
            "field": self.field,
        }


def amount(value: Decimal) -> str:
    """A money amount as the messages show it: 1,000.00."""
    return f"{value:,.2f}"


def rule_applies(rule: RuleLike, entry: GiftValues) -> bool:
    """A blank region, counterpart type or gift type on the rule matches any value."""
    return (
        rule.region in ("", entry.region)
        and rule.counterpart_type in ("", entry.counterpart_type)
        and rule.gift_type in ("", entry.gift_type)
    )


def year_total_for(rule: RuleLike, year_total: YearTotals) -> Decimal:
    """The contact's counted total this year in the rule's currency (and gift type, if any)."""
    return sum(
        (
            total
            for (currency, gift_type), total in year_total.items()
            if currency == rule.currency and rule.gift_type in ("", gift_type)
        ),
        Decimal(0),
    )


def _quoted(rule: RuleLike) -> str:
    return _("「{name}」: {text}").format(name=rule.name, text=rule.rule_text)


def _refuse(rule: RuleLike, reason: str, field: str) -> Finding:
    message = _("{reason} Rule {rule}").format(reason=reason, rule=_quoted(rule))
    return Finding(rule.code, FindingOutcome.REFUSE.value, message, field)


def _approval(rule: RuleLike, reason: str, field: str) -> Finding:
    message = _("{reason} Rule {rule}").format(reason=reason, rule=_quoted(rule))
    return Finding(rule.code, FindingOutcome.NEEDS_APPROVAL.value, message, field)


def _check_limits(rule: RuleLike, entry: GiftValues, year_total: YearTotals) -> list[Finding]:
    findings = []
    values = {"value": amount(entry.value), "currency": rule.currency}
    if rule.per_item_limit is not None and entry.value > rule.per_item_limit:
        reason = _(
            "{value} {currency} is above the limit per item of {limit} {currency}: refused."
        ).format(limit=amount(rule.per_item_limit), **values)
        findings.append(_refuse(rule, reason, "value"))
    if rule.annual_limit is not None:
        total = year_total_for(rule, year_total) + entry.value
        if total > rule.annual_limit:
            reason = _(
                "With this entry the contact's total this year would be {total} {currency}, "
                "above the annual limit of {limit} {currency}: refused."
            ).format(total=amount(total), limit=amount(rule.annual_limit), **values)
            findings.append(_refuse(rule, reason, "value"))
    if rule.approval_threshold is not None and entry.value > rule.approval_threshold:
        reason = _(
            "{value} {currency} is above the approval threshold of {limit} {currency}: "
            "a director must approve it."
        ).format(limit=amount(rule.approval_threshold), **values)
        findings.append(_approval(rule, reason, "value"))
    return findings


def check_rule(rule: RuleLike, entry: GiftValues, year_total: YearTotals) -> list[Finding]:
    """The findings of one rule that applies to the entry."""
    if rule.is_forbidden:
        reason = _("This kind of gift or hospitality is not allowed for this counterpart.")
        return [_refuse(rule, reason, "gift_type")]
    if entry.currency != rule.currency:
        reason = _(
            "The value is in {currency}, but this rule sets its limits in {rule_currency}: "
            "a director must check it and approve it."
        ).format(currency=entry.currency, rule_currency=rule.currency)
        return [_approval(rule, reason, "currency")]
    return _check_limits(rule, entry, year_total)


def check_gift(
    entry_values: GiftValues, rules: Iterable[RuleLike], year_total: YearTotals
) -> list[Finding]:
    """Every finding of every rule that applies to the entry, in the order of the rules."""
    findings: list[Finding] = []
    for rule in rules:
        if rule_applies(rule, entry_values):
            findings += check_rule(rule, entry_values, year_total)
    return findings


def is_refused(findings: Iterable[Finding]) -> bool:
    return any(finding.outcome == FindingOutcome.REFUSE for finding in findings)


def status_for(findings: Iterable[Finding]) -> str:
    """The approval status of an entry that was not refused."""
    if any(finding.outcome == FindingOutcome.NEEDS_APPROVAL for finding in findings):
        return GiftStatus.PENDING.value
    return GiftStatus.NOT_REQUIRED.value

"""factory_boy factories of the compliance app."""

from datetime import date
from decimal import Decimal

import factory

from kam.compliance.models import CounterpartProfile, GiftEntry, GiftPolicyRule, LocalCustomNote
from tests.factories import AccountFactory, ContactFactory, UserFactory


class CounterpartProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CounterpartProfile

    contact = factory.SubFactory(ContactFactory)
    account = factory.LazyAttribute(lambda profile: profile.contact.account)
    counterpart_type = "private_company"
    region = factory.LazyAttribute(lambda profile: profile.contact.account.region)


class GiftPolicyRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GiftPolicyRule

    code = factory.Sequence(lambda number: f"rule_{number}")
    name_zh = factory.Sequence(lambda number: f"规则{number}")
    name_en = factory.Sequence(lambda number: f"Rule {number}")
    per_item_limit = Decimal("1000")
    currency = "CNY"
    rule_text_zh = "规则文本"
    rule_text_en = "Rule text"


class GiftEntryFactory(factory.django.DjangoModelFactory):
    """A ledger row written directly (for list and query-count tests; skips the rules)."""

    class Meta:
        model = GiftEntry

    contact = factory.SubFactory(ContactFactory)
    account = factory.LazyAttribute(lambda entry: entry.contact.account)
    occurred_on = date(2026, 3, 1)
    gift_type = "meal"
    description = "工作餐"
    value = Decimal("100.00")
    currency = "CNY"
    purpose = "项目沟通"
    giver = factory.LazyAttribute(lambda entry: entry.contact.account.owner)
    counterpart_type = "private_company"
    region = "east_china"
    status = "not_required"


class LocalCustomNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalCustomNote

    region = "east_china"
    title = factory.Sequence(lambda number: f"Custom {number}")
    text = "Text"
    constraint_level = "should"


__all__ = ["AccountFactory", "UserFactory"]

"""Gift entries against the default rules, rule versions, decisions and custom notes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from kam.audit.models import AuditEntry
from kam.compliance.models import GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.compliance.selectors import (
    card_section_context,
    contact_year_totals,
    custom_notes_for_account,
)
from kam.compliance.services import (
    GiftInput,
    GiftRefused,
    counterpart_profile_set,
    custom_note_create,
    gift_entry_create,
    gift_entry_decide,
    gift_policy_rule_create,
    gift_policy_rule_new_version,
)
from kam.compliance.tests.conftest import first_of_year
from kam.compliance.tests.factories import LocalCustomNoteFactory
from kam.core.exceptions import ApplicationError
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, ContactFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _person(account: object, owner: object, counterpart_type: str) -> object:
    person = ContactFactory(account=account)
    counterpart_profile_set(actor=owner, contact=person, counterpart_type=counterpart_type)
    return person


def _messages(error: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return error.value.message_dict


# --- the default rules ---------------------------------------------------------------------------


def test_it_seeds_the_default_rules_as_current_version_1() -> None:
    rules = GiftPolicyRule.objects.order_by("code")
    assert [(rule.code, rule.version, rule.is_enforced) for rule in rules] == [
        ("cash_equivalent_forbidden", 1, True),
        ("government_official_gift_limit", 1, True),
        ("healthcare_professional_gift_limit", 1, True),
        ("private_company_gift_limit", 1, True),
        ("state_owned_enterprise_gift_limit", 1, True),
    ]


def test_it_refuses_cash_equivalents_for_anyone_and_writes_nothing(
    owner: object, account: object, record: object
) -> None:
    person = _person(account, owner, "private_company")
    before = database_fingerprint()
    with pytest.raises(GiftRefused) as error:
        record(person, "50", gift_type="cash_equivalent")
    assert _messages(error) == {
        "gift_type": [
            "This kind of gift or hospitality is not allowed for this counterpart. Rule "
            "「No cash or cash equivalents」: Never give cash, shopping cards, gift cards, "
            "securities or other cash equivalents to anyone at a customer."
        ]
    }
    assert database_fingerprint() == before


def test_it_refuses_a_gift_above_200_cny_for_an_official_naming_the_rule(
    official: object, record: object
) -> None:
    with pytest.raises(GiftRefused) as error:
        record(official, "201")
    [message] = _messages(error)["value"]
    assert message.startswith(
        "201.00 CNY is above the limit per item of 200.00 CNY: refused. "
        "Rule 「Gift limit for government officials」: Gifts, meals or hospitality"
    )
    assert GiftEntry.objects.count() == 0


def test_it_accepts_a_gift_of_200_cny_for_an_official_without_approval(
    official: object, record: object
) -> None:
    entry = record(official, "200")
    assert entry.status == "not_required"
    assert entry.counterpart_type == "government_official"
    assert entry.region == "east_china"
    assert entry.rule_codes == ["government_official_gift_limit"]
    assert entry.findings == []
    assert [rule.code for rule in entry.rules.all()] == ["government_official_gift_limit"]


def test_it_refuses_the_entry_that_passes_the_annual_500_cny_of_an_official(
    official: object, record: object
) -> None:
    record(official, "200")
    record(official, "200", gift_type="meal")
    record(official, "100")
    with pytest.raises(GiftRefused) as error:
        record(official, "0.01")
    assert "total this year would be 500.01 CNY" in _messages(error)["value"][0]
    assert contact_year_totals(contact=official, year=first_of_year().year) == {
        ("CNY", "gift"): Decimal("300.00"),
        ("CNY", "meal"): Decimal("200.00"),
    }


def test_it_counts_only_this_calendar_year_towards_the_annual_limit(
    official: object, record: object
) -> None:
    last_year = first_of_year() - timedelta(days=1)
    record(official, "200", occurred_on=last_year)
    record(official, "200", occurred_on=last_year - timedelta(days=1))
    assert record(official, "200").status == "not_required"


def test_it_sends_an_soe_gift_above_300_cny_for_approval(
    owner: object, account: object, record: object
) -> None:
    person = _person(account, owner, "state_owned_enterprise")
    assert record(person, "300").status == "not_required"
    entry = record(person, "300.01")
    assert entry.status == "pending"
    message = (
        "300.01 CNY is above the approval threshold of 300.00 CNY: a director "
        "must approve it. Rule 「Gift limit for state-owned enterprise staff」: Gifts or "
        "hospitality for state-owned enterprise staff may not exceed CNY 500 each or "
        "CNY 2,000 per person per year; above CNY 300 a director must approve it first."
    )
    assert entry.findings == [
        {
            "rule_code": "state_owned_enterprise_gift_limit",
            "outcome": "needs_approval",
            "field": "value",
            "message": message,
            "message_en": message,
            "message_zh": "300.01 CNY 超过审批阈值 300.00 CNY，须由总监审批。依据规则"
            "「国有企业人员礼品上限」：向国有企业人员提供的礼品或招待,单次不得超过 500 元,"
            "每人每年累计不得超过 2,000 元;单次超过 300 元须经总监事先批准。",
        }
    ]
    # and a reader in 中文 sees the verdict in Chinese
    with translation.override("zh-hans"):
        assert entry.finding_messages[0].startswith("300.01 CNY 超过审批阈值")


def test_it_refuses_an_soe_gift_above_500_cny(
    owner: object, account: object, record: object
) -> None:
    person = _person(account, owner, "state_owned_enterprise")
    with pytest.raises(GiftRefused) as error:
        record(person, "500.01")
    assert "「Gift limit for state-owned enterprise staff」" in _messages(error)["value"][0]


def test_it_does_not_count_pending_entries_towards_the_annual_total(
    owner: object, account: object, record: object
) -> None:
    person = _person(account, owner, "state_owned_enterprise")
    for _index in range(5):
        assert record(person, "450").status == "pending"
    assert contact_year_totals(contact=person, year=first_of_year().year) == {}


def test_it_applies_the_private_company_thresholds(
    owner: object, account: object, record: object
) -> None:
    person = _person(account, owner, "private_company")
    assert record(person, "1000").status == "not_required"
    assert record(person, "1000.01").status == "pending"
    with pytest.raises(GiftRefused):
        record(person, "2000.01")


def test_it_applies_the_healthcare_professional_rule(
    owner: object, account: object, record: object
) -> None:
    person = _person(account, owner, "healthcare_professional")
    assert record(person, "100").status == "not_required"
    assert record(person, "150").status == "pending"
    with pytest.raises(GiftRefused):
        record(person, "300.01")


def test_it_sends_an_entry_in_another_currency_for_approval(
    official: object, record: object
) -> None:
    entry = record(official, "20", currency="USD")
    assert entry.status == "pending"
    assert entry.findings[0]["field"] == "currency"
    assert entry.findings[0]["message"].startswith(
        "The value is in USD, but this rule sets its limits in CNY"
    )


def test_it_records_a_received_gift_without_checking_the_rules(
    official: object, record: object
) -> None:
    entry = record(official, "900", direction="received")
    assert (entry.status, entry.rule_codes) == ("not_required", [])
    assert contact_year_totals(contact=official, year=first_of_year().year) == {}


def test_it_audits_a_recorded_entry_with_its_rules(official: object, record: object) -> None:
    entry = record(official, "88")
    audit = AuditEntry.objects.get(object_uuid=entry.uuid)
    assert audit.changes["value"] == [None, "88"]
    assert list(entry.rules.values_list("code", "version")) == [
        ("government_official_gift_limit", 1)
    ]


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"value": Decimal("-5")}, "value"),
        ({"value": Decimal("0")}, "value"),
        ({"currency": "XYZ"}, "currency"),
        ({"gift_type": "bribe"}, "gift_type"),
        ({"purpose": ""}, "purpose"),
        ({"description": ""}, "description"),
        ({"occurred_on": timezone.localdate() + timedelta(days=1)}, "occurred_on"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(
    official: object, owner: object, overrides: dict[str, object], field: str
) -> None:
    values = {
        "occurred_on": first_of_year(),
        "gift_type": "gift",
        "description": "纪念品",
        "value": Decimal("10"),
        "currency": "CNY",
        "purpose": "答谢",
        **overrides,
    }
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        gift_entry_create(actor=owner, contact=official, data=GiftInput(**values))
    assert field in error.value.message_dict
    assert database_fingerprint() == before


def test_it_asks_for_the_counterpart_type_when_the_person_has_none(
    contact: object, record: object
) -> None:
    with pytest.raises(ValidationError) as error:
        record(contact, "10")
    assert _messages(error) == {
        "counterpart_type": [
            "Choose the counterpart type of this person: the gift rules depend on it."
        ]
    }


def test_it_refuses_a_giver_from_outside_the_account_team(official: object, record: object) -> None:
    with pytest.raises(ValidationError) as error:
        record(official, "10", giver=UserFactory(role="account_manager"))
    assert _messages(error) == {
        "giver": ["The giver must be the account owner or on the account team."]
    }


def test_it_refuses_a_write_from_a_viewer(viewer: object, official: object, record: object) -> None:
    with pytest.raises(PermissionDenied):
        record(official, "10", actor=viewer)
    assert GiftEntry.objects.count() == 0


# --- rule versions -------------------------------------------------------------------------------


def test_it_keeps_the_old_rule_version_on_entries_when_a_rule_changes(
    owner: object, account: object, director: object, record: object
) -> None:
    person = _person(account, owner, "state_owned_enterprise")
    old_entry = record(person, "250")
    version_1 = GiftPolicyRule.objects.get(code="state_owned_enterprise_gift_limit")
    version_2 = gift_policy_rule_new_version(
        actor=director, rule=version_1, data={"approval_threshold": Decimal("200")}
    )
    version_1.refresh_from_db()
    assert (version_1.is_current, version_2.version, version_2.is_current) == (False, 2, True)
    assert version_2.per_item_limit == Decimal("500.00")
    assert list(old_entry.rules.all()) == [version_1]
    assert old_entry.status == "not_required"
    new_entry = record(person, "250")
    assert new_entry.status == "pending"
    assert list(new_entry.rules.all()) == [version_2]


def test_it_refuses_to_edit_a_replaced_version(director: object) -> None:
    version_1 = GiftPolicyRule.objects.get(code="private_company_gift_limit")
    gift_policy_rule_new_version(actor=director, rule=version_1, data={"is_active": False})
    with pytest.raises(ApplicationError) as error:
        gift_policy_rule_new_version(actor=director, rule=version_1, data={"is_active": True})
    assert error.value.status == 409


def test_it_switches_a_rule_off_with_a_new_version(
    owner: object, account: object, director: object, record: object
) -> None:
    rule = GiftPolicyRule.objects.get(code="private_company_gift_limit")
    gift_policy_rule_new_version(actor=director, rule=rule, data={"is_active": False})
    person = _person(account, owner, "private_company")
    assert record(person, "5000").status == "not_required"


def test_it_lets_only_directors_and_administrators_change_rules(owner: object) -> None:
    rule = GiftPolicyRule.objects.get(code="private_company_gift_limit")
    with pytest.raises(PermissionDenied):
        gift_policy_rule_new_version(actor=owner, rule=rule, data={"is_active": False})
    with pytest.raises(PermissionDenied):
        gift_policy_rule_create(actor=owner, code="x", name_zh="x", name_en="x")
    assert GiftPolicyRule.objects.filter(code="private_company_gift_limit").count() == 1


def test_it_refuses_a_rule_without_a_limit_or_a_taken_code(director: object) -> None:
    fields = {"name_zh": "新", "name_en": "New", "rule_text_zh": "文", "rule_text_en": "Text"}
    with pytest.raises(ValidationError) as error:
        gift_policy_rule_create(actor=director, code="new_rule", **fields)
    assert error.value.messages == [
        "A rule must forbid the gift or set at least one limit or threshold."
    ]
    with pytest.raises(ValidationError) as error:
        gift_policy_rule_create(
            actor=director, code="private_company_gift_limit", is_forbidden=True, **fields
        )
    assert error.value.message_dict == {"code": ["A rule with this code exists already."]}


# --- decisions -----------------------------------------------------------------------------------


@pytest.fixture
def pending(owner: object, account: object, record: object) -> object:
    return record(_person(account, owner, "state_owned_enterprise"), "400")


def test_it_lets_a_director_approve_a_pending_entry(director: object, pending: object) -> None:
    entry = gift_entry_decide(actor=director, entry=pending, approve=True, note="客户年会")
    assert (entry.status, entry.decided_by, entry.decision_note) == (
        "approved",
        director,
        "客户年会",
    )
    assert entry.decided_at is not None
    audit = AuditEntry.objects.filter(object_uuid=pending.uuid, action="update").get()
    assert audit.changes["status"] == ["pending", "approved"]
    assert contact_year_totals(contact=pending.contact, year=first_of_year().year) == {
        ("CNY", "gift"): Decimal("400.00")
    }


def test_it_requires_a_reason_to_reject(director: object, pending: object) -> None:
    with pytest.raises(ValidationError) as error:
        gift_entry_decide(actor=director, entry=pending, approve=False, note=" ")
    assert error.value.message_dict == {"note": ["Say why you reject it."]}
    entry = gift_entry_decide(actor=director, entry=pending, approve=False, note="超出预算")
    assert entry.status == "rejected"


def test_it_refuses_a_decision_by_the_giver_or_a_team_member(
    account: object, teammate: object, record: object
) -> None:
    boss = UserFactory(role="director")
    TeamMembershipFactory(account=account, user=boss, team_role="executive_sponsor")
    person = _person(account, account.owner, "state_owned_enterprise")
    own = record(person, "400", giver=boss)
    before = database_fingerprint()
    with pytest.raises(PermissionDenied) as error:
        gift_entry_decide(actor=boss, entry=own, approve=True)
    assert str(error.value) == "You cannot decide on a gift you gave or recorded yourself."
    with pytest.raises(PermissionDenied):
        gift_entry_decide(actor=teammate, entry=own, approve=True)
    with pytest.raises(PermissionDenied):
        gift_entry_decide(actor=account.owner, entry=own, approve=True)
    assert database_fingerprint() == before


def test_it_refuses_a_second_decision(director: object, pending: object) -> None:
    gift_entry_decide(actor=director, entry=pending, approve=True)
    with pytest.raises(ApplicationError) as error:
        gift_entry_decide(actor=director, entry=pending, approve=False, note="x")
    assert (error.value.status, error.value.code) == (409, "not_pending")


def test_it_refuses_an_approval_that_would_pass_the_annual_limit(
    owner: object, account: object, director: object, record: object
) -> None:
    person = _person(account, owner, "state_owned_enterprise")
    entries = [record(person, "450") for _index in range(5)]
    for entry in entries[:4]:
        gift_entry_decide(actor=director, entry=entry, approve=True)
    with pytest.raises(ApplicationError) as error:
        gift_entry_decide(actor=director, entry=entries[4], approve=True)
    assert "total this year would be 2,250.00 CNY" in error.value.message
    assert "「Gift limit for state-owned enterprise staff」" in error.value.message
    entries[4].refresh_from_db()
    assert entries[4].status == "pending"


# --- profiles, notes, the card section -----------------------------------------------------------


def test_it_sets_the_counterpart_profile_with_the_account_region(
    owner: object, contact: object
) -> None:
    profile = counterpart_profile_set(
        actor=owner, contact=contact, counterpart_type="private_company"
    )
    assert (profile.region, profile.account) == ("east_china", contact.account)
    profile = counterpart_profile_set(
        actor=owner, contact=contact, counterpart_type="government_official", region="europe"
    )
    assert (profile.counterpart_type, profile.region) == ("government_official", "europe")
    assert AuditEntry.objects.filter(object_uuid=profile.uuid).count() == 2


def test_it_lists_the_region_and_account_notes_must_first(owner: object, account: object) -> None:
    LocalCustomNote.objects.all().delete()
    LocalCustomNoteFactory(title="Info", constraint_level="info")
    LocalCustomNoteFactory(title="Other region", region="europe", constraint_level="must")
    LocalCustomNoteFactory(title="Hidden", constraint_level="must", is_active=False)
    LocalCustomNoteFactory(title="Other account", account=AccountFactory(), constraint_level="must")
    own = custom_note_create(
        actor=owner,
        account=account,
        title="Own",
        text="t",
        constraint_level="must",
        region="europe",
    )
    LocalCustomNoteFactory(title="Should", constraint_level="should")
    assert own.region == "east_china"
    titles = [note.title for note in custom_notes_for_account(account=account)]
    assert titles == ["Own", "Should", "Info"]


def test_it_builds_the_card_section_of_a_contact(
    official: object, owner: object, record: object
) -> None:
    record(official, "120")
    record(official, "80", gift_type="meal")
    context = card_section_context(official, owner)
    assert [rule.code for rule in context["compliance_rules"]] == [
        "cash_equivalent_forbidden",
        "government_official_gift_limit",
    ]
    [total] = context["compliance_year_totals"]
    assert (total.currency, total.total, total.annual_limit, total.remaining) == (
        "CNY",
        Decimal("200.00"),
        Decimal("500.00"),
        Decimal("300.00"),
    )
    assert [entry.value for entry in context["compliance_recent_entries"]] == [
        Decimal("80.00"),
        Decimal("120.00"),
    ]
    assert [note.constraint_level for note in context["compliance_notes"]] == [
        "must",
        "should",
        "info",
    ]
    assert context["compliance_can_add"] is True

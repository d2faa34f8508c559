"""Pages: the contact ledger, the account page, approvals, the policy and notes pages, access."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from kam.compliance.models import GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.compliance.selectors import card_section_context
from kam.compliance.services import counterpart_profile_set
from kam.compliance.tests.conftest import first_of_year
from kam.compliance.tests.factories import GiftEntryFactory, LocalCustomNoteFactory
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory, TeamMembershipFactory, UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _gift_form(owner: object, value: str, **overrides: str) -> dict[str, object]:
    return {
        "form": "entry",
        "occurred_on": first_of_year().isoformat(),
        "gift_type": "gift",
        "direction": "given",
        "description": "茶叶礼盒",
        "value": value,
        "currency": "CNY",
        "purpose": "春节问候",
        "giver": owner.pk,
        "counterpart_type": "government_official",
        **overrides,
    }


def test_it_records_a_gift_from_the_contact_page(
    client_for: object, owner: object, contact: object
) -> None:
    url = reverse("compliance:contact_gifts", args=[contact.uuid])
    response = client_for(owner).post(url, _gift_form(owner, "150"))
    assert response.status_code == 302
    entry = GiftEntry.objects.get()
    assert (entry.value, entry.status, entry.giver, entry.created_by) == (
        Decimal("150.00"),
        "not_required",
        owner,
        owner,
    )
    page = client_for(owner).get(url).content.decode()
    assert "茶叶礼盒" in page


def test_it_shows_a_refused_gift_next_to_the_value_and_keeps_the_input(
    client_for: object, owner: object, contact: object
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("compliance:contact_gifts", args=[contact.uuid]), _gift_form(owner, "201")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_value_error"' in html
    assert "「Gift limit for government officials」" in html
    assert 'value="201"' in html
    assert "茶叶礼盒" in html
    assert database_fingerprint() == before


def test_it_shows_bad_input_next_to_the_fields(
    client_for: object, owner: object, contact: object
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("compliance:contact_gifts", args=[contact.uuid]),
        _gift_form(owner, "-3", currency="XYZ", purpose="", occurred_on="2999-01-01"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("value", "currency", "purpose", "occurred_on"):
        assert f'id="id_{field}_error"' in html, field
    assert database_fingerprint() == before


def test_it_sets_the_counterpart_type_from_the_contact_page(
    client_for: object, owner: object, contact: object
) -> None:
    response = client_for(owner).post(
        reverse("compliance:contact_gifts", args=[contact.uuid]),
        {"form": "profile", "counterpart_type": "state_owned_enterprise"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.counterpart_profile.counterpart_type == "state_owned_enterprise"


def test_it_exports_the_account_ledger_as_csv(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    GiftEntryFactory(contact=contact, value=Decimal("88.50"), description="月饼")
    response = client_for(owner).get(
        reverse("compliance:account", args=[account.uuid]) + "?export=csv"
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert body[0].startswith("Date,Contact,Type,Direction,Description,Value,Currency")
    assert body[1].split(",")[:7] == [
        "2026-03-01",
        "张伟",
        "Meal",
        "Given by us",
        "月饼",
        "88.50",
        "CNY",
    ]


def test_it_shows_the_region_notes_and_adds_an_account_note(
    client_for: object, owner: object, account: object
) -> None:
    url = reverse("compliance:account", args=[account.uuid])
    html = client_for(owner).get(url).content.decode()
    assert "春节前后避免安排招待" in html
    response = client_for(owner).post(
        url,
        {
            "note-title": "采购招标期间不宴请",
            "note-text": "招标期内",
            "note-constraint_level": "must",
        },
    )
    assert response.status_code == 302
    note = LocalCustomNote.objects.get(title="采购招标期间不宴请")
    assert (note.account, note.region) == (account, "east_china")


def _account_note(month: str, day: str) -> dict[str, str]:
    return {
        "note-title": "端午节",
        "note-text": "节前问候",
        "note-constraint_level": "info",
        "note-festival_month": month,
        "note-festival_day": day,
    }


@pytest.mark.parametrize("month", ["0", "13", "99999999999999999999"])
def test_it_refuses_a_festival_month_no_year_has_next_to_the_month(
    client_for: object, owner: object, account: object, month: str
) -> None:
    before = database_fingerprint()
    # when the owner adds an account note whose festival month does not exist
    response = client_for(owner).post(
        reverse("compliance:account", args=[account.uuid]), _account_note(month, "5")
    )
    # then the month field says so, and nothing was written
    assert response.status_code == 400
    assert response.context["note_form"].errors == {
        "festival_month": ["Enter a month from 1 to 12."]
    }
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("month", "day", "errors"),
    [
        ("2", "30", {"festival_day": ["This month has no such day."]}),
        ("4", "31", {"festival_day": ["This month has no such day."]}),
        ("5", "0", {"festival_day": ["This month has no such day."]}),
        ("", "5", {"festival_month": ["Give the month of the festival day."]}),
    ],
)
def test_it_refuses_a_festival_day_no_year_has_next_to_the_day(
    client_for: object, owner: object, account: object, month: str, day: str, errors: dict
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("compliance:account", args=[account.uuid]), _account_note(month, day)
    )
    assert response.status_code == 400
    assert response.context["note_form"].errors == errors
    assert database_fingerprint() == before


def test_it_takes_29_february_as_a_festival_day(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).post(
        reverse("compliance:account", args=[account.uuid]), _account_note("2", "29")
    )
    assert response.status_code == 302
    note = LocalCustomNote.objects.get(title="端午节")
    assert (note.festival_month, note.festival_day) == (2, 29)


@pytest.mark.parametrize("month", ["0", "13", "99999999999999999999"])
def test_it_refuses_a_region_note_month_no_year_has(
    client_for: object, director: object, month: str
) -> None:
    before = database_fingerprint()
    response = client_for(director).post(
        reverse("compliance:note_new"),
        {
            "region": "east_china",
            "title": "中秋节",
            "text": "节前问候",
            "constraint_level": "info",
            "festival_month": month,
            "festival_day": "15",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"festival_month": ["Enter a month from 1 to 12."]}
    assert database_fingerprint() == before


def test_it_lets_a_director_approve_from_the_approvals_page(
    client_for: object, owner: object, contact: object, director: object
) -> None:
    counterpart_profile_set(actor=owner, contact=contact, counterpart_type="state_owned_enterprise")
    client_for(owner).post(
        reverse("compliance:contact_gifts", args=[contact.uuid]),
        _gift_form(owner, "400", counterpart_type="state_owned_enterprise"),
    )
    entry = GiftEntry.objects.get()
    client = client_for(director)
    html = client.get(reverse("compliance:approvals")).content.decode()
    assert reverse("compliance:decide", args=[entry.uuid]) in html
    response = client.post(
        reverse("compliance:decide", args=[entry.uuid]), {"decision": "approve", "note": "OK"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == ("approved", director)


def test_it_answers_400_to_a_rejection_without_a_reason(
    client_for: object, contact: object, director: object
) -> None:
    entry = GiftEntryFactory(contact=contact, status="pending")
    before = database_fingerprint()
    response = client_for(director).post(
        reverse("compliance:decide", args=[entry.uuid]), {"decision": "reject", "note": ""}
    )
    assert response.status_code == 400
    assert "Say why you reject it." in response.content.decode()
    assert database_fingerprint() == before


def test_it_refuses_a_decision_by_the_owner_teammate_or_viewer(
    client_for: object, owner: object, teammate: object, viewer: object, contact: object
) -> None:
    entry = GiftEntryFactory(contact=contact, status="pending")
    before = database_fingerprint()
    for user in (owner, teammate, viewer):
        response = client_for(user).post(
            reverse("compliance:decide", args=[entry.uuid]), {"decision": "approve"}
        )
        assert response.status_code == 403
    assert database_fingerprint() == before


@pytest.fixture
def compliance_urls(account: object, contact: object) -> list[str]:
    entry = GiftEntryFactory(contact=contact, status="pending")
    note = LocalCustomNoteFactory(account=account, title="Own")
    return [
        reverse("compliance:contact_gifts", args=[contact.uuid]),
        reverse("compliance:account", args=[account.uuid]),
        reverse("compliance:decide", args=[entry.uuid]),
        reverse("compliance:account_note_edit", args=[note.uuid]),
    ]


def test_it_answers_404_to_an_outsider_and_changes_nothing(
    client_for: object, outsider: object, compliance_urls: list[str]
) -> None:
    client = client_for(outsider)
    before = database_fingerprint()
    for url in compliance_urls:
        get, post = client.get(url).status_code, client.post(url, {"title": "x"}).status_code
        assert {get, post} <= {404, 405} and post == 404, (url, get, post)
    assert client.get(reverse("compliance:approvals")).context["page"].paginator.count == 0
    assert database_fingerprint() == before


def test_it_answers_403_to_the_writes_of_a_viewer_and_changes_nothing(
    client_for: object, viewer: object, compliance_urls: list[str]
) -> None:
    client = client_for(viewer)
    before = database_fingerprint()
    assert client.get(compliance_urls[0]).status_code == 200
    assert client.get(compliance_urls[1]).status_code == 200
    for url in compliance_urls:
        assert client.post(url, {"title": "x", "value": "1"}).status_code == 403, url
    assert database_fingerprint() == before


def test_it_lets_directors_create_and_version_rules_from_the_policy_pages(
    client_for: object, director: object
) -> None:
    client = client_for(director)
    rule = GiftPolicyRule.objects.get(code="government_official_gift_limit")
    page = client.get(reverse("compliance:rule_edit", args=[rule.uuid]))
    data = {**page.context["form"].initial, "per_item_limit": "150"}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data = {key: value for key, value in data.items() if value is not False}
    response = client.post(reverse("compliance:rule_edit", args=[rule.uuid]), data)
    assert response.status_code == 302
    current = GiftPolicyRule.objects.get(code=rule.code, is_current=True)
    assert (current.version, current.per_item_limit, current.annual_limit) == (
        2,
        Decimal("150.00"),
        Decimal("500.00"),
    )
    response = client.post(
        reverse("compliance:rule_new"),
        {
            "code": "sponsorship_approval",
            "name_zh": "赞助须审批",
            "name_en": "Sponsorship needs approval",
            "gift_type": "sponsorship",
            "approval_threshold": "0",
            "currency": "CNY",
            "rule_text_zh": "所有赞助须经批准。",
            "rule_text_en": "Every sponsorship needs approval.",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert GiftPolicyRule.objects.get(code="sponsorship_approval").created_by == director
    listing = client.get(reverse("compliance:policy_list")).content.decode()
    assert "「Sponsorship needs approval」" in listing


def test_it_shows_rule_errors_next_to_the_field(client_for: object, director: object) -> None:
    before = database_fingerprint()
    response = client_for(director).post(
        reverse("compliance:rule_new"),
        {"code": "Bad Code", "name_zh": "", "per_item_limit": "-1", "currency": "CNY"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("code", "name_zh", "per_item_limit", "rule_text_en"):
        assert f'id="id_{field}_error"' in html, field
    assert database_fingerprint() == before


def test_it_keeps_the_policy_pages_read_only_for_managers_and_team_members(
    client_for: object, owner: object, teammate: object
) -> None:
    rule = GiftPolicyRule.objects.get(code="government_official_gift_limit")
    before = database_fingerprint()
    for user in (owner, teammate):
        client = client_for(user)
        assert client.get(reverse("compliance:policy_list")).status_code == 200
        assert client.get(reverse("compliance:rule_new")).status_code == 403
        assert client.post(reverse("compliance:rule_edit", args=[rule.uuid]), {}).status_code == 403
    assert client_for(teammate).post(reverse("compliance:note_new"), {}).status_code == 403
    assert database_fingerprint() == before


def test_it_lets_a_manager_edit_and_delete_a_region_note(client_for: object, owner: object) -> None:
    note = LocalCustomNote.objects.filter(account__isnull=True).first()
    client = client_for(owner)
    url = reverse("compliance:note_edit", args=[note.uuid])
    response = client.post(
        url,
        {
            "region": note.region,
            "title": "新标题",
            "text": note.text,
            "constraint_level": "info",
            "festival_month": "2",
            "festival_day": "30",
        },
    )
    assert response.status_code == 400
    assert 'id="id_festival_day_error"' in response.content.decode()
    response = client.post(url, {"delete": "1"})
    assert response.status_code == 302
    assert not LocalCustomNote.objects.filter(pk=note.pk).exists()


# --- query counts --------------------------------------------------------------------------------


def _grow(account: object, contact: object, rows: int) -> None:
    for _index in range(rows):
        person = ContactFactory(account=account)
        giver = UserFactory(role="team_member")
        TeamMembershipFactory(account=account, user=giver)
        GiftEntryFactory(contact=person, giver=giver, status="pending")
        GiftEntryFactory(contact=contact, giver=giver, status="approved", decided_by=giver)
        LocalCustomNoteFactory(account=account)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda account, contact: reverse("compliance:contact_gifts", args=[contact.uuid]),
        lambda account, contact: reverse("compliance:account", args=[account.uuid]),
        lambda account, contact: reverse("compliance:approvals"),
        lambda account, contact: reverse("compliance:policy_list"),
        lambda account, contact: f"/api/v1/contacts/{contact.uuid}/gifts?page_size=50",
        lambda account, contact: f"/api/v1/accounts/{account.uuid}/gifts?page_size=50",
        lambda account, contact: "/api/v1/compliance/rules",
    ],
    ids=["contact", "account", "approvals", "policy", "api contact", "api account", "api rules"],
)
@pytest.mark.parametrize("role", ["director", "owner"])
def test_it_keeps_the_query_count_constant_when_entries_grow(
    client_for: object,
    account: object,
    contact: object,
    director: object,
    role: str,
    url_for: object,
) -> None:
    client = client_for(director if role == "director" else account.owner)
    _grow(account, contact, 2)
    small = count_queries(lambda: client.get(url_for(account, contact)))
    _grow(account, contact, 20)
    large = count_queries(lambda: client.get(url_for(account, contact)))
    assert large == small
    assert large <= 15


def test_it_renders_the_card_section_partial(
    owner: object, contact: object, client_for: object
) -> None:
    counterpart_profile_set(actor=owner, contact=contact, counterpart_type="government_official")
    GiftEntryFactory(contact=contact, occurred_on=first_of_year(), value=Decimal("120"))
    html = render_to_string(
        "compliance/partials/card_section.html", card_section_context(contact, owner)
    )
    assert "「Gift limit for government officials」" in html
    assert '<td class="number">380</td>' in html  # 500 − 120 remaining this year
    assert "春节前后避免安排招待" in html
    assert reverse("compliance:contact_gifts", args=[contact.uuid]) in html


def test_it_names_the_rule_in_chinese_for_a_chinese_user(owner: object, contact: object) -> None:
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(owner)
    response = client.post(
        reverse("compliance:contact_gifts", args=[contact.uuid]), _gift_form(owner, "201")
    )
    assert response.status_code == 400
    assert "「政府官员礼品上限」" in response.content.decode()


def test_it_returns_to_the_account_page_after_a_decision_made_there(
    client_for: object, account: object, contact: object, director: object
) -> None:
    entry = GiftEntryFactory(contact=contact, status="pending")
    back = reverse("compliance:account", args=[account.uuid])
    response = client_for(director).post(
        reverse("compliance:decide", args=[entry.uuid]), {"decision": "approve", "next": back}
    )
    assert response["Location"] == back
    response = client_for(director).post(
        reverse("compliance:decide", args=[entry.uuid]),
        {"decision": "approve", "next": "https://evil.example/"},
    )
    assert response.status_code == 409


def test_it_answers_404_when_a_region_note_is_opened_as_an_account_note(
    client_for: object, director: object
) -> None:
    # given a region note (it hangs from no account)
    note = LocalCustomNoteFactory(account=None, title="Region")
    before = database_fingerprint()
    # when a director opens it through the account-note page
    response = client_for(director).get(reverse("compliance:account_note_edit", args=[note.uuid]))
    # then it is not found there, and nothing changed
    assert response.status_code == 404
    assert database_fingerprint() == before

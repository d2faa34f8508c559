"""In 中文 names sort by pinyin with Latin names among them; a search of several words needs all."""

import csv
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from kam.accounts.models import Account, Competitor
from kam.accounts.selectors import AccountFilters, account_list
from kam.engagement.calendar.forms import CalendarEntryForm
from kam.engagement.meetings.forms import MeetingForm
from kam.lib.sorting import name_sort_key
from kam.people.forms import ContactForm
from kam.people.models import Contact
from kam.people.selectors import org_tree
from tests.factories import (
    AccountFactory,
    AccountGroupFactory,
    CompetitorFactory,
    ContactFactory,
    OrgUnitFactory,
    TeamMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NAMES = ["中科曙光", "Siemens", "西部矿业", "华东电力"]
PINYIN_ORDER = ["华东电力", "Siemens", "西部矿业", "中科曙光"]  # hua, siemens, xi, zhong
ENGLISH_ORDER = ["Siemens", "中科曙光", "华东电力", "西部矿业"]  # no case, then code points


@pytest.fixture
def four(owner: object) -> list[Account]:
    accounts = [AccountFactory(name=name, owner=owner) for name in NAMES]
    for account in accounts:
        TeamMembershipFactory(account=account, user=owner, team_role="account_manager")
    return accounts


def test_it_keys_names_by_pinyin_with_latin_among_them() -> None:
    assert name_sort_key("华东电力") == "hua dong dian li"
    assert name_sort_key(" Siemens AG ") == "siemens ag"
    assert name_sort_key("重庆银行") == "chong qing yin hang"  # phrases: 重 chong, 行 hang
    assert sorted(NAMES, key=name_sort_key) == PINYIN_ORDER


def test_it_keeps_the_key_in_step_with_the_name(four: list[Account]) -> None:
    account = four[0]
    account.name = "阿里云"
    account.save(update_fields=["name"])
    account.refresh_from_db()
    assert account.name_sort_key == "a li yun"
    assert ContactFactory(account=account, name="Zhang Wei").name_sort_key == "zhang wei"


def test_it_fills_the_keys_of_existing_rows_in_the_migration(four: list[Account]) -> None:
    Account.objects.update(name_sort_key="")
    migration = __import__("kam.accounts.migrations.0004_fill_name_sort_key", fromlist=["fill"])
    migration.fill(apps, None)
    assert list(Account.objects.order_by("name_sort_key").values_list("name", flat=True)) == (
        PINYIN_ORDER
    )


def test_it_sorts_the_account_list_by_pinyin_in_chinese(
    client_for: object, owner: object, four: list[Account]
) -> None:
    client = client_for(owner)
    page = client.get(reverse("accounts:list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert [account.name for account in page.context["page"].object_list] == PINYIN_ORDER
    descending = client.get(
        reverse("accounts:list") + "?sort=-name", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert [a.name for a in descending.context["page"].object_list] == PINYIN_ORDER[::-1]
    english = client.get(reverse("accounts:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert [account.name for account in english.context["page"].object_list] == ENGLISH_ORDER


def test_it_sorts_the_api_and_the_exports_by_pinyin_in_chinese(
    client_for: object, owner: object, four: list[Account]
) -> None:
    client = client_for(owner)
    api = client.get("/api/v1/accounts", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert [item["name"] for item in api["items"]] == PINYIN_ORDER
    export = client.get(reverse("accounts:list") + "?export=csv", HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(body))][1:] == PINYIN_ORDER
    figures = client.get(
        reverse("engagement:portfolio_figures"),
        {"year": "2026", "export": "csv"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    body = b"".join(figures.streaming_content).decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(body))][1:] == PINYIN_ORDER


def test_it_sorts_contacts_competitors_and_groups_by_pinyin_in_chinese(
    client_for: object, owner: object, account: Account
) -> None:
    for name in NAMES:
        ContactFactory(account=account, name=name)
        CompetitorFactory(name=name)
        AccountGroupFactory(name=name)
    contacts = client_for(owner).get(reverse("people:contact_list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert [c.name for c in contacts.context["page"].object_list] == PINYIN_ORDER
    with translation.override("zh-hans"):
        from kam.accounts.selectors import account_group_list, competitor_list
        from kam.people.selectors import account_contacts

        assert [c.name for c in competitor_list()] == PINYIN_ORDER
        assert [g.name for g in account_group_list()] == PINYIN_ORDER
        assert [c.name for c in account_contacts(account=account)] == PINYIN_ORDER
    assert Competitor.objects.count() == Contact.objects.count() == 4


def test_it_matches_every_word_of_a_search_in_any_field(
    client_for: object, owner: object, four: list[Account]
) -> None:
    both = AccountFactory(name="星河新能源汽车", owner=owner)
    split = AccountFactory(name="星河集团", alternate_name="Xinghe 新能源", owner=owner)
    AccountFactory(name="星河物流", owner=owner)
    AccountFactory(name="蓝天新能源", owner=owner)
    found = account_list(user=owner, filters=AccountFilters(query="星河  新能源"))
    assert {account.name for account in found} == {both.name, split.name}
    api = client_for(owner).get("/api/v1/accounts", {"q": "新能源 星河"}).json()
    assert sorted(item["name"] for item in api["items"]) == sorted([both.name, split.name])


def test_it_matches_every_word_of_a_contact_search_in_any_field(
    client_for: object, owner: object, account: Account
) -> None:
    ContactFactory(account=account, name="李明", title="采购总监")
    ContactFactory(account=account, name="李华", title="财务总监")
    ContactFactory(account=account, name="王采购", title="经理")
    page = client_for(owner).get(reverse("people:contact_list"), {"q": "李 采购"})
    assert [contact.name for contact in page.context["page"].object_list] == ["李明"]
    api = client_for(owner).get("/api/v1/contacts", {"q": "华东 总监"}).json()
    assert sorted(item["name"] for item in api["items"]) == ["李华", "李明"]


def test_it_lists_the_org_tree_siblings_by_pinyin_in_chinese(account: Account) -> None:
    top = OrgUnitFactory(account=account, name="总部")
    for name in NAMES:
        OrgUnitFactory(account=account, name=name, parent=top)
    with translation.override("zh-hans"):
        chinese = [row.unit.name for row in org_tree(account=account)]
    with translation.override("en"):
        english = [row.unit.name for row in org_tree(account=account)]
    assert chinese == ["总部", *PINYIN_ORDER]
    assert english == ["总部", *ENGLISH_ORDER]


def test_it_lists_the_pickers_of_people_and_org_units_by_pinyin_in_chinese(
    owner: object, account: Account
) -> None:
    for name in NAMES:
        OrgUnitFactory(account=account, name=name)
        ContactFactory(account=account, name=name)
    for name in ("中科 Zhong", "Siemens Wang", "华东 Hua"):
        TeamMembershipFactory(account=account, user=UserFactory(display_name=name))

    with translation.override("zh-hans"):
        contact_form = ContactForm(account=account)
        entry_form = CalendarEntryForm(account=account)
        units = [label for value, label in contact_form.fields["org_unit"].choices if value]
        people = [
            str(value.instance.name)
            for value, _label in entry_form.fields["customer_participants"].choices
        ]
        users = [label for _value, label in entry_form.fields["our_participants"].choices]
        meeting_form = MeetingForm(
            activity=None, users=[], contacts=list(account.contacts.order_by("name"))
        )
        owners = meeting_form.fields["action_1_owner"].choices[2][1]

    assert units == PINYIN_ORDER
    assert people == PINYIN_ORDER
    assert users == ["华东 Hua", "Siemens Wang", str(owner), "中科 Zhong"]  # owner: 用户… yong
    assert [label for _value, label in owners] == PINYIN_ORDER

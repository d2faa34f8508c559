"""Contacts and org units: same-account rules, no cycles, audit, pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kam.audit.models import AuditEntry
from kam.people.models import Contact, OrgUnit
from kam.people.services import contact_create, contact_update, org_unit_create, org_unit_update
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, ContactFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_reporting_cycle(owner: object, account: object) -> None:
    boss = contact_create(actor=owner, account=account, name="Boss")
    middle = contact_create(actor=owner, account=account, name="Middle", reports_to=boss)
    report = contact_create(actor=owner, account=account, name="Report", reports_to=middle)
    with pytest.raises(ValidationError) as error:
        contact_update(actor=owner, contact=boss, data={"reports_to": report})
    assert error.value.message_dict == {
        "reports_to": ["This reporting line would form a cycle: pick another manager."]
    }
    assert Contact.objects.get(pk=boss.pk).reports_to is None


def test_it_refuses_a_manager_or_unit_of_another_account(owner: object, account: object) -> None:
    other = AccountFactory(owner=owner)
    foreign_boss = ContactFactory(account=other)
    foreign_unit = OrgUnitFactory(account=other)
    with pytest.raises(ValidationError) as error:
        contact_create(
            actor=owner, account=account, name="X", reports_to=foreign_boss, org_unit=foreign_unit
        )
    assert set(error.value.message_dict) == {"reports_to", "org_unit"}
    assert not Contact.objects.filter(name="X").exists()


def test_it_refuses_an_org_unit_cycle(owner: object, account: object) -> None:
    top = org_unit_create(
        actor=owner, account=account, name="总经办", function="general_mgmt", level="executive"
    )
    below = org_unit_create(
        actor=owner, account=account, name="信息中心", function="it", level="middle", parent=top
    )
    with pytest.raises(ValidationError):
        org_unit_update(actor=owner, unit=top, data={"parent": below})
    assert OrgUnit.objects.get(pk=top.pk).parent is None


def test_it_creates_a_contact_from_the_page_and_audits_it(
    client_for: object, owner: object, account: object
) -> None:
    unit = OrgUnitFactory(account=account, name="采购部")
    response = client_for(owner).post(
        reverse("people:contact_create", args=[account.uuid]),
        {
            "name": "刘洋",
            "title": "采购总监",
            "seniority": "middle",
            "function": "procurement",
            "org_unit": unit.pk,
            "is_active": "on",
        },
    )
    contact = Contact.objects.get(name="刘洋")
    assert response.status_code == 302
    assert contact.account == account
    assert contact.org_unit == unit
    entry = AuditEntry.objects.get(object_uuid=contact.uuid)
    assert entry.account_uuid == account.uuid
    assert entry.changes["title"] == [None, "采购总监"]


def test_it_keeps_input_and_shows_the_error_on_a_bad_contact(
    client_for: object, owner: object, account: object
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("people:contact_create", args=[account.uuid]),
        {
            "name": "",
            "title": "总工程师",
            "seniority": "middle",
            "function": "rnd",
            "email": "not-an-email",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html
    assert 'id="id_email_error"' in html
    assert 'value="总工程师"' in html
    assert database_fingerprint() == before


def test_it_shows_the_change_history_on_the_contact_page(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    contact_update(actor=owner, contact=contact, data={"title": "CTO"})
    response = client.get(
        reverse("people:contact_detail", args=[contact.uuid]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "<del>CIO</del> → <ins>CTO</ins>" in response.content.decode()


def test_it_lists_the_org_tree_in_depth_first_order(
    client_for: object, owner: object, account: object
) -> None:
    top = OrgUnitFactory(account=account, name="A 总经办", parent=None)
    OrgUnitFactory(account=account, name="B 财务部", parent=top)
    OrgUnitFactory(account=account, name="C 信息中心", parent=None)
    response = client_for(owner).get(reverse("people:account_org", args=[account.uuid]))
    rows = [(row.unit.name, row.depth) for row in response.context["tree"]]
    assert rows == [("A 总经办", 0), ("B 财务部", 1), ("C 信息中心", 0)]


def test_it_refuses_to_delete_a_unit_with_sub_units(
    client_for: object, owner: object, account: object
) -> None:
    top = OrgUnitFactory(account=account, name="Top")
    OrgUnitFactory(account=account, name="Below", parent=top)
    before = database_fingerprint()
    response = client_for(owner).post(reverse("people:org_unit_delete", args=[top.uuid]))
    assert response.status_code == 302
    assert database_fingerprint() == before


def test_it_refuses_a_manager_from_another_account_in_the_page_form(
    client_for: object, owner: object, account: object
) -> None:
    foreign = ContactFactory(account=AccountFactory(owner=owner), name="Foreign boss")
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("people:contact_create", args=[account.uuid]),
        {"name": "李四", "seniority": "middle", "function": "it", "reports_to": foreign.pk},
    )
    assert response.status_code == 400
    assert "reports_to" in response.context["form"].errors
    assert database_fingerprint() == before

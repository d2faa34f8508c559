"""Input on the people forms (issue 10 item 21): function and level from the org unit, "save and
add another", duplicate units on the field, phone numbers validated."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from kam.core.constraints import integrity_error_as_field_error
from kam.core.validators import validate_phone
from kam.people.models import Contact, ContactEdge, OrgUnit
from kam.people.services import contact_create, org_unit_create, org_unit_update
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

DUPLICATE = "A unit with this name already exists at this place in the organisation."


# --- function and level from the org unit -----------------------------------------------------


def test_it_takes_a_new_contacts_function_and_level_from_its_org_unit(
    owner: object, account: object
) -> None:
    unit = org_unit_create(
        actor=owner, account=account, name="财务部", function="finance", level="executive"
    )
    taken = contact_create(
        actor=owner, account=account, name="王芳", org_unit=unit, function="", seniority=""
    )
    assert (taken.function, taken.seniority) == ("finance", "executive")
    # what the user chose wins
    chosen = contact_create(
        actor=owner,
        account=account,
        name="李强",
        org_unit=unit,
        function="it",
        seniority="operational",
    )
    assert (chosen.function, chosen.seniority) == ("it", "operational")
    # without a unit, the defaults stay
    alone = contact_create(actor=owner, account=account, name="赵六", function="", seniority="")
    assert (alone.function, alone.seniority) == ("other", "operational")


def test_it_offers_an_empty_function_and_level_on_the_new_contact_form(
    client_for: object, owner: object, account: object
) -> None:
    unit = org_unit_create(
        actor=owner, account=account, name="采购部", function="procurement", level="middle"
    )
    client = client_for(owner)
    url = reverse("people:contact_create", args=[account.uuid])
    page = client.get(url).content.decode()
    assert '<option value="" selected>Function of the org unit</option>' in page
    assert '<option value="" selected>Level of the org unit</option>' in page
    response = client.post(url, {"name": "陈静", "org_unit": unit.pk, "is_active": "on"})
    assert response.status_code == 302
    contact = Contact.objects.get(name="陈静")
    assert (contact.function, contact.seniority) == ("procurement", "middle")


# --- save and add another -----------------------------------------------------------------------


def test_it_saves_a_contact_and_opens_an_empty_form_in_the_same_unit(
    client_for: object, owner: object, account: object
) -> None:
    unit = org_unit_create(
        actor=owner, account=account, name="信息中心", function="it", level="middle"
    )
    client = client_for(owner)
    url = reverse("people:contact_create", args=[account.uuid])
    assert "Save and add another" in client.get(url).content.decode()
    data = {"name": "周杰", "org_unit": unit.pk, "is_active": "on", "add_another": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{url}?org_unit={unit.uuid}"
    assert Contact.objects.filter(name="周杰").count() == 1
    form = client.get(response["Location"]).context["form"]
    assert form["org_unit"].value() == unit.pk
    assert form["name"].value() is None


def test_it_saves_an_org_unit_and_keeps_the_parent_for_the_next(
    client_for: object, owner: object, account: object
) -> None:
    root = org_unit_create(
        actor=owner, account=account, name="总部", function="general_mgmt", level="executive"
    )
    client = client_for(owner)
    url = reverse("people:account_org", args=[account.uuid])
    data = {"name": "财务部", "parent": root.pk, "function": "finance", "level": "executive"}
    response = client.post(url, {**data, "add_another": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?parent={root.uuid}#add-unit"
    form = client.get(response["Location"]).context["form"]
    assert form["parent"].value() == root.pk
    # a plain "Add" goes back to the page without a pre-filled parent
    response = client.post(url, {**data, "name": "人事部"})
    assert response["Location"] == url


# --- duplicates on the field ---------------------------------------------------------------------


@pytest.mark.parametrize("nested", [False, True])
def test_it_shows_a_duplicate_org_unit_on_the_name_field(
    client_for: object, owner: object, account: object, nested: bool
) -> None:
    parent = org_unit_create(
        actor=owner, account=account, name="总部", function="general_mgmt", level="executive"
    )
    data = {"name": "财务部", "function": "finance", "level": "executive"}
    if nested:
        data["parent"] = parent.pk
    client = client_for(owner)
    url = reverse("people:account_org", args=[account.uuid])
    assert client.post(url, data).status_code == 302
    before = database_fingerprint()
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": [DUPLICATE]}
    assert database_fingerprint() == before


def test_it_accepts_the_same_unit_name_under_another_parent(owner: object, account: object) -> None:
    east = org_unit_create(
        actor=owner, account=account, name="华东", function="general_mgmt", level="executive"
    )
    west = org_unit_create(
        actor=owner, account=account, name="西部", function="general_mgmt", level="executive"
    )
    org_unit_create(
        actor=owner, account=account, name="财务部", parent=east, function="finance", level="middle"
    )
    org_unit_create(
        actor=owner, account=account, name="财务部", parent=west, function="finance", level="middle"
    )
    assert OrgUnit.objects.filter(name="财务部").count() == 2


def test_it_refuses_renaming_a_unit_onto_its_sibling(owner: object, account: object) -> None:
    org_unit_create(
        actor=owner, account=account, name="财务部", function="finance", level="executive"
    )
    other = org_unit_create(
        actor=owner, account=account, name="人事部", function="hr", level="executive"
    )
    with pytest.raises(ValidationError) as error:
        org_unit_update(actor=owner, unit=other, data={"name": "财务部"})
    assert error.value.message_dict == {"name": [DUPLICATE]}
    # renaming a unit to its own name is no duplicate
    org_unit_update(actor=owner, unit=other, data={"name": "人事部", "level": "executive"})


def test_it_maps_a_database_refusal_to_the_field(owner: object, account: object) -> None:
    # SQLite lists the columns, PostgreSQL names the constraint: both land on the field
    sqlite = IntegrityError(
        "UNIQUE constraint failed: people_orgunit.account_id, people_orgunit.parent_id, "
        "people_orgunit.name"
    )
    postgres = IntegrityError(
        'duplicate key value violates unique constraint "unique_contact_edge"'
    )
    unit_error = integrity_error_as_field_error(sqlite, OrgUnit)
    edge_error = integrity_error_as_field_error(postgres, ContactEdge)
    assert unit_error is not None and unit_error.message_dict == {"name": [DUPLICATE]}
    assert edge_error is not None
    assert edge_error.message_dict == {"target": ["This line is already on the map."]}
    assert integrity_error_as_field_error(IntegrityError("NOT NULL failed"), OrgUnit) is None


# --- phone numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "+86 138 0013 8000",
        "13800138000",
        "010-6552 8888",
        "(021) 6234-5678",
        "+1 (415) 555-0100",
        "0755-8888 6666 转 123",
        "+49 30 1234567 ext. 12",
        "95598",  # 5 digits: the shortest accepted
        "+123456789012345",  # 15 digits: the longest accepted
        "",
    ],
)
def test_it_accepts_phone_numbers_as_people_write_them(phone: str) -> None:
    validate_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "1234",  # 4 digits: one too few
        "+1234567890123456",  # 16 digits: one too many
        "138-0013-800O",
        "电话 13800138000",
        "+86 ++138",
        "13800138000 或 13900139000",
        "n/a",
    ],
)
def test_it_refuses_what_is_not_a_phone_number(phone: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_phone(phone)
    assert error.value.code == "invalid_phone"


def test_it_shows_a_bad_phone_next_to_the_field_in_chinese(owner: object, account: object) -> None:
    from tests.test_i18n import _zh_client

    before = database_fingerprint()
    url = reverse("people:contact_create", args=[account.uuid])
    response = _zh_client(owner).post(
        url, {"name": "孙丽", "phone": "138-0013-800O", "seniority": "middle", "function": "it"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["phone"]
    assert errors["phone"][0].startswith("请输入电话号码")
    assert database_fingerprint() == before
    with pytest.raises(ValidationError) as error:
        contact_create(actor=owner, account=account, name="孙丽", phone="abc")
    assert list(error.value.message_dict) == ["phone"]

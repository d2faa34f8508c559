"""Every CSV and .xlsx export neutralises would-be formulas (OWASP), keeps numbers numeric and,
for .xlsx, freezes the header row and sizes its columns."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.compliance.tests.factories import GiftEntryFactory
from kam.lib.export import safe_text, safe_value
from kam.people.services import contact_map_update
from kam.scorecard.tests.conftest import rival, score  # noqa: F401 (fixtures)
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

EVIL_NAME = '=HYPERLINK("http://x","点我")'
EVIL_TITLE = "=1+1"


@pytest.fixture
def evil(owner: object, account: object, score: object) -> dict[str, object]:  # noqa: F811
    account.name = EVIL_NAME
    account.save(update_fields=["name"])
    contact = ContactFactory(account=account, name="@SUM(A1)", title=EVIL_TITLE)
    contact_map_update(
        actor=owner, contact=contact, data={"decision_roles": ["decider"], "influence": 9}
    )
    GiftEntryFactory(contact=contact, value=Decimal("88.50"), description="-2+3")
    score(owner, account, revenue="1000000")
    return {"account": account, "contact": contact}


def _csv(response: object) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _xlsx(response: object) -> object:
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_it_neutralises_text_and_keeps_numbers() -> None:
    assert [safe_text(text) for text in ["=1", "+1", "-1", "@A", "\tx", "\rx", "a=b", ""]] == [
        "'=1", "'+1", "'-1", "'@A", "'\tx", "'\rx", "a=b", "",
    ]  # fmt: skip
    assert safe_value(-5) == -5
    assert safe_value(Decimal("-1.5")) == Decimal("-1.5")
    assert safe_value(None) is None


def test_it_neutralises_the_account_and_contact_csv(
    client_for: object, owner: object, evil: dict
) -> None:
    accounts = _csv(client_for(owner).get(reverse("accounts:list") + "?export=csv"))
    assert accounts[1][0] == "'" + EVIL_NAME
    assert accounts[1][-1] == "1000000.00"
    contacts = _csv(client_for(owner).get(reverse("people:contact_list") + "?export=csv"))
    assert contacts[1][:3] == ["'@SUM(A1)", "'=1+1", "'" + EVIL_NAME]


def test_it_neutralises_the_gift_ledger_and_figures_csv(
    client_for: object, owner: object, evil: dict
) -> None:
    account = evil["account"]
    gifts = _csv(client_for(owner).get(reverse("compliance:account", args=[account.uuid]), {
        "export": "csv"
    }))  # fmt: skip
    assert gifts[1][1] == "'@SUM(A1)"
    assert gifts[1][4:6] == ["'-2+3", "88.50"]
    figures = _csv(
        client_for(owner).get(
            reverse("engagement:portfolio_figures"), {"year": "2026", "export": "csv"}
        )
    )
    assert figures[1][0] == "'" + EVIL_NAME


def test_it_neutralises_the_scorecard_heat_table_xlsx(
    client_for: object, owner: object, evil: dict
) -> None:
    sheet = _xlsx(client_for(owner).get(reverse("scorecard:portfolio") + "?export=xlsx"))
    assert sheet["A2"].value == "'" + EVIL_NAME
    assert sheet["A2"].data_type == "s"
    assert sheet["G2"].value == 1000000
    assert sheet["G2"].data_type == "n"
    assert sheet["I2"].data_type == "n"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == len("'" + EVIL_NAME) + 2 + 2  # 点我: wide


def test_it_neutralises_the_key_person_table_xlsx(
    client_for: object, owner: object, evil: dict
) -> None:
    account = evil["account"]
    sheet = _xlsx(
        client_for(owner).get(reverse("powermap:table", args=[account.uuid]) + "?export=xlsx")
    )
    assert [sheet["A2"].value, sheet["B2"].value] == ["'@SUM(A1)", "'=1+1"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert (sheet["E2"].value, sheet["E2"].data_type) == (9, "n")
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == len("'@SUM(A1)") + 2

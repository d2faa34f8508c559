"""CSV export of the account and contact lists: same filters and access rules as the page."""

import pytest
from django.urls import reverse

from tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _rows(response: object) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return body.lstrip("\ufeff").strip().splitlines()


def test_it_exports_only_the_visible_filtered_accounts(
    client_for: object, owner: object, account: object, outsider: object
) -> None:
    AccountFactory(name="Dormant Co", owner=owner, status="dormant")
    response = client_for(owner).get(
        reverse("accounts:list") + "?status=active&export=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(response)
    assert rows[0].startswith("Name,Name in the other language,Industry,Region,Status")
    assert rows[1:] == [
        "华东电力集团,,Manufacturing,East China,Active,,User 0,,,CNY,1000000.00".replace(
            "User 0", str(owner)
        )
    ]


def test_it_exports_contacts_in_the_chosen_language(
    client_for: object, owner: object, account: object, outsider: object
) -> None:
    ContactFactory(account=account, name="李雷", title="采购经理", seniority="middle")
    ContactFactory(account=outsider.owned_accounts.get(), name="Hidden")
    response = client_for(owner).get(
        reverse("people:contact_list") + "?export=csv", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    rows = _rows(response)
    assert len(rows) == 2
    assert rows[1].startswith("李雷,采购经理,华东电力集团,,中层,")

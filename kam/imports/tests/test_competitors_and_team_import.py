"""Competitors (portfolio) and the account team (per account) from a file: through the accounts
services, audited, never duplicated on re-import, refused to who may not change them."""

import pytest
from django.urls import reverse

from kam.accounts.models import AccountTeamMembership, Competitor
from kam.audit.models import AuditEntry
from kam.imports.selectors import batch_error_rows
from kam.imports.tests.helpers import csv_file
from kam.imports.tests.test_org_units_and_accounts_import import _import
from tests.access_helpers import database_fingerprint
from tests.factories import CompetitorFactory, UserFactory

pytestmark = pytest.mark.django_db

COMPETITOR_HEADER = ["竞争对手", "网站", "备注"]
TEAM_HEADER = ["Colleague (login name or e-mail)", "Role on the team"]


def test_it_imports_competitors_and_updates_them_on_reimport(
    client_for: object, director: object
) -> None:
    CompetitorFactory(name="西门子能源", website="")
    client = client_for(director)
    rows = [
        ["西门子能源", "https://www.siemens-energy.com", ""],
        ["ABB", "", "电网设备"],
        ["abb", "", ""],
        ["坏网站", "not a url", ""],
    ]
    url = reverse("imports:accounts")
    batch = _import(client, url, csv_file(COMPETITOR_HEADER, rows, "c.csv"), "competitors")
    assert [(e.line, e.column, e.message) for e in batch_error_rows(batch, batch.errors)] == [
        (4, "Competitor", "The same Competitor is already on line 3 of this file."),
        (5, "Website", "Enter a valid URL."),
    ]
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 1, 0)
    assert Competitor.objects.get(name="西门子能源").website == "https://www.siemens-energy.com"
    assert Competitor.objects.get(name="ABB").notes == "电网设备"
    assert AuditEntry.objects.filter(content_type__model="competitor", actor=director).count() == 2
    again = _import(client, url, csv_file(COMPETITOR_HEADER, rows[:2], "c.csv"), "competitors")
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    assert Competitor.objects.filter(name__in=["西门子能源", "ABB"]).count() == 2


def test_it_imports_the_account_team_by_login_name_or_email(
    client_for: object, owner: object, account: object, teammate: object
) -> None:
    chen = UserFactory(username="member.chen", email="chen@example.com", role="team_member")
    UserFactory(username="gone", role="team_member", is_active=False)
    client = client_for(owner)
    rows = [
        ["CHEN@example.com", "delivery"],
        ["teammate", "服务"],
        ["gone", "solution"],
        ["member.chen", "other"],
        ["owner", "solution"],
    ]
    url = reverse("imports:account", args=[account.uuid])
    batch = _import(client, url, csv_file(TEAM_HEADER, rows, "t.csv"), "team_members")
    assert [(e.line, e.column, e.message) for e in batch_error_rows(batch, batch.errors)] == [
        (4, "Colleague (login name or e-mail)",
         "There is no active colleague with the login name or e-mail “gone”."),
        (5, "Colleague (login name or e-mail)", "The same Colleague (login name or e-mail) "
                                                 "is already on line 2 of this file."),
        (6, "Role on the team", "The account manager's role on the team follows the account."),
    ]  # fmt: skip
    assert (batch.created_count, batch.updated_count) == (1, 1)
    roles = dict(
        AccountTeamMembership.objects.filter(account=account).values_list(
            "user__username", "team_role"
        )
    )
    assert roles == {"owner": "account_manager", "teammate": "service", "member.chen": "delivery"}
    assert chen.team_memberships.get(account=account).team_role == "delivery"
    assert (
        AuditEntry.objects.filter(
            content_type__model="accountteammembership", actor=owner, account_uuid=account.uuid
        ).count()
        == 2
    )


def test_a_teammate_may_import_contacts_but_not_the_team(
    client_for: object, teammate: object, account: object
) -> None:
    client = client_for(teammate)
    url = reverse("imports:account", args=[account.uuid])
    page = client.get(url).content.decode()
    assert 'value="team_members"' not in page
    before = database_fingerprint()
    response = client.post(
        url, {"kind": "team_members", "file": csv_file(TEAM_HEADER, [["x", "other"]], "t.csv")}
    )
    assert response.status_code == 400
    assert database_fingerprint() == before


def test_only_who_keeps_the_reference_data_may_import_competitors(
    client_for: object, owner: object, teammate: object
) -> None:
    page = client_for(owner).get(reverse("imports:accounts")).content.decode()
    assert 'value="accounts"' in page and 'value="competitors"' in page
    client = client_for(teammate)
    before = database_fingerprint()
    upload = csv_file(COMPETITOR_HEADER, [["ABB", "", ""]], "c.csv")
    assert client.get(reverse("imports:accounts")).status_code == 403
    response = client.post(reverse("imports:accounts"), {"kind": "competitors", "file": upload})
    assert response.status_code == 403
    assert database_fingerprint() == before

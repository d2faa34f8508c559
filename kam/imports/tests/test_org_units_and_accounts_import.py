"""Org units (a tree by parent name or path) and key accounts (with group and parent)."""

import pytest
from django.urls import reverse

from kam.accounts.models import Account
from kam.accounts.services import account_group_create
from kam.audit.models import AuditEntry
from kam.imports.choices import ImportStatus
from kam.imports.models import ImportBatch
from kam.imports.selectors import batch_error_rows
from kam.imports.tests.helpers import csv_file, run_jobs, xlsx_file
from kam.people.models import OrgUnit
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

UNIT_HEADER = ["单元", "上级单元", "职能", "层级"]  # the Chinese template's headers
UNITS = [
    ["采购部", "集团总部", "采购", "中层"],
    ["集团总部", "", "general_mgmt", "executive"],
    ["招标组", "集团总部/采购部", "", ""],
    ["信息中心", "集团总部", "it", ""],
]


def _import(client: object, url: str, upload: object, kind: str) -> ImportBatch:
    response = client.post(url, {"kind": kind, "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    run_jobs()
    batch = ImportBatch.objects.order_by("-created_at", "-pk").first()
    if batch.valid_rows:
        client.post(reverse("imports:batch_confirm", args=[batch.uuid]))
        run_jobs()
    batch.refresh_from_db()
    return batch


def _tree(account: object) -> list[tuple[str, str | None, str, str]]:
    return sorted(
        OrgUnit.objects.filter(account=account).values_list(
            "name", "parent__name", "function", "level"
        )
    )


def test_it_imports_an_org_tree_in_any_row_order_and_updates_it_on_reimport(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("imports:account", args=[account.uuid])
    batch = _import(client, url, xlsx_file(UNIT_HEADER, UNITS, "org.xlsx"), "org_units")
    assert (batch.status, batch.created_count, batch.skipped_count) == (ImportStatus.DONE, 4, 0)
    expected = [
        ("信息中心", "集团总部", "it", "middle"),
        ("招标组", "采购部", "other", "middle"),
        ("采购部", "集团总部", "procurement", "middle"),
        ("集团总部", None, "general_mgmt", "executive"),
    ]
    assert _tree(account) == expected
    assert AuditEntry.objects.filter(content_type__model="orgunit", actor=owner).count() == 4
    # the same file again: nothing new
    again = _import(client, url, csv_file(UNIT_HEADER, UNITS, "org.csv"), "org_units")
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 4)
    assert _tree(account) == expected
    # a changed level updates the unit in place
    changed = [row[:] for row in UNITS]
    changed[3][3] = "基层"
    third = _import(client, url, csv_file(UNIT_HEADER, changed, "org.csv"), "org_units")
    assert (third.created_count, third.updated_count, third.unchanged_count) == (0, 1, 3)
    assert OrgUnit.objects.get(name="信息中心").level == "operational"


def test_it_refuses_loops_unknown_parents_and_duplicates_in_the_org_file(
    client_for: object, owner: object, account: object
) -> None:
    for branch in ("北京分公司", "上海分公司"):
        parent = OrgUnitFactory(account=account, name=branch)
        OrgUnitFactory(account=account, name="财务部", parent=parent)
    client = client_for(owner)
    rows = [
        ["甲", "乙", "", ""],
        ["乙", "甲", "", ""],
        ["丙", "不存在", "", ""],
        ["丁", "财务部", "", ""],
        ["戊", "", "", ""],
        ["戊", "", "", ""],
        ["己", "丙", "", ""],
        ["庚", "", "sales", ""],
    ]
    batch = _import(
        client, reverse("imports:account", args=[account.uuid]),
        csv_file(["Unit", "Parent unit", "Function", "Level"], rows, "org.csv"), "org_units",
    )  # fmt: skip
    messages = [
        (row.line, row.column, row.message) for row in batch_error_rows(batch, batch.errors)
    ]
    assert messages == [
        (2, "Parent unit", "These units would sit under each other: 甲 → 乙 → 甲."),
        (3, "Parent unit", "These units would sit under each other: 乙 → 甲 → 乙."),
        (4, "Parent unit", "There is no unit “不存在” in this account or this file."),
        (5, "Parent unit", "Several units are called “财务部”: write its path, Parent/Unit."),
        (7, "Unit", "The same Unit is already on line 6 of this file."),
        (8, "Parent unit", "The parent unit on line 4 has errors: fix that line first."),
        (9, "Function", "“sales” is not a choice of Function: use one of General management, "
                        "Strategy & planning, R&D / engineering, Production & operations, "
                        "Procurement, Quality, Finance, IT, Marketing & sales, Human resources, "
                        "Legal & compliance, Service & maintenance, Other."),
    ]  # fmt: skip
    assert (batch.status, batch.created_count) == (ImportStatus.DONE, 1)
    assert OrgUnit.objects.filter(account=account, name="戊").count() == 1


ACCOUNT_HEADER = ["Account name", "Industry", "Region", "Account group", "Parent account",
                  "Current annual revenue", "Account manager (login name)"]  # fmt: skip


def test_it_imports_accounts_with_group_and_parent_through_the_account_services(
    client_for: object, director: object, owner: object, account: object
) -> None:
    group = account_group_create(actor=director, name="能源客户群")
    client = client_for(owner)
    rows = [
        ["华东电力上海分公司", "energy", "华东", "能源客户群", "华东电力集团", "1,200,000", ""],
        ["华东电力集团", "Energy & utilities", "east_china", "", "", "", ""],
        ["新客户", "manufacturing", "north_china", "", "华东电力上海分公司", "", ""],
        ["坏客户", "banking", "east_china", "没有的群", "", "abc", "nobody"],
    ]
    batch = _import(
        client, reverse("imports:accounts"), csv_file(ACCOUNT_HEADER, rows, "a.csv"), "accounts"
    )
    assert [(e.line, e.column, e.message) for e in batch_error_rows(batch, batch.errors)] == [
        (5, "Industry", "“banking” is not a choice of Industry: use one of Manufacturing, "
                        "Energy & utilities, Automotive, Financial services, Telecommunications, "
                        "Healthcare & pharma, Retail & consumer goods, Transport & logistics, "
                        "Technology & internet, Government & public sector, "
                        "Construction & real estate, Other."),
        (5, "Account manager (login name)",
         "There is no active user with the login name “nobody”."),
        (5, "Account group", "There is no account group “没有的群”."),
        (5, "Current annual revenue", "“abc” is not a number."),
    ]  # fmt: skip
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (2, 1, 0)
    branch = Account.objects.get(name="华东电力上海分公司")
    assert (branch.parent, branch.group, branch.owner, str(branch.current_revenue)) == (
        account,
        group,
        owner,
        "1200000.00",
    )
    assert Account.objects.get(name="新客户").parent == branch
    assert Account.objects.get(name="华东电力集团").region == "east_china"
    assert branch.team_memberships.filter(user=owner).exists()
    assert AuditEntry.objects.filter(content_type__model="account", actor=owner).count() == 3
    # again: the same accounts, nothing duplicated
    again = _import(
        client, reverse("imports:accounts"), csv_file(ACCOUNT_HEADER, rows[:3], "a.csv"), "accounts"
    )
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert Account.objects.filter(name__in=["华东电力上海分公司", "新客户"]).count() == 2

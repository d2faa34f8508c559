"""The matrix and coverage pages: refusal next to the row with nothing written, the person
filter, the export, coverage targets and the T2 broad dimension; query counts."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.broad.models import CoverageTarget, RaciAssignment
from kam.broad.selectors import coverage_summary
from kam.broad.services import coverage_target_set, raci_row_create, raci_row_set
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(owner: object, account: object) -> object:
    return raci_row_create(actor=owner, account=account, function="procurement", level="middle")


def test_it_saves_a_row_with_one_a_and_one_r(
    client_for: object, owner: object, teammate: object, row: object
) -> None:
    response = client_for(owner).post(
        reverse("broad:row_save", args=[row.uuid]),
        {f"letter-{owner.uuid}": "A", f"letter-{teammate.uuid}": "R"},
    )

    assert response.status_code == 302
    assert sorted(RaciAssignment.objects.values_list("user__username", "role")) == [
        ("owner", "A"),
        ("teammate", "R"),
    ]


def test_it_refuses_a_second_a_next_to_the_row_and_writes_nothing(
    client_for: object, owner: object, teammate: object, row: object
) -> None:
    raci_row_set(actor=owner, row=row, letters={owner.pk: "A", teammate.pk: "R"})
    before = database_fingerprint()

    response = client_for(owner).post(
        reverse("broad:row_save", args=[row.uuid]),
        {f"letter-{owner.uuid}": "A", f"letter-{teammate.uuid}": "A"},
    )

    assert response.status_code == 400
    errors = response.context["grid"][0]["matrix_row"].problems
    assert errors == [
        "Only one person can be accountable (A) for a row.",
        "Name at least one person responsible (R) for this row.",
    ]
    assert f'id="row-errors-{row.uuid}"' in response.content.decode()
    assert database_fingerprint() == before


def test_it_refuses_a_row_without_r_in_chinese_and_writes_nothing(
    owner: object, teammate: object, row: object
) -> None:
    from django.test import Client

    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(owner)
    before = database_fingerprint()

    response = client.post(
        reverse("broad:row_save", args=[row.uuid]),
        {f"letter-{owner.uuid}": "A", f"letter-{teammate.uuid}": "C"},
    )

    assert response.status_code == 400
    assert response.context["grid"][0]["matrix_row"].problems == [
        "请为这一行指定至少一名负责执行人（R）。"
    ]
    assert database_fingerprint() == before


def test_it_refuses_a_letter_for_someone_off_the_team(
    owner: object, outsider: object, row: object
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        raci_row_set(actor=owner, row=row, letters={owner.pk: "A", outsider.pk: "R"})
    assert RaciAssignment.objects.count() == 0


def test_it_shows_my_rows_uncovered_rows_and_idle_people(
    client_for: object, owner: object, teammate: object, account: object, row: object
) -> None:
    other = raci_row_create(actor=owner, account=account, touchpoint="年度用户大会")
    raci_row_set(actor=owner, row=row, letters={owner.pk: "A", teammate.pk: "R"})
    raci_row_set(actor=owner, row=other, letters={owner.pk: "A", teammate.pk: "R"})

    everyone = client_for(owner).get(reverse("broad:matrix", args=[account.uuid]))
    mine = client_for(owner).get(
        reverse("broad:matrix", args=[account.uuid]), {"person": str(teammate.uuid)}
    )

    assert [item["matrix_row"].row.label for item in everyone.context["grid"]] == [
        "Procurement · Middle management",
        "年度用户大会",
    ]
    assert [item["matrix_row"].row.label for item in mine.context["grid"]] == [
        "Procurement · Middle management",
        "年度用户大会",
    ]
    assert everyone.context["matrix"].idle_columns == []


def test_it_marks_a_row_without_r_and_a_person_without_row(
    client_for: object, owner: object, teammate: object, account: object, row: object
) -> None:
    RaciAssignment.objects.create(row=row, user=owner, role="A")

    response = client_for(owner).get(reverse("broad:matrix", args=[account.uuid]))

    matrix_row = response.context["grid"][0]["matrix_row"]
    assert matrix_row.is_uncovered is True
    assert matrix_row.problems == ["Name at least one person responsible (R) for this row."]
    assert [column.user.username for column in response.context["matrix"].idle_columns] == [
        "teammate"
    ]


def test_it_exports_the_matrix_as_xlsx(
    client_for: object, owner: object, teammate: object, account: object, row: object
) -> None:
    raci_row_set(actor=owner, row=row, letters={owner.pk: "A", teammate.pk: "R"})

    response = client_for(owner).get(reverse("broad:export", args=[account.uuid]))

    sheet = load_workbook(BytesIO(response.content)).active
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    assert values[1] == ["Procurement · Middle management", "A", "R", "OK"]
    assert values[0][0] == "Customer cell or touchpoint"


def test_it_computes_the_coverage_grid_and_lists_the_people_of_a_cell(
    client_for: object, owner: object, account: object
) -> None:
    ContactFactory(account=account, function="it", seniority="middle", coverage="multiple")
    ContactFactory(account=account, function="it", seniority="middle", coverage="brief", support=1)
    ContactFactory(account=account, function="finance", seniority="executive", coverage="brief")
    coverage_target_set(actor=owner, account=account, function="it", level="middle", is_target=True)
    coverage_target_set(
        actor=owner, account=account, function="finance", level="executive", is_target=True
    )
    coverage_target_set(actor=owner, account=account, function="hr", level="middle", is_target=True)

    response = client_for(owner).get(
        reverse("broad:coverage", args=[account.uuid]), {"function": "it", "level": "middle"}
    )

    grid = response.context["grid"]
    cells = {(c.function, c.level): c for _f, row in grid.rows for c in row}
    assert (cells[("it", "middle")].contacts, cells[("it", "middle")].covered) == (2, 1)
    assert cells[("it", "middle")].supporters == 1
    keys = [("it", "middle"), ("finance", "executive"), ("hr", "middle"), ("hr", "executive")]
    assert [cells[key].colour for key in keys] == ["covered", "thin", "gap", "not_target"]
    assert (grid.target_cells, grid.covered_target_cells, str(grid.rate)) == (3, 1, "0.3333")
    summary = coverage_summary(account=account)
    assert (summary.target_cells, summary.covered_target_cells, str(summary.rate)) == (
        3,
        1,
        "0.3333",
    )
    assert len(response.context["selected_contacts"]) == 2


def test_it_sets_a_target_through_the_page(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).post(
        reverse("broad:coverage_target", args=[account.uuid]),
        {"function": "quality", "level": "operational", "is_target": "on"},
    )

    assert response.status_code == 302
    assert list(CoverageTarget.objects.values_list("function", "level", "is_target")) == [
        ("quality", "operational", True)
    ]


def test_it_keeps_the_query_count_of_the_matrix_constant(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("broad:matrix", args=[account.uuid])

    def grow(function: str) -> None:
        for level in ("executive", "middle", "operational"):
            made = raci_row_create(actor=owner, account=account, function=function, level=level)
            raci_row_set(actor=owner, row=made, letters={owner.pk: "A", teammate.pk: "R"})
            ContactFactory(account=account, function=function, seniority=level)

    grow("finance")
    few = count_queries(lambda: client.get(url))
    grow("it")
    grow("hr")

    assert count_queries(lambda: client.get(url)) == few


def test_it_keeps_the_query_count_of_the_coverage_page_constant(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("broad:coverage", args=[account.uuid])
    ContactFactory(account=account, function="it", seniority="middle", coverage="multiple")
    few = count_queries(lambda: client.get(url, {"function": "it", "level": "middle"}))
    for function in ("it", "finance", "hr", "quality"):
        ContactFactory.create_batch(3, account=account, function=function, seniority="middle")
        coverage_target_set(
            actor=owner, account=account, function=function, level="middle", is_target=True
        )

    assert count_queries(lambda: client.get(url, {"function": "it", "level": "middle"})) == few

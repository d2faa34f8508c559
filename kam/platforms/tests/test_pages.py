"""Pages of the platform plan: list with totals, empty state, add/edit/delete, add to calendar,
errors next to the fields with nothing lost, and a constant number of queries."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from kam.engagement.models import CalendarEntry
from kam.platforms.models import PlatformItem
from kam.platforms.services import platform_item_add_to_calendar
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlatform = Callable[..., PlatformItem]


def _plan(account: object, year: int = 2026) -> str:
    return reverse("platforms:account", args=[account.uuid]) + f"?year={year}"


def test_it_shows_what_to_add_when_the_plan_is_empty(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    html = client_for(owner).get(_plan(account)).content.decode()
    assert 'data-testid="platform-empty"' in html
    assert "No platforms planned for 2026 yet" in html
    assert 'data-testid="add-platform"' in html


def test_it_adds_a_platform(
    client_for: Callable[[object], Client], owner: object, account: object, teammate: object
) -> None:
    response = client_for(owner).post(
        reverse("platforms:new", args=[account.uuid]),
        {
            "year": "2026",
            "platform_type": "user_forum",
            "title": "华东用户交流会",
            "audience_function": "production",
            "audience_level": "operational",
            "frequency": "semiannual",
            "owner": str(teammate.uuid),
            "budget": "120000",
            "currency": "CNY",
            "kpi": "supporter_share",
            "kpi_contribution": "支持者 +3",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _plan(account)
    item = PlatformItem.objects.get()
    assert (item.title, item.owner, item.budget, item.frequency) == (
        "华东用户交流会",
        teammate,
        120000,
        "semiannual",
    )


def test_a_failed_submit_keeps_the_input_and_shows_errors_next_to_the_fields(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    response = client_for(owner).post(
        reverse("platforms:new", args=[account.uuid]),
        {
            "year": "2026",
            "platform_type": "training_academy",
            "title": "运维骨干培训学院",
            "frequency": "times",
            "budget": "-5",
            "currency": "CNY",
            "kpi": "platform_events",
            "notes": "每期二十人",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="field-errors" id="id_times_per_year_error"><p class="field-error">' in html
    assert '<div class="field-errors" id="id_budget_error"><p class="field-error">' in html
    assert 'value="运维骨干培训学院"' in html
    assert "每期二十人</textarea>" in html
    assert PlatformItem.objects.count() == 0


def test_it_lists_items_with_totals_and_adds_one_to_the_calendar(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    make_platform: MakePlatform,
) -> None:
    item = make_platform(budget="50000")
    make_platform(title="客户俱乐部", platform_type="customer_club", budget="30000")
    client = client_for(owner)
    response = client.post(reverse("platforms:calendar", args=[account.uuid, item.uuid]))
    assert response.status_code == 302
    client.post(reverse("platforms:calendar", args=[account.uuid, item.uuid]))  # again: no-op
    assert CalendarEntry.objects.count() == 4
    CalendarEntry.objects.filter(planned_on__month=2).update(status="done")
    html = client.get(_plan(account)).content.decode()
    assert html.count('data-testid="platform-row"') == 2
    assert "80,000 CNY" in html
    assert "Platform events held: 1 of 4 on the calendar" in html
    assert ">25%<" in html
    assert "1 held / 4" in html
    assert html.count('data-testid="add-to-calendar"') == 1  # only the item not yet added


def test_it_edits_and_deletes_an_item(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    make_platform: MakePlatform,
) -> None:
    item = make_platform()
    client = client_for(owner)
    url = reverse("platforms:edit", args=[account.uuid, item.uuid])
    form = client.get(url)
    assert 'value="变电运维技术研讨会"' in form.content.decode()
    data = {
        "year": "2026",
        "platform_type": "technical_seminar",
        "title": "新能源并网技术研讨会",
        "frequency": "yearly",
        "currency": "CNY",
        "kpi": "coverage_rate",
        "version": form.context["form"]["version"].value(),
    }
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.frequency, item.kpi) == (
        "新能源并网技术研讨会",
        "yearly",
        "coverage_rate",
    )
    platform_item_add_to_calendar(actor=owner, item=item)
    response = client.post(reverse("platforms:delete", args=[account.uuid, item.uuid]))
    assert response.status_code == 302
    assert (PlatformItem.objects.count(), CalendarEntry.objects.count()) == (0, 1)


def test_the_broad_relationship_tab_links_to_the_platform_plan(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    html = client_for(owner).get(reverse("broad:matrix", args=[account.uuid])).content.decode()
    assert f'href="{reverse("platforms:account", args=[account.uuid])}"' in html
    plan = client_for(owner).get(reverse("platforms:account", args=[account.uuid])).content
    assert b'href="/accounts/' in plan and b'aria-current="page">Platforms' in plan


def test_the_plan_page_makes_as_many_queries_with_more_items(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    teammate: object,
    make_platform: MakePlatform,
) -> None:
    client = client_for(owner)
    make_platform(owner=teammate, budget="1000")
    few = count_queries(lambda: client.get(_plan(account)))
    for index in range(6):
        item = make_platform(title=f"平台{index}", owner=teammate, budget="1000", currency="USD")
        platform_item_add_to_calendar(actor=owner, item=item)
    many = count_queries(lambda: client.get(_plan(account)))
    assert many == few


def test_the_new_form_proposes_the_year_asked_and_the_user_as_owner(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    url = reverse("platforms:new", args=[account.uuid]) + "?year=2027"
    form = client_for(owner).get(url).context["form"]
    assert (form["year"].value(), form["owner"].value()) == (2027, owner.uuid)

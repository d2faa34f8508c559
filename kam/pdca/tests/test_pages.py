"""PDCA pages: the list with the wheel, a new cycle, the four sections, errors next to fields
with nothing lost, the close refused, access and query counts."""

import json
import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kam.engagement.models import Activity, CalendarEntry, Mechanism
from kam.pdca.models import PdcaCycle
from kam.pdca.services import pdca_cycle_advance, pdca_cycle_check
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakeCycle = Callable[..., PdcaCycle]
ClientFor = Callable[[object], Client]


def _wheel(page: str) -> dict:
    found = re.search(
        r'<script id="pdca-wheel-option" type="application/json">(.*?)</script>', page
    )
    assert found is not None
    return json.loads(found[1])


def _log(account: object, owner: object, count: int, day: date = date(2026, 10, 15)) -> None:
    mechanism = Mechanism.objects.first()
    for index in range(count):
        entry = CalendarEntry.objects.create(
            account=account, mechanism=mechanism, title=f"拜访{index}", planned_on=day,
            status="done" if index % 2 == 0 else "planned",
        )  # fmt: skip
        Activity.objects.create(
            account=account, mechanism=mechanism, title=f"拜访{index}", occurred_on=day,
            lead=owner, calendar_entry=entry if index % 2 == 0 else None,
        )  # fmt: skip


def test_it_says_what_to_do_when_the_account_has_no_cycle(
    client_for: ClientFor, owner: object, account: object
) -> None:
    page = client_for(owner).get(reverse("pdca:account", args=[account.uuid])).content.decode()
    assert 'data-testid="pdca-empty"' in page
    assert 'data-testid="pdca-wheel"' not in page
    assert 'href="/accounts/' in page and 'aria-current="page">PDCA</a>' in page


def test_it_shows_the_wheel_of_the_current_cycle_with_its_text(
    client_for: ClientFor, owner: object, account: object, make_cycle: MakeCycle
) -> None:
    make_cycle(period="2026-Q3")
    make_cycle(doing=True)
    page = client_for(owner).get(reverse("pdca:account", args=[account.uuid])).content.decode()
    option = _wheel(page)
    data = option["series"][0]["data"]
    assert [(item["name"], item["selected"]) for item in data] == [
        ("Plan", False),
        ("Do", True),
        ("Check", False),
        ("Act", False),
    ]
    assert option["title"]["text"] == "Do"
    steps = re.findall(r'<li class="state-(\w+)"', page)
    assert steps == ["done", "current", "to_come", "to_come"]
    assert 'Do · <span class="muted">current phase</span>' in page
    assert page.count('data-testid="pdca-row"') == 2


def test_it_opens_a_cycle_and_keeps_the_input_on_an_error(
    client_for: ClientFor, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = reverse("pdca:new", args=[account.uuid])
    body = {"cadence": "monthly", "period": "2026-Q4", "focus_kpis": ["coverage_rate"],
            "planned_actions": "拜访采购部"}  # fmt: skip
    refused = client.post(url, body)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert (
        '<div class="field-errors" id="id_period_error">'
        '<p class="field-error">Write a month as 2026-11.</p></div>' in page
    )
    assert "拜访采购部</textarea>" in page
    assert 'value="coverage_rate" class="checkbox" id="id_focus_kpis_0" checked' in page
    assert not PdcaCycle.objects.exists()
    created = client.post(url, {**body, "period": "2026-11"})
    cycle = PdcaCycle.objects.get()
    assert created["Location"] == reverse("pdca:cycle", args=[account.uuid, cycle.uuid])
    assert (cycle.period, cycle.focus_kpis, cycle.planned_actions) == (
        "2026-11",
        ["coverage_rate"],
        "拜访采购部",
    )


def test_it_walks_a_cycle_through_its_sections_on_the_page(
    client_for: ClientFor, owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(focus_kpis=[], planned_actions="")
    client = client_for(owner)
    url = reverse("pdca:cycle", args=[measurable.uuid, cycle.uuid])
    refused = client.post(
        reverse("pdca:advance", args=[measurable.uuid, cycle.uuid]), {"version": 1}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Choose at least one focus KPI before starting to do." in page
    assert (
        'id="id_planned_actions_error"><p class="field-error">'
        "Write the planned actions before starting to do." in page
    )
    saved = client.post(url, {"section": "plan", "version": 1, "focus_kpis": ["coverage_rate"],
                              "planned_actions": "拜访"})  # fmt: skip
    assert saved.status_code == 302
    client.post(reverse("pdca:advance", args=[measurable.uuid, cycle.uuid]), {"version": 2})
    page = client.get(url).content.decode()
    assert 'data-testid="pdca-run-check"' in page and 'data-testid="pdca-do-empty"' in page
    checked = client.post(reverse("pdca:check", args=[measurable.uuid, cycle.uuid]),
                          {"version": 3, "check_notes": "覆盖率达标"})  # fmt: skip
    assert checked.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="pdca-check-coverage_rate"' in page
    assert 'data-testid="pdca-start-act"' in page
    cycle.refresh_from_db()
    assert (cycle.phase, cycle.check_notes, cycle.version) == ("check", "覆盖率达标", 4)


def test_it_refuses_the_close_next_to_the_fields_and_keeps_what_was_typed(
    client_for: ClientFor, owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(doing=True)
    cycle = pdca_cycle_check(actor=owner, cycle=cycle, expected_version=2)
    cycle = pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=3)
    client = client_for(owner)
    close = reverse("pdca:close", args=[measurable.uuid, cycle.uuid])
    before = database_fingerprint()
    refused = client.post(close, {"version": 4, "carry_over": "拜访质量部", "open_next": "on"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert (
        '<div class="field-errors" id="id_corrective_actions_error"><p class="field-error">'
        "Say what you will correct before closing the cycle.</p>"
    ) in page
    assert (
        'id="id_standardise_error"><p class="field-error">Say what worked and becomes standard'
        in page
    )
    assert "拜访质量部</textarea>" in page
    assert database_fingerprint() == before
    act = {"corrective_actions": "补齐", "standardise": "交流会"}
    closed = client.post(
        close, {"version": 4, "carry_over": "拜访质量部", "open_next": "on", **act}
    )
    following = PdcaCycle.objects.get(period="2027-Q1")
    assert closed["Location"] == reverse("pdca:cycle", args=[measurable.uuid, following.uuid])
    assert following.planned_actions == "拜访质量部"
    page = client.get(reverse("pdca:cycle", args=[measurable.uuid, cycle.uuid])).content.decode()
    assert 'data-testid="pdca-closed"' in page and "交流会" in page


def test_it_refuses_a_stale_save_and_keeps_the_text(
    client_for: ClientFor, owner: object, teammate: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle()
    url = reverse("pdca:cycle", args=[account.uuid, cycle.uuid])
    client_for(teammate).post(url, {"section": "plan", "version": 1, "planned_actions": "甲"})
    refused = client_for(owner).post(
        url, {"section": "plan", "version": 1, "planned_actions": "乙"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Someone else changed this PDCA cycle after you opened it." in page
    assert "乙</textarea>" in page
    cycle.refresh_from_db()
    assert (cycle.planned_actions, cycle.version) == ("甲", 2)


def test_it_hides_cycles_from_an_outsider_and_lets_a_viewer_only_read(
    client_for: ClientFor, viewer: object, outsider: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle()
    urls = [
        reverse("pdca:account", args=[account.uuid]),
        reverse("pdca:cycle", args=[account.uuid, cycle.uuid]),
    ]
    writes = [reverse(f"pdca:{name}", args=[account.uuid, cycle.uuid])
              for name in ("cycle", "advance", "check", "close")]  # fmt: skip
    before = database_fingerprint()
    for url in urls:
        assert client_for(outsider).get(url).status_code == 404
        page = client_for(viewer).get(url).content.decode()
        assert '<form method="post"' not in page
    for url in [*writes, reverse("pdca:new", args=[account.uuid])]:
        assert client_for(outsider).post(url, {"version": 1}).status_code == 404
        assert client_for(viewer).post(url, {"version": 1}).status_code == 403
    assert database_fingerprint() == before


def test_it_keeps_the_list_and_the_wheel_queries_constant(
    client_for: ClientFor, owner: object, account: object, make_cycle: MakeCycle
) -> None:
    client = client_for(owner)
    url = reverse("pdca:account", args=[account.uuid])
    make_cycle(period="2026-Q4")
    few = count_queries(lambda: client.get(url))
    for quarter in range(1, 4):
        make_cycle(period=f"2025-Q{quarter}")
    make_cycle(cadence="monthly", period="2026-02")
    many = count_queries(lambda: client.get(url))
    assert many == few
    assert client.get(url).content.decode().count('data-testid="pdca-row"') == 5


def test_it_keeps_the_cycle_page_queries_constant_as_activities_grow(
    client_for: ClientFor, owner: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(doing=True)
    client = client_for(owner)
    url = reverse("pdca:cycle", args=[account.uuid, cycle.uuid])
    _log(account, owner, 2)
    few = count_queries(lambda: client.get(url))
    _log(account, owner, 6)
    _log(account, owner, 3, day=date(2026, 9, 30))  # before the window: not counted
    many = count_queries(lambda: client.get(url))
    assert many == few
    page = client.get(url).content.decode()
    assert "8 activities logged in the period; 4 of 8 planned calendar entries done." in page

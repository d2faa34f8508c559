"""The power map page, the assessment table, their exports and API, and the map form."""

import io
import json
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.accounts.models import Account
from kam.ladder.choices import DefaultRung
from kam.ladder.services import LadderInput, ladder_assess
from kam.people.models import Contact, ContactEdge
from kam.people.services import ContactEdgeInput, contact_edge_create, contact_map_update
from kam.powermap.api import PowerMapOut
from kam.powermap.charts import tree_positions
from kam.powermap.selectors import power_map
from tests.factories import ContactFactory

RUNGS = list(DefaultRung.values)


def _scores(*values: int) -> dict[str, int]:
    return dict(zip(RUNGS, values, strict=False))


@pytest.fixture
def small_map(account: object, owner: object) -> dict[str, Contact]:
    """三个人: 总经理 (decider) ← 采购经理 (technical buyer); 总经理助理 is a hidden influencer."""
    boss = ContactFactory(account=account, name="刘总", title="总经理", seniority="executive")
    buyer = ContactFactory(
        account=account, name="陈经理", title="采购经理", seniority="middle", reports_to=boss
    )
    assistant = ContactFactory(
        account=account, name="小周", title="总经理助理", seniority="operational", reports_to=boss
    )
    contact_map_update(
        actor=owner,
        contact=boss,
        data={"decision_roles": ["decider"], "influence": 9, "coverage": "brief", "support": 0},
    )
    contact_map_update(
        actor=owner,
        contact=buyer,
        data={"buying_influence": "technical_buyer", "influence": 6, "coverage": "multiple"},
    )
    contact_map_update(
        actor=owner,
        contact=assistant,
        data={"visibility": "hidden", "influence": 6, "coverage": "in_depth", "support": 1},
    )
    contact_edge_create(
        actor=owner, source=assistant, data=ContactEdgeInput(target=boss, edge_type="influences")
    )
    return {"boss": boss, "buyer": buyer, "assistant": assistant}


def _flag_codes(response: object) -> list[str]:
    return [flag.code for flag in response.context["flags"]]


def test_it_draws_the_map_with_formal_and_informal_lines(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    response = client_for(owner).get(reverse("powermap:account", args=[account.uuid]))
    assert response.status_code == 200
    series = response.context["map_option"]["series"][0]
    names = {node["name"] for node in series["data"]}
    assert names == {"刘总", "陈经理", "小周"}
    hidden = next(node for node in series["data"] if node["name"] == "小周")
    assert hidden["symbol"] == "diamond"
    assert hidden["itemStyle"] == {"borderColor": "#101828", "borderWidth": 3}
    assert hidden["url"] == reverse("cards:card", args=[small_map["assistant"].uuid])
    dashed = [link for link in series["links"] if link["lineStyle"]["type"] == "dashed"]
    solid = [link for link in series["links"] if link["lineStyle"]["type"] == "solid"]
    assert len(dashed) == 1
    assert len(solid) == 2
    assert _flag_codes(response) == [
        "uncovered_base",
        "no_coach",
        "single_threaded",
    ]  # no "new_player": the key persons of a new account are its starting lineup (issue 10)


def test_it_clears_the_no_coach_flag_when_someone_becomes_a_mentor(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    client = client_for(owner)
    url = reverse("people:contact_map", args=[small_map["assistant"].uuid])
    response = client.post(
        url,
        {
            "visibility": "hidden",
            "influence": "6",
            "coverage": "in_depth",
            "support": "2",
            "next": reverse("powermap:account", args=[account.uuid]),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("powermap:account", args=[account.uuid])
    after = client.get(response["Location"])
    assert "no_coach" not in _flag_codes(after)


def test_it_filters_the_map_to_key_persons_and_attaches_them_to_the_nearest_manager(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    response = client_for(owner).get(
        reverse("powermap:account", args=[account.uuid]) + "?key_only=on",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.templates[0].name == "powermap/partials/map_chart.html"
    series = response.context["map_option"]["series"][0]
    assert {node["name"] for node in series["data"]} == {"刘总", "小周"}


def test_it_lays_out_a_manager_centred_above_the_reports() -> None:
    positions = tree_positions([1, 2, 3, 4], {1: None, 2: 1, 3: 1, 4: None})
    assert positions == {2: (0, 1), 3: (1, 1), 1: (0.5, 0), 4: (2, 0)}


def test_it_shows_an_empty_state_without_people(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).get(reverse("powermap:account", args=[account.uuid]))
    assert response.status_code == 200
    assert "Nobody is on the map yet" in response.content.decode()


def test_it_lists_key_persons_in_the_assessment_table_with_gap_and_status(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    ladder_assess(
        actor=owner,
        contact=small_map["boss"],
        data=LadderInput(
            period="2026",
            assessed_on=date(2026, 6, 1),
            scores=_scores(1, 1, 0, 0, 0, 0),
            evidence={},
            target_level=4,
            competitor_level=None,
        ),
    )
    response = client_for(owner).get(reverse("powermap:table", args=[account.uuid]) + "?sort=-gap")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.contact.name for row in rows] == ["刘总", "小周"]
    assert rows[0].gap == 2
    assert rows[0].status == "off_track"
    assert rows[1].status == "no_target"


def test_it_exports_the_assessment_table_as_xlsx(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    response = client_for(owner).get(
        reverse("powermap:table", args=[account.uuid]) + "?export=xlsx"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Contact", "Title", "Decision roles")
    assert [row[0] for row in rows[1:]] == ["刘总", "小周"]
    assert rows[1][4] == 9


def test_it_answers_the_power_map_api_with_nodes_lines_flags_and_figures(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    response = client_for(owner).get(f"/api/v1/accounts/{account.uuid}/power-map")
    assert response.status_code == 200
    body = response.json()
    PowerMapOut.model_validate(body)  # the answer matches the documented schema
    assert len(body["nodes"]) == 3
    assert body["lines"] == [
        {
            "id": str(ContactEdge.objects.get().uuid),
            "source_id": str(small_map["assistant"].uuid),
            "target_id": str(small_map["boss"].uuid),
            "edge_type": "influences",
            "strength": 3,
            "is_confirmed": False,
        }
    ]
    assert [flag["code"] for flag in body["red_flags"]] == [
        "uncovered_base",
        "no_coach",
        "single_threaded",
    ]  # no "new_player": the key persons of a new account are its starting lineup (issue 10)
    assert body["red_flags"][0]["title"] == "Uncovered decision role: User buyer"
    assert body["figures"]["key_persons"] == 2


def test_it_answers_the_table_api(
    client_for: object, owner: object, account: object, small_map: dict
) -> None:
    response = client_for(owner).get(f"/api/v1/accounts/{account.uuid}/key-person-table")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["rows"]] == ["刘总", "小周"]


def test_it_refuses_a_manual_key_person_decision_without_a_reason(
    client_for: object, owner: object, small_map: dict
) -> None:
    contact = small_map["buyer"]
    response = client_for(owner).post(
        reverse("people:contact_map", args=[contact.uuid]),
        {"visibility": "explicit", "coverage": "brief", "key_person_override": "true"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["key_person_override_reason"] == [
        "Give a written reason when you decide by hand who is a key person."
    ]
    contact.refresh_from_db()
    assert contact.key_person_override is None
    assert contact.is_key_person is False


def test_it_refuses_a_supporting_colleague_from_outside_the_team(
    client_for: object, owner: object, outsider: object, small_map: dict
) -> None:
    contact = small_map["buyer"]
    response = client_for(owner).post(
        reverse("people:contact_map", args=[contact.uuid]),
        {"visibility": "explicit", "coverage": "brief", "supporting_users": [outsider.pk]},
    )
    assert response.status_code == 400
    assert "supporting_users" in response.context["form"].errors
    assert contact.supporting_users.count() == 0


def test_it_refuses_a_duplicate_informal_line(
    client_for: object, owner: object, small_map: dict
) -> None:
    url = reverse("people:contact_edge_create", args=[small_map["assistant"].uuid])
    data = {"target": small_map["boss"].pk, "edge_type": "influences", "strength": 3}
    response = client_for(owner).post(url, data)
    assert response.status_code == 400
    assert ContactEdge.objects.count() == 1


def test_it_adds_and_removes_an_informal_line(
    client_for: object, owner: object, small_map: dict
) -> None:
    client = client_for(owner)
    url = reverse("people:contact_edge_create", args=[small_map["buyer"].uuid])
    data = {"target": small_map["assistant"].pk, "edge_type": "conflict", "strength": 4}
    assert client.post(url, data).status_code == 302
    edge = ContactEdge.objects.get(edge_type="conflict")
    assert (edge.source, edge.target, edge.strength) == (
        small_map["buyer"],
        small_map["assistant"],
        4,
    )
    response = client.post(reverse("people:contact_edge_delete", args=[edge.uuid]))
    assert response.status_code == 302
    assert not ContactEdge.objects.filter(edge_type="conflict").exists()


def test_it_records_when_someone_became_a_key_person(owner: object, small_map: dict) -> None:
    buyer = contact_map_update(actor=owner, contact=small_map["buyer"], data={"influence": 8})
    assert buyer.is_key_person is True
    assert buyer.key_person_since is not None
    # an account mapped long ago: a new key person is a change of lineup (issue 10: not for
    # the starting lineup of an account created in the last days)
    Account.objects.filter(pk=buyer.account_id).update(created_at=datetime(2024, 1, 1, tzinfo=UTC))
    account = Account.objects.get(pk=buyer.account_id)
    assert "new_player" in [flag.code for flag in power_map(account=account).flags]
    again = contact_map_update(actor=owner, contact=buyer, data={"influence": 3})
    assert again.key_person_since is None


def test_it_escapes_names_in_the_embedded_chart_json(
    client_for: object, owner: object, account: object
) -> None:
    ContactFactory(account=account, name="</script><b>x</b>")
    response = client_for(owner).get(reverse("powermap:account", args=[account.uuid]))
    html = response.content.decode()
    assert "</script><b>x</b>" not in html
    option = json.loads(
        html.split('id="power-map-option" type="application/json">')[1].split("</script>")[0]
    )
    assert option["series"][0]["data"][0]["name"] == "</script><b>x</b>"


def test_it_refuses_a_stale_power_map_edit(
    client_for: object, owner: object, teammate: object, small_map: dict
) -> None:
    # given the owner opened the form, then a teammate changed the person's support
    contact = small_map["buyer"]
    opened = contact.updated_at.isoformat()
    contact_map_update(actor=teammate, contact=contact, data={"support": 2})
    # when the owner saves the form they opened earlier
    response = client_for(owner).post(
        reverse("people:contact_map", args=[contact.uuid]),
        {"visibility": "explicit", "coverage": "brief", "support": "-1", "version": opened},
    )
    # then it is refused and the teammate's value stays
    assert response.status_code == 400
    assert "Someone else saved this record" in response.content.decode()
    contact.refresh_from_db()
    assert contact.support == 2

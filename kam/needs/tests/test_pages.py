"""The account's needs page, the need's page, the meeting and key-person card hooks."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kam.engagement.meetings.services import MeetingRecordInput, meeting_record_save
from kam.engagement.models import MatchingItem, MeetingRecord
from kam.engagement.tests.meeting_factories import logged_activity
from kam.needs.models import Need
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _form(**values: object) -> dict[str, object]:
    data = {
        "new-title": "缩短检修停电时间",
        "new-description": "",
        "new-level": "organisational",
        "new-contact": "",
        "new-visibility": "explicit",
        "new-iceberg_layer": "business",
        "new-source": "stated",
        "new-domain": "production",
        "new-importance": "4",
        "new-our_fit": "2",
        "new-urgency": "3",
        "new-kano": "",
    }
    data.update({f"new-{key}": value for key, value in values.items()})
    return {key.removeprefix("new-"): value for key, value in data.items()}


def test_it_shows_the_iceberg_the_ratios_and_the_needs_by_contact(
    client_for: Callable[[object], Client],
    owner: object,
    contact: object,
    make_need: Callable[..., Need],
) -> None:
    make_need(title="报价", iceberg_layer="surface")
    make_need(title="提升供电可靠率", iceberg_layer="business", contact=contact)
    make_need(
        title="希望获得集团认可",
        iceberg_layer="deep",
        level="personal",
        contact=contact,
        visibility="implicit",
        source="validated",
    )
    make_need(title="已放弃", iceberg_layer="deep", visibility="implicit", source="inferred")
    Need.objects.filter(title="已放弃").update(status="dropped")
    response = client_for(owner).get(reverse("needs:account", args=[contact.account.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="iceberg-surface-count">1<' in html
    assert 'data-testid="iceberg-business-count">1<' in html
    assert 'data-testid="iceberg-deep-count">1<' in html
    assert 'data-testid="discovery-ratio">33%<' in html
    assert 'data-testid="validation-rate">100%<' in html
    groups = [group.contact.name if group.contact else None for group in response.context["groups"]]
    assert groups == ["张伟", None]
    option = response.context["matrix_option"]
    assert [point["value"] for point in option["series"][1]["data"]] == [[3, 3, 3]]


def test_a_layer_of_the_iceberg_filters_the_list(
    client_for: Callable[[object], Client], owner: object, make_need: Callable[..., Need]
) -> None:
    make_need(title="报价", iceberg_layer="surface")
    need = make_need(title="安全感", iceberg_layer="deep")
    url = reverse("needs:account", args=[need.account.uuid])
    response = client_for(owner).get(url + "?layer=deep")
    assert [row.title for row in response.context["page"].object_list] == ["安全感"]


def test_it_shows_the_empty_states(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    html = client_for(owner).get(reverse("needs:account", args=[account.uuid])).content.decode()
    assert 'data-testid="need-matrix-empty"' in html
    assert 'data-testid="need-empty"' in html


def test_it_adds_a_need(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    response = client_for(owner).post(reverse("needs:new", args=[account.uuid]), _form())
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.title, need.iceberg_layer, need.priority, need.status) == (
        "缩短检修停电时间",
        "business",
        Decimal("9.6"),
        "open",
    )


def test_a_failed_submit_keeps_the_input_and_shows_errors_next_to_the_fields(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("needs:new", args=[account.uuid]),
        _form(title="", level="personal", description="只在个人层面", importance="9"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_title_error"' in html
    assert 'id="id_importance_error"' in html
    assert "只在个人层面" in html
    assert database_fingerprint() == before


def test_a_personal_need_without_contact_is_refused_next_to_the_contact(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    before = database_fingerprint()
    response = client_for(owner).post(
        reverse("needs:new", args=[account.uuid]), _form(level="personal")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<div class="field-errors" id="id_contact_error">'
        '<p class="field-error">A personal need belongs to a person: '
        "choose the contact.</p>" in html
    )
    assert 'value="缩短检修停电时间"' in html
    assert database_fingerprint() == before


def test_it_addresses_a_need_from_the_list(
    client_for: Callable[[object], Client], owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need(domain="finance")
    response = client_for(owner).post(reverse("needs:address", args=[need.uuid]))
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.status, need.matching_item.domain) == ("addressed", "finance")


def test_it_edits_drops_and_reopens_a_need(
    client_for: Callable[[object], Client],
    owner: object,
    contact: object,
    make_need: Callable[..., Need],
) -> None:
    need = make_need(contact=contact, level="personal")
    client = client_for(owner)
    edit = client.get(reverse("needs:edit", args=[need.uuid]))
    assert f'<option value="{contact.uuid}" selected>' in edit.content.decode()
    form = _form(title="新的说法", our_fit="5", level="personal", contact=str(contact.uuid))
    form["version"] = edit.context["form"]["version"].value()
    assert client.post(reverse("needs:edit", args=[need.uuid]), form).status_code == 302
    status_url = reverse("needs:status", args=[need.uuid])
    client.post(status_url, {"action": "drop"})
    need.refresh_from_db()
    assert (need.title, need.our_fit, need.status, need.contact) == (
        "新的说法",
        5,
        "dropped",
        contact,
    )
    client.post(status_url, {"action": "reopen"})
    need.refresh_from_db()
    assert need.status == "open"


def test_it_adds_a_need_from_an_issue_of_a_meeting(
    client_for: Callable[[object], Client], owner: object, account: object, contact: object
) -> None:
    activity = logged_activity(owner, account, customer_participants=[contact])
    meeting = meeting_record_save(
        actor=owner,
        activity=activity,
        record=MeetingRecordInput(
            issues=[("担心数字化转型失败影响仕途", "it_digital", "implicit", "high")]
        ),
    )
    client = client_for(owner)
    detail = client.get(reverse("engagement:meeting_detail", args=[meeting.uuid]))
    link = reverse("needs:from_meeting", args=[meeting.uuid]) + "?issue=1"
    assert link in detail.content.decode()
    page = client.get(link)
    initial = page.context["form"].initial
    assert (initial["title"], initial["visibility"], initial["importance"]) == (
        "担心数字化转型失败影响仕途",
        "implicit",
        5,
    )
    form = _form()
    form.update(title="担心数字化转型失败影响仕途", visibility="implicit", iceberg_layer="deep")
    response = client.post(reverse("needs:from_meeting", args=[meeting.uuid]), form)
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.source_meeting, need.visibility, need.iceberg_layer) == (
        MeetingRecord.objects.get(),
        "implicit",
        "deep",
    )


def test_the_key_person_card_lists_the_persons_needs(
    client_for: Callable[[object], Client],
    owner: object,
    contact: object,
    make_need: Callable[..., Need],
) -> None:
    make_need(title="希望获得集团认可", level="personal", contact=contact, iceberg_layer="deep")
    make_need(title="组织层面的降本", contact=contact, iceberg_layer="business")
    response = client_for(owner).get(reverse("cards:card", args=[contact.uuid]))
    assert [need.title for need in response.context["card_needs"]] == ["希望获得集团认可"]
    assert "希望获得集团认可" in response.content.decode()


def test_the_needs_page_makes_as_many_queries_with_more_needs(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    make_need: Callable[..., Need],
) -> None:
    client = client_for(owner)
    url = reverse("needs:account", args=[account.uuid])
    make_need(contact=ContactFactory(account=account, name="甲"))
    few = count_queries(lambda: client.get(url))
    for index in range(8):
        need = make_need(
            title=f"需求{index}",
            iceberg_layer=["surface", "business", "deep"][index % 3],
            contact=ContactFactory(account=account, name=f"联系人{index}"),
            importance=1 + index % 5,
        )
    client.post(reverse("needs:address", args=[need.uuid]))
    many = count_queries(lambda: client.get(url))
    assert MatchingItem.objects.count() == 1
    assert few == many == 9


def test_it_never_sends_the_user_to_another_site_after_an_action(
    client_for: Callable[[object], Client], owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need()
    response = client_for(owner).post(
        reverse("needs:status", args=[need.uuid]), {"action": "drop", "next": "/\\evil.example/"}
    )
    assert response["Location"] == reverse("needs:account", args=[need.account.uuid])

"""Writes on the needs register: create, edit, drop, address through a matching item."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.engagement.models import MatchingItem, MeetingRecord
from kam.engagement.tests.meeting_factories import meeting_objects
from kam.needs.models import Need
from kam.needs.services import NeedInput, need_address, need_create, need_drop, need_update
from tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_it_records_an_open_need_with_an_audit_entry(
    owner: object, account: object, contact: object
) -> None:
    need = need_create(
        actor=owner,
        account=account,
        need=NeedInput(
            title="希望被视为数字化先锋",
            iceberg_layer="deep",
            level="personal",
            contact=contact,
            visibility="implicit",
            source="inferred",
            importance=5,
            our_fit=2,
            urgency=3,
        ),
    )
    assert (need.status, need.priority) == ("open", 12)
    entry = AuditEntry.objects.get(object_uuid=need.uuid)
    assert (entry.action, entry.changes["iceberg_layer"]) == ("create", [None, "deep"])


def test_it_refuses_a_personal_need_without_a_contact(owner: object, account: object) -> None:
    with pytest.raises(ValidationError) as refused:
        need_create(
            actor=owner,
            account=account,
            need=NeedInput(title="个人晋升", iceberg_layer="deep", level="personal"),
        )
    assert refused.value.message_dict == {
        "contact": ["A personal need belongs to a person: choose the contact."]
    }
    assert Need.objects.count() == 0


def test_it_refuses_a_contact_of_another_account(owner: object, account: object) -> None:
    stranger = ContactFactory(account=AccountFactory(name="别家"))
    with pytest.raises(ValidationError) as refused:
        need_create(
            actor=owner,
            account=account,
            need=NeedInput(title="降本", iceberg_layer="business", contact=stranger),
        )
    assert refused.value.message_dict == {"contact": ["Choose a contact of this account."]}
    assert Need.objects.count() == 0


def test_a_viewer_cannot_record_a_need(viewer: object, account: object) -> None:
    with pytest.raises(PermissionDenied):
        need_create(actor=viewer, account=account, need=NeedInput(title="降本"))
    assert Need.objects.count() == 0


def test_it_addresses_a_need_with_a_linked_matching_item(
    owner: object, account: object, contact: object, make_need: Callable[..., Need]
) -> None:
    meeting = meeting_objects(owner, account, contact)
    record = MeetingRecord.objects.get(uuid=meeting["meeting_uuid"])
    need = make_need(
        title="担心新系统影响迎峰度夏",
        description="调度中心主任多次提到去年的停电。",
        domain="it_digital",
        contact=contact,
        source_meeting=record,
    )
    item = need_address(actor=owner, need=need)
    need.refresh_from_db()
    assert (need.status, need.matching_item_id) == ("addressed", item.pk)
    assert (item.domain, item.stage, item.customer_owner, item.meeting) == (
        "it_digital",
        "identified",
        contact,
        record,
    )
    assert item.problem == "担心新系统影响迎峰度夏\n\n调度中心主任多次提到去年的停电。"


def test_it_addresses_a_need_only_once(owner: object, make_need: Callable[..., Need]) -> None:
    need = make_need()
    need_address(actor=owner, need=need, domain="finance")
    with pytest.raises(ApplicationError) as refused:
        need_address(actor=owner, need=need)
    assert refused.value.message == "Only an open need can be addressed: this one is “Addressed”."
    assert MatchingItem.objects.count() == 1


def test_a_viewer_cannot_address_a_need_and_nothing_changes(
    viewer: object, make_need: Callable[..., Need]
) -> None:
    need = make_need()
    with pytest.raises(PermissionDenied):
        need_address(actor=viewer, need=need)
    need.refresh_from_db()
    assert (need.status, need.matching_item_id, MatchingItem.objects.count()) == ("open", None, 0)


def test_a_refused_matching_item_leaves_the_need_open(
    owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need()
    with pytest.raises(ValidationError):
        need_address(actor=owner, need=need, domain="not_a_domain")
    need.refresh_from_db()
    assert (need.status, MatchingItem.objects.count()) == ("open", 0)


def test_it_edits_and_drops_a_need(owner: object, make_need: Callable[..., Need]) -> None:
    need = make_need(importance=2)
    need_update(actor=owner, need=need, data={"importance": 5, "iceberg_layer": "business"})
    need_drop(actor=owner, need=need)
    need.refresh_from_db()
    assert (need.importance, need.iceberg_layer, need.status) == (5, "business", "dropped")
    assert AuditEntry.objects.filter(object_uuid=need.uuid).count() == 3


def test_it_refuses_to_set_the_status_through_an_edit(
    owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need()
    with pytest.raises(ApplicationError) as refused:
        need_update(actor=owner, need=need, data={"status": "addressed"})
    assert refused.value.message == "Unknown need fields: status"

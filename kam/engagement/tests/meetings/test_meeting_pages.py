"""Activity, meeting-record and action-board pages: logging, the six-section form with its rows,
kept input and errors next to the field, the htmx status change, access."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.meetings import services
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.meetings.services import (
    MeetingRecordInput,
    NextMeetingInput,
    meeting_record_save,
)
from kam.engagement.models import ActionItem, Activity, MeetingRecord
from kam.engagement.tests.meeting_factories import EXECUTIVE, logged_activity, mechanism
from kam.ladder.models import LadderEvidence
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)


def test_it_logs_an_activity_for_a_planned_entry_with_rung_evidence(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    entry = calendar_entry_create(
        actor=owner,
        account=account,
        entry=CalendarEntryInput(mechanism=mechanism(EXECUTIVE), title="战略会", planned_on=DAY),
    )
    client = client_for(owner)
    url = reverse("engagement:activities", args=[account.uuid])
    page = client.get(url).content.decode()
    assert "战略会" in page and 'data-testid="rung-picker"' in page
    # when the planned entry is logged without its own title or mechanism
    response = client.post(
        url,
        {
            "calendar_entry": entry.uuid,
            "occurred_on": "2026-03-10",
            "our_participants": [teammate.uuid],
            "customer_participants": [contact.uuid],
            "outcomes": "同意试点",
            f"rungs_{contact.uuid}": ["info_sharing"],
        },
    )
    # then the activity takes them from the entry, the entry is done, the evidence is recorded
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("engagement:activity_detail", args=[activity.uuid])
    entry.refresh_from_db()
    assert (activity.title, activity.mechanism.code, entry.status) == ("战略会", EXECUTIVE, "done")
    assert list(LadderEvidence.objects.values_list("rung_code", flat=True)) == ["info_sharing"]
    detail = client.get(response.url).content.decode()
    assert "同意试点" in detail and "L3 Shares information" in detail


def test_it_keeps_what_was_typed_and_shows_errors_next_to_the_field(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    response = client_for(owner).post(
        reverse("engagement:activities", args=[account.uuid]),
        {
            "occurred_on": "2026-03-10",
            "notes": "typed notes",
            f"rungs_{contact.uuid}": ["info_sharing"],
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_mechanism_error"' in body and "Choose the mechanism" in body
    assert "Add this person to the customer participants first." in body
    assert "typed notes" in body
    assert not Activity.objects.exists()


def test_it_lists_activities_newest_first_and_filters_by_mechanism(
    client_for: object, owner: object, account: object
) -> None:
    logged_activity(owner, account, title="早的", occurred_on=date(2026, 1, 5))
    logged_activity(
        owner, account, title="晚的", occurred_on=date(2026, 2, 5), mechanism=mechanism(EXECUTIVE)
    )
    client = client_for(owner)
    url = reverse("engagement:activities", args=[account.uuid])
    body = client.get(url).content.decode()
    assert body.index("晚的") < body.index("早的")
    filtered = client.get(url + f"?mechanism={EXECUTIVE}").content.decode()
    assert "晚的" in filtered and "早的" not in filtered
    ranged = client.get(url + "?date_to=2026-01-31").content.decode()
    assert "早的" in ranged and "晚的" not in ranged


def _meeting_post(teammate: object, contact: object, **extra: str) -> dict[str, object]:
    data = {
        "listen": "客户说的话",
        "issue_1_text": "停电考核",
        "issue_1_domain": "production",
        "issue_1_need_type": "explicit",
        "issue_1_priority": "high",
        "discuss": "方案",
        "share": "案例",
        "action_1_description": "提交方案",
        "action_1_owner": f"user:{teammate.uuid}",
        "action_1_due_on": "2026-04-01",
        "action_2_description": "提供数据",
        "action_2_owner": f"contact:{contact.uuid}",
        "action_2_due_on": "2026-03-20",
        "execution_plan": "试点",
        "next_planned_on": "2026-04-20",
        "next_title": "复盘会",
    }
    data.update(extra)
    return data


def test_it_records_a_meeting_in_six_sections_in_order(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    activity = logged_activity(owner, account, customer_participants=[contact])
    client = client_for(owner)
    url = reverse("engagement:meeting_edit", args=[activity.uuid])
    form = client.get(url).content.decode()
    steps = ("倾听", "区分", "研讨", "分享", "行动计划", "执行计划")
    positions = [form.index(word) for word in steps]
    assert positions == sorted(positions)
    response = client.post(url, _meeting_post(teammate, contact))
    meeting = MeetingRecord.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("engagement:meeting_detail", args=[meeting.uuid])
    assert ActionItem.objects.count() == 2
    next_entry = meeting.next_entry
    assert (next_entry.title, next_entry.planned_on) == ("复盘会", date(2026, 4, 20))
    page = client.get(response.url).content.decode()
    assert "停电考核" in page and "提交方案" in page and "复盘会" in page
    assert "data-print>" in page  # the print button (kam/static/js/actions.js)


def test_it_shows_a_half_filled_row_error_next_to_it_and_keeps_the_input(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    activity = logged_activity(owner, account)
    response = client_for(owner).post(
        reverse("engagement:meeting_edit", args=[activity.uuid]),
        _meeting_post(teammate, contact, issue_2_text="只写了问题", action_3_due_on="2026-05-01"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_issue_2_domain_error"' in body and "Choose the domain of this issue." in body
    assert 'id="id_action_3_description_error"' in body
    assert 'id="id_action_3_owner_error"' in body
    assert "只写了问题" in body and "客户说的话" in body
    assert not MeetingRecord.objects.exists() and not ActionItem.objects.exists()
    # each row's controls are named after their row, the invalid one linked to its error
    assert 'aria-label="Issue 2: Domain"' in body
    assert 'aria-describedby="id_issue_2_domain_error"' in body
    assert 'aria-label="Action 3: Owner"' in body


def test_it_puts_a_next_meeting_error_of_the_service_on_the_next_meeting_date(
    client_for: object,
    owner: object,
    teammate: object,
    account: object,
    contact: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    activity = logged_activity(owner, account)

    def refuse(**_kwargs: object) -> None:
        raise ValidationError({"next_meeting": "这天已有安排。"})

    monkeypatch.setattr(services, "meeting_record_save", refuse)
    response = client_for(owner).post(
        reverse("engagement:meeting_edit", args=[activity.uuid]), _meeting_post(teammate, contact)
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors == {"next_planned_on": ["这天已有安排。"]}
    assert 'aria-describedby="id_next_planned_on_error"' in body
    assert body.count("这天已有安排。") == 1


def test_it_shows_the_board_by_status_with_overdue_highlighted_and_changes_status_inline(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    today = timezone.localdate()
    late = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="逾期的",
            owner_side="customer",
            owner_contact=contact,
            due_on=today - timedelta(days=3),
        ),
    )
    action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="未到期",
            owner_side="ours",
            owner_user=owner,
            due_on=today + timedelta(days=3),
            status="in_progress",
        ),
    )
    client = client_for(owner)
    board = client.get(reverse("engagement:action_board", args=[account.uuid])).content.decode()
    assert board.count('data-overdue="1"') == 1 and "1 overdue action" in board
    assert board.index('data-column="open"') < board.index("逾期的")
    assert board.index('data-column="in_progress"') < board.index("未到期")
    # when the late action is marked done with htmx
    response = client.post(
        reverse("engagement:action_item_status", args=[late.uuid]),
        {"status": "done"},
        headers={"HX-Request": "true"},
    )
    late.refresh_from_db()
    assert response.status_code == 200
    assert 'data-status="done"' in response.content.decode()
    assert (late.status, late.closed_on) == ("done", today)
    bad = client.post(
        reverse("engagement:action_item_status", args=[late.uuid]),
        {"status": "lost"},
        headers={"HX-Request": "true"},
    )
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    mine = client.get(reverse("engagement:my_actions")).content.decode()
    assert "未到期" in mine and "逾期的" not in mine


def test_it_answers_404_to_an_outsider_and_403_to_a_viewer_and_changes_nothing(
    client_for: object, owner: object, outsider: object, viewer: object, account: object,
    contact: object,
) -> None:  # fmt: skip
    activity = logged_activity(owner, account, customer_participants=[contact])
    item = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(description="x", owner_side="ours", owner_user=owner, due_on=DAY),
    )
    before = database_fingerprint()
    stranger, reader = client_for(outsider), client_for(viewer)
    for url in (
        reverse("engagement:activities", args=[account.uuid]),
        reverse("engagement:activity_detail", args=[activity.uuid]),
        reverse("engagement:meeting_edit", args=[activity.uuid]),
        reverse("engagement:action_board", args=[account.uuid]),
    ):
        assert stranger.get(url).status_code == 404, url
    status_url = reverse("engagement:action_item_status", args=[item.uuid])
    assert stranger.post(status_url, {"status": "done"}).status_code == 404
    assert reader.post(status_url, {"status": "done"}).status_code == 403
    assert reader.get(reverse("engagement:meeting_edit", args=[activity.uuid])).status_code == 403
    page = reader.get(reverse("engagement:activities", args=[account.uuid]))
    assert page.status_code == 200 and 'data-testid="log-activity"' not in page.content.decode()
    assert "未到期" not in stranger.get(reverse("engagement:my_actions")).content.decode()
    assert database_fingerprint() == before


def test_it_refuses_a_contact_of_another_account_as_owner(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    activity = logged_activity(owner, account)
    other = ContactFactory(name="别家")
    response = client_for(owner).post(
        reverse("engagement:meeting_edit", args=[activity.uuid]),
        _meeting_post(teammate, contact, action_1_owner=f"contact:{other.uuid}"),
    )
    assert response.status_code == 400
    assert 'id="id_action_1_owner_error"' in response.content.decode()
    assert not MeetingRecord.objects.exists()


def test_it_prefills_a_second_edit_keeps_every_issue_and_adds_no_duplicate_actions(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    # given a record saved through the service with six issues, an action and a next meeting
    activity = logged_activity(owner, account, customer_participants=[contact])
    meeting_record_save(
        actor=owner,
        activity=activity,
        record=MeetingRecordInput(
            issues=[(f"问题{n}", "strategy", "explicit", "low") for n in range(1, 7)],
            actions=[
                ActionItemInput(description="已有", owner_side="ours", owner_user=owner, due_on=DAY)
            ],
            next_meeting=NextMeetingInput(planned_on=date(2026, 4, 1), title="下次"),
        ),
    )
    client = client_for(owner)
    url = reverse("engagement:meeting_edit", args=[activity.uuid])
    form = client.get(url).content.decode()
    assert 'value="问题6"' in form and 'name="issue_7_text"' in form
    assert "Next meeting scheduled:" in form and 'name="next_planned_on"' not in form
    # when the form is posted back unchanged except the listening notes
    data = {"listen": "补充"}
    for n in range(1, 7):
        data.update({f"issue_{n}_text": f"问题{n}", f"issue_{n}_domain": "strategy",
                     f"issue_{n}_need_type": "explicit", f"issue_{n}_priority": "low"})  # fmt: skip
    response = client.post(url, data)
    # then the six issues stay, the action is not duplicated, no second next meeting appears
    meeting = MeetingRecord.objects.get()
    assert response.status_code == 302
    assert (meeting.listen, meeting.issues.count(), ActionItem.objects.count()) == ("补充", 6, 1)
    assert meeting.next_entry.title == "下次"


def test_it_changes_the_status_without_htmx_and_redirects_to_the_board(
    client_for: object, owner: object, account: object
) -> None:
    item = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(description="x", owner_side="ours", owner_user=owner, due_on=DAY),
    )
    client = client_for(owner)
    url = reverse("engagement:action_item_status", args=[item.uuid])
    response = client.post(url, {"status": "in_progress"})
    assert response.status_code == 302
    assert response.url == reverse("engagement:action_board", args=[account.uuid])
    assert client.get(url).status_code == 405
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_it_adds_an_action_from_the_board_and_keeps_the_input_on_an_error(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    url = reverse("engagement:action_board", args=[account.uuid])
    client = client_for(owner)
    # a customer-side action without its customer owner is refused next to the field
    refused = client.post(
        url, {"description": "提供停电数据", "owner_side": "customer", "due_on": "2026-12-01"}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["owner_contact"] == [
        "Choose who at the customer owns this action."
    ]
    assert "提供停电数据" in refused.content.decode()
    assert ActionItem.objects.count() == 0
    # with the owner it is added and shows on the board
    added = client.post(
        url,
        {
            "description": "提供停电数据",
            "owner_side": "customer",
            "owner_contact": contact.pk,
            "due_on": "2026-12-01",
        },
    )
    assert added.status_code == 302
    item = ActionItem.objects.get()
    assert (item.owner_contact, item.due_on.isoformat(), item.status) == (
        contact,
        "2026-12-01",
        "open",
    )
    assert "提供停电数据" in client.get(url).content.decode()


def test_it_refuses_an_action_from_a_viewer(
    client_for: object, viewer: object, account: object, owner: object
) -> None:
    response = client_for(viewer).post(
        reverse("engagement:action_board", args=[account.uuid]),
        {"description": "x", "owner_side": "ours", "owner_user": owner.pk, "due_on": "2026-12-01"},
    )
    assert response.status_code == 403
    assert ActionItem.objects.count() == 0


def test_it_corrects_a_logged_activity_and_records_the_change(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    from kam.audit.models import AuditEntry

    activity = logged_activity(owner, account)
    url = reverse("engagement:activity_edit", args=[activity.uuid])
    client = client_for(owner)
    assert client.get(url).status_code == 200
    data = {
        "mechanism": activity.mechanism.pk,
        "title": "技术交流（更正）",
        "occurred_on": activity.occurred_on.isoformat(),
        "customer_participants": [contact.pk],
        "outcomes": "确认试点范围",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.outcomes) == ("技术交流（更正）", "确认试点范围")
    assert list(activity.customer_participants.all()) == [contact]
    entry = AuditEntry.objects.filter(object_uuid=activity.uuid, action="update").get()
    assert entry.changes["title"][1] == "技术交流（更正）"


def test_it_refuses_a_future_date_when_correcting_an_activity(
    client_for: object, owner: object, account: object
) -> None:
    activity = logged_activity(owner, account)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client_for(owner).post(
        reverse("engagement:activity_edit", args=[activity.uuid]),
        {"mechanism": activity.mechanism.pk, "title": "x", "occurred_on": future},
    )
    assert response.status_code == 400
    assert "occurred_on" in response.context["form"].errors
    activity.refresh_from_db()
    assert activity.title != "x"

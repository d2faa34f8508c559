"""The history tab: paginated, filterable by record type and user, values shown as text."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kam.accounts.models import Account
from kam.audit.models import AuditEntry
from kam.engagement.models import ActionItem, CalendarEntry
from kam.people.models import Contact
from tests.factories import UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _entry(account: Account, model: type, actor: object, changes: dict) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action="update",
        content_type=ContentType.objects.get_for_model(model),
        object_uuid=account.uuid,
        object_repr=f"{model.__name__} record",
        account_uuid=account.uuid,
        changes=changes,
    )


def _history(client: object, account: Account, **params: str) -> object:
    return client.get(reverse("accounts:history", args=[account.uuid]), params)


def test_it_shows_lists_and_choices_as_text(
    client_for: object, owner: object, account: Account
) -> None:
    _entry(account, CalendarEntry, owner, {"our_participants": [None, ["李明", "王芳"]]})
    _entry(account, Account, owner, {"status": ["active", "dormant"]})
    client = client_for(owner)
    english = _history(client, account).content.decode()
    assert "<del>—</del> → <ins>李明, 王芳</ins>" in english
    assert "<del>Active</del> → <ins>Dormant</ins>" in english
    assert "[&#x27;" not in english and "['" not in english
    chinese = client.get(
        reverse("accounts:history", args=[account.uuid]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "<ins>李明、王芳</ins>" in chinese


def test_it_pages_the_history(client_for: object, owner: object, account: Account) -> None:
    for index in range(51):
        _entry(account, Account, owner, {"description": [str(index), str(index + 1)]})
    client = client_for(owner)
    first = _history(client, account)
    assert len(first.context["audit_rows"]) == 50
    assert first.context["page"].has_next is True
    assert 'rel="next"' in first.content.decode()
    second = _history(client, account, page="2")
    assert [row.field_changes[0].after for row in second.context["audit_rows"]] == ["1"]
    assert second.context["page"].has_next is False
    assert 'rel="prev"' in second.content.decode()


def test_it_filters_by_record_type_and_user(
    client_for: object, owner: object, account: Account
) -> None:
    colleague = UserFactory(username="colleague", display_name="王同事")
    _entry(account, Account, owner, {"status": ["active", "dormant"]})
    _entry(account, Contact, owner, {"title": ["经理", "总监"]})
    _entry(account, Contact, colleague, {"title": ["总监", "副总"]})
    client = client_for(owner)
    page = _history(client, account)
    form = page.context["form"]
    assert [label for _key, label in form.fields["record_type"].choices] == [
        "All record types", "account", "contact",
    ]  # fmt: skip
    assert [label for _key, label in form.fields["user"].choices][1:] == ["王同事", str(owner)]
    contacts = _history(client, account, record_type="people.contact")
    assert [row.entry.actor for row in contacts.context["audit_rows"]] == [colleague, owner]
    mine = _history(client, account, record_type="people.contact", user=str(colleague.uuid))
    assert [row.field_changes[0].after for row in mine.context["audit_rows"]] == ["副总"]
    unknown = _history(client, account, record_type="nope.nothing", user="garbage")
    assert len(unknown.context["audit_rows"]) == 3


def test_it_answers_htmx_with_the_table_only(
    client_for: object, owner: object, account: Account
) -> None:
    _entry(account, Account, owner, {"status": ["active", "dormant"]})
    response = client_for(owner).get(
        reverse("accounts:history", args=[account.uuid]),
        {"record_type": "accounts.account"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<del>Active</del>" in html and "<html" not in html and "<form" not in html


def test_it_keeps_the_history_query_count_constant(
    client_for: object, owner: object, account: Account
) -> None:
    colleague = UserFactory()
    _entry(account, Account, owner, {"status": ["active", "dormant"]})
    _entry(account, Contact, colleague, {"title": ["经理", "总监"]})
    client = client_for(owner)
    url = reverse("accounts:history", args=[account.uuid])
    few = count_queries(lambda: client.get(url))
    filtered_few = count_queries(lambda: client.get(url, {"record_type": "people.contact"}))
    for index in range(120):
        actor = UserFactory() if index % 10 == 0 else owner
        _entry(account, Contact if index % 2 else Account, actor, {"title": ["a", str(index)]})
    assert count_queries(lambda: client.get(url)) == few
    assert count_queries(lambda: client.get(url, {"record_type": "people.contact"})) == (
        filtered_few
    )


def test_it_names_an_entry_title_and_an_action_in_chinese(
    client_for: object, owner: object, account: Account
) -> None:
    _entry(account, CalendarEntry, owner, {"title": ["季度规划会", "年度规划会"]})
    _entry(account, ActionItem, owner, {"description": ["提交方案", "提交试点方案"]})
    _entry(account, Contact, owner, {"title": ["经理", "总监"]})

    chinese = client_for(owner).get(
        reverse("accounts:history", args=[account.uuid]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    labels = [
        (row.type_label, change.label)
        for row in chinese.context["audit_rows"]
        for change in row.field_changes
    ]
    assert labels == [("联系人", "职务"), ("行动项", "行动项"), ("日历事项", "标题")]
    assert "<strong>标题</strong>：<del>季度规划会</del>" in chinese.content.decode()


def _api_history(client: object, account: Account, **params: str) -> object:
    return client.get(f"/api/v1/accounts/{account.uuid}/history", params)


def test_it_pages_the_api_history(client_for: object, owner: object, account: Account) -> None:
    for index in range(30):
        _entry(account, Account, owner, {"description": [str(index), str(index + 1)]})
    client = client_for(owner)

    first = _api_history(client, account).json()
    last = _api_history(client, account, page="2", page_size="20").json()

    assert (first["count"], first["page"], first["page_size"]) == (30, 1, 25)
    assert len(first["items"]) == 25
    assert first["items"][0]["changes"] == [{"label": "description", "before": "29", "after": "30"}]
    assert (last["count"], len(last["items"])) == (30, 10)
    assert last["items"][-1]["changes"][0]["after"] == "1"


def test_it_filters_the_api_history_by_record_type_and_user(
    client_for: object, owner: object, account: Account
) -> None:
    colleague = UserFactory(username="colleague", display_name="王同事")
    _entry(account, Account, owner, {"status": ["active", "dormant"]})
    _entry(account, Contact, owner, {"title": ["经理", "总监"]})
    _entry(account, Contact, colleague, {"title": ["总监", "副总"]})
    client = client_for(owner)

    contacts = _api_history(client, account, record_type="people.contact").json()
    theirs = _api_history(
        client, account, record_type="people.contact", user=str(colleague.uuid)
    ).json()

    assert contacts["count"] == 2
    assert [item["by"] for item in contacts["items"]] == ["王同事", str(owner)]
    assert theirs["count"] == 1
    assert theirs["items"][0]["changes"] == [{"label": "title", "before": "总监", "after": "副总"}]


def test_it_answers_422_to_an_unknown_api_history_filter(
    client_for: object, owner: object, account: Account
) -> None:
    client = client_for(owner)

    unknown_type = _api_history(client, account, record_type="nope.nothing")
    unknown_user = _api_history(client, account, user=str(uuid.uuid4()))
    bad_user = _api_history(client, account, user="garbage")

    assert unknown_type.status_code == 422
    assert unknown_type.json()["error"] == {
        "code": "invalid_record_type", "message": "No record type with this name.", "fields": {}
    }  # fmt: skip
    assert unknown_user.status_code == 422
    assert unknown_user.json()["error"]["code"] == "invalid_user"
    assert unknown_user.json()["error"]["message"] == "No user with this id."
    assert bad_user.status_code == 422


def test_it_keeps_the_api_history_query_count_constant(
    client_for: object, owner: object, account: Account
) -> None:
    _entry(account, Account, owner, {"status": ["active", "dormant"]})
    _entry(account, CalendarEntry, owner, {"our_participants": [None, ["李明"]]})
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/history"
    few = count_queries(lambda: client.get(url))
    filtered_few = count_queries(lambda: client.get(url, {"record_type": "people.contact"}))
    for index in range(60):
        actor = UserFactory() if index % 10 == 0 else owner
        model = [Account, Contact, CalendarEntry][index % 3]
        _entry(account, model, actor, {"title": ["a", str(index)]})

    assert count_queries(lambda: client.get(url)) == few
    assert count_queries(lambda: client.get(url, {"record_type": "people.contact"})) == (
        filtered_few
    )

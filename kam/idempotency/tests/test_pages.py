"""A create form submitted twice creates once; the second submit shows the first's object."""

import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.accounts.models import Account
from kam.idempotency.models import IdempotencyRecord
from kam.idempotency.pages import FIELD_NAME
from kam.idempotency.services import idempotency_purge
from kam.people.models import Contact

pytestmark = pytest.mark.django_db

CONTACT = {"name": "刘洋", "title": "采购总监", "seniority": "middle", "function": "procurement"}


def test_it_creates_one_contact_from_a_double_submitted_form(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    url = reverse("people:contact_create", args=[account.uuid])  # type: ignore[attr-defined]
    form = client.get(url)
    token = re.search(rf'name="{FIELD_NAME}" value="([0-9a-f]{{32}})"', form.content.decode())
    assert token is not None
    data = {**CONTACT, FIELD_NAME: token.group(1)}
    first = client.post(url, data)
    second = client.post(url, data)
    contact = Contact.objects.get(account=account)
    assert Contact.objects.filter(account=account).count() == 1
    detail = reverse("people:contact_detail", args=[contact.uuid])
    assert (first.status_code, first["Location"]) == (302, detail)
    assert (second.status_code, second["Location"]) == (302, detail)
    shown = [str(message) for message in client.get(detail).context["messages"]]
    assert shown == ["Contact created.", "This form had already been sent: here is what it saved."]


def test_it_lets_a_form_with_errors_be_fixed_and_sent_again_with_its_token(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    url = reverse("people:contact_create", args=[account.uuid])  # type: ignore[attr-defined]
    token = uuid.uuid4().hex
    refused = client.post(url, {**CONTACT, "name": "", FIELD_NAME: token})
    assert refused.status_code == 400
    assert f'name="{FIELD_NAME}" value="{token}"' in refused.content.decode()
    assert IdempotencyRecord.objects.count() == 0
    created = client.post(url, {**CONTACT, FIELD_NAME: token})
    assert created.status_code == 302
    assert Contact.objects.filter(account=account).count() == 1


def test_it_creates_as_before_without_a_token(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    url = reverse("people:contact_create", args=[account.uuid])  # type: ignore[attr-defined]
    client.post(url, CONTACT)
    client.post(url, {**CONTACT, FIELD_NAME: "not-a-token"})
    assert Contact.objects.filter(account=account).count() == 2
    assert IdempotencyRecord.objects.count() == 0


def test_it_keeps_nothing_when_an_outsider_sends_a_token(
    client_for: object, outsider: object, account: object
) -> None:
    url = reverse("people:contact_create", args=[account.uuid])  # type: ignore[attr-defined]
    response = client_for(outsider).post(url, {**CONTACT, FIELD_NAME: uuid.uuid4().hex})  # type: ignore[operator]
    assert response.status_code == 404
    assert IdempotencyRecord.objects.count() == 0
    assert Contact.objects.filter(account=account).count() == 0


def test_it_creates_one_account_from_a_double_submitted_form(
    client_for: object, owner: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    url = reverse("accounts:create")
    assert f'name="{FIELD_NAME}"' in client.get(url).content.decode()
    before = Account.objects.count()
    data = {
        "name": "南方电网",
        "alternate_name": "China Southern Power Grid",
        "industry": "transport",
        "region": "south_china",
        "status": "active",
        "currency": "CNY",
        "current_revenue": "52000000",
        "owner": owner.pk,  # type: ignore[attr-defined]
        FIELD_NAME: uuid.uuid4().hex,
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert Account.objects.count() == before + 1
    assert first.status_code == 302
    assert second["Location"] == first["Location"]


def test_the_purge_forgets_tokens_older_than_the_time_to_live(
    owner: object, settings: object
) -> None:
    settings.KAM_IDEMPOTENCY_TTL_HOURS = 24  # type: ignore[attr-defined]
    old = IdempotencyRecord.objects.create(user=owner, kind="page", key="old", location="/a/")
    fresh = IdempotencyRecord.objects.create(user=owner, kind="page", key="new", location="/b/")
    IdempotencyRecord.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    assert idempotency_purge() == 1
    assert list(IdempotencyRecord.objects.values_list("pk", flat=True)) == [fresh.pk]

"""Card pages: the one-page card, edit with stale refusal, questionnaire, plan, access."""

import pytest
from django.urls import reverse

from kam.audit.models import AuditEntry
from kam.cards.models import CardAction, KeyPersonCard
from kam.cards.services import card_action_create
from kam.cards.tests.factories import STYLE_ANSWERS, card_with_fields, card_with_style
from kam.people.services import ContactEdgeInput, contact_edge_create, contact_map_update
from kam.users.services import user_set_social_style
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

SECRET = "周末打高尔夫-SECRET"


@pytest.fixture
def private_card(owner: object, contact: object) -> KeyPersonCard:
    return card_with_fields(
        owner,
        contact,
        job_kpis="供电可靠率",
        interests_hobbies=SECRET,
        personal_data_basis="本人同意",
    )


def test_it_shows_the_card_with_personal_fields_to_the_owner_and_audits_the_view(
    client_for: object, owner: object, contact: object, private_card: KeyPersonCard
) -> None:
    # when the account manager opens the card
    response = client_for(owner).get(reverse("cards:card", args=[contact.uuid]))
    # then the personal values are shown and the view is recorded, with the fields shown
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    entry = AuditEntry.objects.get(action="view", object_uuid=private_card.uuid)
    assert (entry.actor, entry.account_uuid) == (owner, contact.account.uuid)
    assert sorted(entry.changes) == ["interests_hobbies", "personal_data_basis"]


def test_it_hides_personal_fields_from_a_teammate_who_is_not_the_owner(
    client_for: object, teammate: object, contact: object, private_card: KeyPersonCard
) -> None:
    client = client_for(teammate)
    page = client.get(reverse("cards:card", args=[contact.uuid])).content.decode()
    edit = client.get(reverse("cards:edit", args=[contact.uuid])).content.decode()
    assert SECRET not in page and SECRET not in edit
    assert "Restricted" in page and "Restricted" in edit
    assert 'name="interests_hobbies"' not in edit
    assert not AuditEntry.objects.filter(action="view").exists()


def test_it_ignores_personal_fields_a_teammate_posts_in_the_form(
    client_for: object, teammate: object, contact: object, private_card: KeyPersonCard
) -> None:
    response = client_for(teammate).post(
        reverse("cards:edit", args=[contact.uuid]),
        {"version": 1, "job_kpis": "新 KPI", "interests_hobbies": "hacked"},
    )
    assert response.status_code == 302
    card = KeyPersonCard.objects.get(contact=contact)
    assert (card.job_kpis, card.interests_hobbies, card.version) == ("新 KPI", SECRET, 2)


def test_it_refuses_a_stale_form_and_keeps_what_the_user_typed(
    client_for: object, owner: object, teammate: object, contact: object
) -> None:
    # given the card at version 2 while the owner's form still says version 1
    card_with_fields(owner, contact, job_kpis="v1")
    card_with_fields(teammate, contact, job_kpis="v2")
    response = client_for(owner).post(
        reverse("cards:edit", args=[contact.uuid]), {"version": 1, "job_kpis": "my text"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this card" in body and "my text" in body
    assert KeyPersonCard.objects.get(contact=contact).job_kpis == "v2"


def test_it_shows_errors_next_to_the_field(
    client_for: object, owner: object, contact: object
) -> None:
    response = client_for(owner).post(
        reverse("cards:edit", args=[contact.uuid]),
        {"version": 0, "primary_need": "safety", "secondary_need": "safety", "job_kpis": "typed"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_secondary_need_error"' in body
    assert "must differ from the primary need" in body and "typed" in body
    assert not KeyPersonCard.objects.exists()


def test_it_refuses_a_damaged_version(client_for: object, owner: object, contact: object) -> None:
    response = client_for(owner).post(
        reverse("cards:edit", args=[contact.uuid]), {"version": "abc", "job_kpis": "x"}
    )
    assert response.status_code == 400
    assert not KeyPersonCard.objects.exists()


def test_it_saves_the_card_and_the_decision_focus(
    client_for: object, owner: object, contact: object
) -> None:
    response = client_for(owner).post(
        reverse("cards:edit", args=[contact.uuid]),
        {"version": 0, "job_kpis": "KPI", "primary_need": "esteem", "decision_focus": "financial",
         "interests_hobbies": "围棋", "personal_data_basis": "本人同意"},
    )  # fmt: skip
    assert response.status_code == 302
    card = KeyPersonCard.objects.get(contact=contact)
    contact.refresh_from_db()
    assert (card.primary_need, card.interests_hobbies, contact.decision_focus) == (
        "esteem", "围棋", "financial",
    )  # fmt: skip


def test_it_records_the_style_from_the_questionnaire_page(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    assert client.get(reverse("cards:style", args=[contact.uuid])).status_code == 200
    response = client.post(reverse("cards:style", args=[contact.uuid]), STYLE_ANSWERS["driver"])
    assert response.status_code == 302
    card = KeyPersonCard.objects.get(contact=contact)
    assert (card.social_style, str(card.assertiveness), str(card.style_confidence)) == (
        "driver", "3.5", "0.67",
    )  # fmt: skip
    page = client.get(reverse("cards:card", args=[contact.uuid])).content.decode()
    assert "Be brief, focus on results, offer options to choose from." in page


def test_it_refuses_a_questionnaire_with_one_axis_or_off_scale(
    client_for: object, owner: object, contact: object
) -> None:
    client = client_for(owner)
    url = reverse("cards:style", args=[contact.uuid])
    one_axis = client.post(url, {"speaks_firmly": "4", "takes_lead": "3"})
    off_scale = client.post(url, {"speaks_firmly": "9", "shows_feelings": "1"})
    assert (one_axis.status_code, off_scale.status_code) == (400, 400)
    assert "Answer at least one question on each axis" in one_axis.content.decode()
    assert 'id="id_speaks_firmly_error"' in off_scale.content.decode()
    assert not KeyPersonCard.objects.exists()


def test_it_warns_about_a_diagonal_style_on_the_card(
    client_for: object, owner: object, contact: object
) -> None:
    contact_map_update(actor=owner, contact=contact, data={"relationship_owner": owner})
    user_set_social_style(user=owner, social_style="amiable")
    card_with_style(owner, contact, "driver")
    page = client_for(owner).get(reverse("cards:card", args=[contact.uuid])).content.decode()
    assert 'data-testid="style-clash"' in page
    card_with_style(owner, contact, "analytical")
    page = client_for(owner).get(reverse("cards:card", args=[contact.uuid])).content.decode()
    assert 'data-testid="style-clash"' not in page


def test_it_shows_completeness_acquaintances_and_the_print_button(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    friend = ContactFactory(account=account, name="王<b>芳</b>")
    contact_edge_create(
        actor=owner, source=friend, data=ContactEdgeInput(target=contact, edge_type="personal_tie")
    )
    card_with_fields(owner, contact, job_kpis="KPI")
    page = client_for(owner).get(reverse("cards:card", args=[contact.uuid])).content.decode()
    assert "10 % complete" in page and "not yet usable" in page
    assert "王&lt;b&gt;芳&lt;/b&gt;" in page
    # The print button (kam/static/js/actions.js) and the one-page print layout (cards.css).
    assert 'data-print data-testid="print-card"' in page and "css/cards.css" in page
    assert "never means personal benefit" in page


def test_it_adds_completes_and_cancels_actions(
    client_for: object, owner: object, teammate: object, contact: object
) -> None:
    client = client_for(owner)
    url = reverse("cards:action_new", args=[contact.uuid])
    bad = client.post(url, {"description": "", "owner": teammate.pk})
    assert bad.status_code == 400 and not CardAction.objects.exists()
    response = client.post(url, {"description": "技术交流会", "owner": teammate.pk,
                                 "due_on": "2026-12-15"})  # fmt: skip
    assert response.status_code == 302
    action = CardAction.objects.get()
    done = client.post(
        reverse("cards:action_update", args=[contact.uuid, action.uuid]), {"status": "done"}
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.done_on is not None
    page = client.get(reverse("cards:card", args=[contact.uuid])).content.decode()
    assert "技术交流会" in page


def test_it_answers_404_to_an_outsider_and_403_to_a_viewer_and_changes_nothing(
    client_for: object, owner: object, outsider: object, viewer: object, contact: object
) -> None:
    action = card_action_create(actor=owner, contact=contact, description="拜访", owner=owner)
    urls = [
        reverse("cards:card", args=[contact.uuid]),
        reverse("cards:edit", args=[contact.uuid]),
        reverse("cards:style", args=[contact.uuid]),
        reverse("cards:action_new", args=[contact.uuid]),
        reverse("cards:account_styles", args=[contact.account.uuid]),
    ]
    before = database_fingerprint()
    for url in urls:
        assert client_for(outsider).get(url).status_code == 404, url
    update = reverse("cards:action_update", args=[contact.uuid, action.uuid])
    assert client_for(outsider).post(update, {"status": "done"}).status_code == 404
    viewer_client = client_for(viewer)
    assert viewer_client.get(urls[0]).status_code == 200
    for url in [*urls[1:4], update]:
        assert viewer_client.post(url, {"status": "done", "version": 1}).status_code == 403, url
    assert database_fingerprint() == before


def test_it_answers_404_for_an_action_of_another_contact(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    other = ContactFactory(account=account)
    action = card_action_create(actor=owner, contact=other, description="拜访", owner=owner)
    url = reverse("cards:action_update", args=[contact.uuid, action.uuid])
    assert client_for(owner).post(url, {"status": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.status == "open"


def test_it_shows_the_account_two_by_two_with_escaped_names_and_an_empty_state(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    url = reverse("cards:account_styles", args=[account.uuid])
    assert 'data-testid="styles-empty"' in client.get(url).content.decode()
    contact_map_update(actor=owner, contact=contact, data={"influence": 9, "support": 1})
    evil = ContactFactory(account=account, name="<img src=x onerror=alert(1)>")
    contact_map_update(actor=owner, contact=evil, data={"influence": 8})
    card_with_style(owner, contact, "expressive")
    page = client.get(url).content.decode()
    assert 'data-testid="styles-chart"' in page
    assert "<img src=x" not in page
    assert "formatter" not in page

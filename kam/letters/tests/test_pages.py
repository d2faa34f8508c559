"""Letter pages: generate, sign in order (buttons for the right person only), the live score,
the printable form and its Word export, the rules settings, access (outsider 404, viewer 403,
nothing changed) and constant query counts."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kam.letters.models import EvaluationRuleSet, ResponsibilityLetter
from kam.letters.services import letter_generate, letter_sign
from kam.letters.tests.conftest import add_objective
from kam.plans.models import AccountPlan
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
ClientFor = Callable[[object], Client]


def _list_url(plan: AccountPlan) -> str:
    return reverse("letters:plan", args=[plan.account.uuid, plan.uuid])


def _url(letter: ResponsibilityLetter, name: str = "letters:letter") -> str:
    return reverse(name, args=[letter.plan.account.uuid, letter.uuid])


def test_it_generates_a_letter_and_names_what_blocks_the_signature(
    client_for: ClientFor, owner: object, teammate: object, plan: AccountPlan
) -> None:
    client = client_for(owner)
    assert 'data-testid="letters-empty"' in client.get(_list_url(plan)).content.decode()
    refused = client.post(_list_url(plan), {"owner": teammate.pk})
    assert refused.status_code == 400 and not ResponsibilityLetter.objects.exists()
    response = client.post(_list_url(plan), {"owner": owner.pk})
    letter = ResponsibilityLetter.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(letter)
    page = client.get(_url(letter)).content.decode()
    assert "Gross margin: lacks a data source" in page
    assert page.count('data-testid="letter-objective"') == 2
    assert 'data-testid="letter-sign"' in page and "Sign as the owner" in page
    client.post(_url(letter, "letters:sign"))
    letter.refresh_from_db()
    assert letter.status == "draft"


def _measurable(owner: object, plan: AccountPlan) -> ResponsibilityLetter:
    plan.objectives.filter(metric_code="gross_margin").update(data_source="财务月报")
    return letter_generate(plan=plan, owner=owner, actor=owner)


def test_it_shows_the_sign_button_to_the_right_person_only(
    client_for: ClientFor, owner: object, director: object, viewer: object, plan: AccountPlan
) -> None:
    letter = _measurable(owner, plan)
    sign = 'data-testid="letter-sign"'
    assert sign not in client_for(director).get(_url(letter)).content.decode()
    assert sign not in client_for(viewer).get(_url(letter)).content.decode()
    assert client_for(owner).post(_url(letter, "letters:sign")).status_code == 302
    assert sign not in client_for(owner).get(_url(letter)).content.decode()
    assert "Sign as the approver" in client_for(director).get(_url(letter)).content.decode()
    client_for(director).post(_url(letter, "letters:sign"))
    letter.refresh_from_db()
    assert (letter.status, letter.approver) == ("signed", director)
    page = client_for(director).get(_url(letter)).content.decode()
    assert 'data-testid="letter-close"' in page and sign not in page


def test_it_refuses_a_viewer_and_hides_everything_from_an_outsider(
    client_for: ClientFor, owner: object, viewer: object, outsider: object, plan: AccountPlan
) -> None:
    letter = _measurable(owner, plan)
    before = database_fingerprint()
    viewer_client, outsider_client = client_for(viewer), client_for(outsider)
    assert viewer_client.post(_url(letter, "letters:sign")).status_code == 403
    assert (
        viewer_client.post(_url(letter, "letters:close"), {"on": "2026-12-31"}).status_code == 403
    )
    assert viewer_client.post(_list_url(plan), {"owner": owner.pk}).status_code == 403
    docx = reverse("documents:letter_docx", args=[plan.account.uuid, letter.uuid])
    for url in (_url(letter), _url(letter, "letters:print"), _list_url(plan), docx):
        assert outsider_client.get(url).status_code == 404, url
    assert outsider_client.post(_url(letter, "letters:sign")).status_code == 404
    assert outsider_client.post(_list_url(plan), {"owner": owner.pk}).status_code == 404
    assert database_fingerprint() == before


def test_it_prints_the_letter_with_signature_blocks_and_exports_it_to_word(
    client_for: ClientFor, owner: object, plan: AccountPlan
) -> None:
    letter = _measurable(owner, plan)
    page = client_for(owner).get(_url(letter, "letters:print")).content.decode()
    assert 'data-testid="letter-signature-owner"' in page
    assert 'data-testid="letter-signature-approver"' in page
    assert reverse("documents:letter_pdf", args=[plan.account.uuid, letter.uuid]) in page
    export = client_for(owner).get(
        reverse("documents:letter_docx", args=[plan.account.uuid, letter.uuid])
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_it_adds_a_version_of_the_rules_for_a_director_only(
    client_for: ClientFor, owner: object, director: object
) -> None:
    url = reverse("letters:rules")
    data = {"process_share": "0.5", "cap": "1.3", "excellent_from": "95", "good_from": "80",
            "pass_from": "60"}  # fmt: skip
    assert client_for(owner).get(url).status_code == 200
    assert client_for(owner).post(url, data).status_code == 403
    assert not EvaluationRuleSet.objects.exists()
    refused = client_for(director).post(url, {**data, "good_from": "99"})
    assert refused.status_code == 400
    assert "The bands must fall" in refused.content.decode()
    assert client_for(director).post(url, data).status_code == 302
    saved = EvaluationRuleSet.objects.get()
    assert (saved.number, saved.process_share, saved.cap) == (1, Decimal("0.5"), Decimal("1.3"))
    page = client_for(owner).get(url).content.decode()
    assert "Letter score = 50 % process score + 50 % result score" in page


def _grow(owner: object, plan: AccountPlan, count: int) -> None:
    for _index in range(count):
        add_objective(owner, plan, weight=Decimal("1"), data_source="财务月报")


def test_it_reads_the_letter_page_in_constant_queries(
    client_for: ClientFor, owner: object, plan: AccountPlan
) -> None:
    client = client_for(owner)
    letter = _measurable(owner, plan)
    url = _url(letter)
    few = count_queries(lambda: client.get(url))
    _grow(owner, plan, 5)
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    url, print_url = _url(letter), _url(letter, "letters:print")
    assert letter.objectives.count() == 7
    assert count_queries(lambda: client.get(url)) == few
    assert count_queries(lambda: client.get(print_url)) <= few


def test_it_lists_the_letters_in_constant_queries(
    client_for: ClientFor, owner: object, director: object, teammate: object, plan: AccountPlan
) -> None:
    client = client_for(owner)
    letter = _measurable(owner, plan)
    url = _list_url(plan)
    few = count_queries(lambda: client.get(url))
    letter_sign(letter=letter, actor=owner)
    letter_sign(letter=letter, actor=director)
    add_objective(teammate, plan, metric_code="revenue", weight=Decimal("10"), baseline=None)
    letter_generate(plan=plan, owner=teammate, actor=owner)
    page = client.get(url).content.decode()
    assert page.count('data-testid="letter-row"') == 2
    assert count_queries(lambda: client.get(url)) == few

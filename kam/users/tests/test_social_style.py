"""A user records their own social style (for the key-person card's clash warning)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lets_a_user_record_and_clear_their_social_style(
    client_for: object, owner: object
) -> None:
    client = client_for(owner)
    url = reverse("users:social_style")
    assert client.get(url).status_code == 200
    assert client.post(url, {"social_style": "analytical"}).status_code == 302
    owner.refresh_from_db()
    assert owner.social_style == "analytical"
    assert client.post(url, {"social_style": ""}).status_code == 302
    owner.refresh_from_db()
    assert owner.social_style == ""


def test_it_refuses_an_unknown_style_next_to_the_field(client_for: object, owner: object) -> None:
    response = client_for(owner).post(reverse("users:social_style"), {"social_style": "boss"})
    assert response.status_code == 400
    assert 'id="id_social_style_error"' in response.content.decode()
    owner.refresh_from_db()
    assert owner.social_style == ""


def test_it_requires_sign_in(client: object) -> None:
    response = client.get(reverse("users:social_style"))
    assert response.status_code == 302

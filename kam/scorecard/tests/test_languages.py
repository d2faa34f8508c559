"""Every scorecard page renders in 中文 as well (the catalogs are completed separately)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_renders_every_page_in_chinese(
    owner: object, account: object, director: object, score: object
) -> None:
    outcome = score(owner, account)
    client = Client(headers={"Accept-Language": "zh-hans"})
    client.force_login(director)
    urls = [
        reverse("scorecard:account", args=[account.uuid]),
        reverse("scorecard:new", args=[account.uuid]),
        reverse("scorecard:snapshot", args=[outcome.attractiveness.uuid]),
        reverse("scorecard:portfolio"),
        reverse("scorecard:policy"),
        reverse("scorecard:policy_edit", args=["strategic"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == "zh-hans", url
    page = client.get(reverse("scorecard:account", args=[account.uuid])).content.decode()
    assert '<span class="badge category-strategic">战略客户</span>' in page  # the policy's label
    assert "向伙伴/一体化关系发展" in page

"""Access: outsiders get 404 on every scorecard page and API and change nothing; viewers read
but get 403 on every write; anonymous users are sent to sign in."""

import json

import pytest
from django.urls import reverse

from kam.api.api import api
from kam.scorecard.tests.conftest import scorecard_fingerprint
from tests.access_helpers import account_scoped_page_routes

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(owner: object, account: object, score: object) -> object:
    return score(owner, account)


def _pages(account: object, scored: object) -> list[str]:
    return [
        reverse("scorecard:account", args=[account.uuid]),
        reverse("scorecard:new", args=[account.uuid]),
        reverse("scorecard:snapshot", args=[scored.attractiveness.uuid]),
        reverse("scorecard:snapshot", args=[scored.strength.uuid]),
    ]


def test_it_answers_404_to_an_outsider_everywhere_and_changes_nothing(
    client_for: object, outsider: object, account: object, scored: object, rival: object
) -> None:
    client = client_for(outsider)
    before = scorecard_fingerprint()
    for url in _pages(account, scored):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"period": "2026", "competitor_1": rival.uuid}).status_code in (
            404,
            405,
        ), url
    api = f"/api/v1/accounts/{account.uuid}/scorecard"
    assert client.get(api).status_code == 404
    response = client.post(api, json.dumps({"period": "2026"}), content_type="application/json")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert client.get("/api/v1/portfolio/matrix").json()["items"] == []
    assert "华东电力集团" not in client.get(reverse("scorecard:portfolio")).content.decode()
    export = client.get(reverse("scorecard:portfolio") + "?export=xlsx")
    assert "华东电力集团" not in export.content.decode(errors="ignore")
    assert scorecard_fingerprint() == before


def test_it_lets_a_viewer_read_but_not_score(
    client_for: object, viewer: object, account: object, scored: object, rival: object
) -> None:
    client = client_for(viewer)
    before = scorecard_fingerprint()
    account_page, form, *snapshots = _pages(account, scored)
    for url in [account_page, *snapshots]:
        assert client.get(url).status_code == 200, url
    assert client.get(form).status_code == 403
    assert client.post(form, {"period": "2026", "competitor_1": rival.uuid}).status_code == 403
    api = f"/api/v1/accounts/{account.uuid}/scorecard"
    assert client.get(api).status_code == 200
    response = client.post(api, json.dumps({"period": "2026"}), content_type="application/json")
    assert (response.status_code, response.json()["error"]["code"]) == (403, "forbidden")
    assert client.get("/api/v1/portfolio/matrix").json()["count"] == 1
    assert scorecard_fingerprint() == before


def test_it_sends_anonymous_users_to_sign_in(
    client: object, account: object, scored: object
) -> None:
    for url in [
        *_pages(account, scored),
        reverse("scorecard:portfolio"),
        reverse("scorecard:policy"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("users:login"))
    assert client.get("/api/v1/portfolio/matrix").status_code == 401


def test_it_passes_the_project_wide_access_sweep_on_its_own_routes(
    client_for: object, outsider: object, viewer: object, account: object, scored: object
) -> None:
    """The same sweep as kam/accounts/tests/test_access.py, limited to the scorecard routes."""
    objects = {"account_uuid": account.uuid, "assessment_uuid": scored.attractiveness.uuid}
    routes = [(n, k) for n, k in account_scoped_page_routes() if n.startswith("scorecard:")]
    assert {name for name, _kwargs in routes} >= {"scorecard:account", "scorecard:new"}
    operations = [
        (method.upper(), path)
        for path, methods in api.get_openapi_schema()["paths"].items()
        if path.startswith("/api/v1/accounts/{account_id}/scorecard")
        for method in methods
    ]
    assert sorted(operations) == [
        ("GET", "/api/v1/accounts/{account_id}/scorecard"),
        ("POST", "/api/v1/accounts/{account_id}/scorecard"),
    ]
    before = scorecard_fingerprint()
    for user, allowed in ((outsider, {404, 405}), (viewer, {403, 405})):
        client = client_for(user)
        for name, kwargs in routes:
            url = reverse(name, kwargs={key: objects[key] for key in kwargs})
            statuses = {client.post(url, {"name": "hacked", "user": user.uuid}).status_code}
            if user is outsider:
                statuses.add(client.get(url).status_code)
            assert statuses <= allowed, (user, url, statuses)
        body = json.dumps({"name": "hacked", "user_id": str(user.uuid)})
        for method, path in operations:
            url = path.replace("{account_id}", str(account.uuid))
            status = client.generic(method, url, body, content_type="application/json").status_code
            expected = 404 if user is outsider else (200 if method == "GET" else 403)
            assert status == expected, (user, method, url, status)
    assert scorecard_fingerprint() == before

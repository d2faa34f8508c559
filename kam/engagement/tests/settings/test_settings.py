"""Engagement settings (thresholds and digest windows as data): the selector's defaults, the
append-only service, the figures and the digest following the data, and the settings page."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kam.audit.models import AuditEntry
from kam.engagement import rules
from kam.engagement.digests.selectors import digest_for
from kam.engagement.digests.services import digest_message
from kam.engagement.figures import charts
from kam.engagement.figures import selectors as figures
from kam.engagement.models import (
    DEFAULT_COMPLIANCE_RED_BELOW,
    DEFAULT_COMPLIANCE_TARGET,
    ActionItem,
    EngagementSettings,
)
from kam.engagement.settings.selectors import engagement_settings
from kam.engagement.settings.services import engagement_settings_update
from kam.engagement.tests.figures.test_figures import entry
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

URL = reverse("engagement:settings")
TODAY = date(2026, 6, 30)
DAY = date(2026, 3, 2)
VALID = {
    "compliance_target": "90",
    "compliance_red_below": "60",
    "digest_upcoming_days": "10",
    "digest_due_soon_days": "5",
}


def _update(actor: object, **values: int) -> EngagementSettings:
    return engagement_settings_update(actor=actor, data=values)


# --- selector and service -----------------------------------------------------------------------


def test_it_answers_the_spec_defaults_without_writing_when_no_row_exists(
    django_assert_num_queries: object,
) -> None:
    # given a database without settings rows
    # when the settings are read
    with django_assert_num_queries(1):
        current = engagement_settings()
    # then the [D] defaults answer from an unsaved row, and nothing was written
    assert current.pk is None
    assert (
        current.compliance_target,
        current.compliance_red_below,
        current.digest_upcoming_days,
        current.digest_due_soon_days,
    ) == (85, 70, 7, 3)
    assert (DEFAULT_COMPLIANCE_TARGET, DEFAULT_COMPLIANCE_RED_BELOW) == (85, 70)
    assert EngagementSettings.objects.count() == 0


def test_it_adds_a_row_per_change_and_the_newest_holds(director: object) -> None:
    # given the defaults
    # when a director changes the target, then the red line
    first = _update(director, compliance_target=90)
    second = _update(director, compliance_red_below=60)
    # then each change is a new row, the newest holds, the older stays as history
    assert EngagementSettings.objects.count() == 2
    assert engagement_settings().pk == second.pk
    assert (second.compliance_target, second.compliance_red_below) == (90, 60)
    assert (first.compliance_target, first.compliance_red_below) == (90, 70)
    assert second.created_by == director
    # and each change is audited with its before/after values
    changes = dict(AuditEntry.objects.values_list("object_uuid", "changes"))
    assert changes == {
        first.uuid: {"compliance_target": [85, 90]},
        second.uuid: {"compliance_red_below": [70, 60]},
    }


def test_it_writes_nothing_when_nothing_changed(director: object) -> None:
    result = _update(director, compliance_target=85, digest_upcoming_days=7)
    assert result.pk is None
    assert EngagementSettings.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_it_refuses_a_red_line_above_the_target_next_to_the_field(director: object) -> None:
    with pytest.raises(ValidationError) as caught:
        _update(director, compliance_target=60, compliance_red_below=70)
    assert list(caught.value.message_dict) == ["compliance_red_below"]
    assert EngagementSettings.objects.count() == 0


def test_it_enforces_the_red_line_in_the_database_too(director: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementSettings.objects.create(compliance_target=60, compliance_red_below=70)


@pytest.mark.parametrize("role", ["viewer", "team_member", "account_manager"])
def test_it_refuses_the_service_to_anyone_but_directors_and_administrators(role: str) -> None:
    with pytest.raises(PermissionDenied):
        _update(UserFactory(role=role), compliance_target=90)
    assert EngagementSettings.objects.count() == 0


# --- the figures and the digest follow the data -------------------------------------------------


def test_it_colours_the_traffic_light_by_the_thresholds_in_force(
    director: object, account: object
) -> None:
    # given 3 of 4 due entries done: 75 %, amber under the defaults (85 / 70)
    for planned_on, status in [
        (date(2026, 1, 5), "done"),
        (date(2026, 2, 5), "done"),
        (date(2026, 3, 5), "done"),
        (date(2026, 4, 5), "planned"),
    ]:
        entry(account, planned_on, status)
    before = figures.calendar_compliance(account=account, year=2026, today=TODAY)
    assert (before.percent, before.light) == (75.0, "amber")
    # when a director lowers the target to 75 and the red line to 50
    _update(director, compliance_target=75, compliance_red_below=50)
    # then the same ratio is green, and the light follows the new lines exactly
    after = figures.account_figures(account=account, year=2026, today=TODAY)
    assert (after.compliance.percent, after.compliance.light) == (75.0, "green")
    assert [rules.traffic_light(value) for value in (100, 75, 74.9, 50, 49.9, None)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "none",
    ]
    option = charts.mechanism_compliance_option(after.mechanisms, after.settings)
    assert option["series"][0]["markLine"]["data"] == [{"xAxis": 75}, {"xAxis": 50}]


def test_it_shows_the_thresholds_in_force_on_the_figure_pages(
    client_for: object, director: object, owner: object, account: object
) -> None:
    entry(account, date(2026, 1, 5), "done")
    entry(account, date(2026, 2, 5))  # 50 %: red under the defaults
    _update(director, compliance_target=50, compliance_red_below=40)
    response = client_for(owner).get(
        reverse("engagement:figures", args=[account.uuid]), {"year": "2026"}
    )
    body = response.content.decode()
    assert "Green at 50 % or more, amber from 40 %, red below 40 %." in body
    assert '<span class="light light-green" title="On target" data-light="green">50.0 %' in body
    portfolio = client_for(owner).get(reverse("engagement:portfolio_figures"), {"year": "2026"})
    assert "Green at 50 % or more" in portfolio.content.decode()


def _action(account: object, due_on: date, description: str) -> None:
    ActionItem.objects.create(
        account=account,
        description=description,
        owner_side="ours",
        owner_user=account.owner,
        due_on=due_on,
    )


def test_it_follows_the_digest_windows_in_force(director: object, account: object) -> None:
    # given an entry 10 days ahead and an action due in 5 days
    entry(account, DAY + timedelta(days=10), code="tech_exchange_service")
    _action(account, DAY + timedelta(days=5), "in five days")
    _action(account, DAY + timedelta(days=6), "in six days")
    # then under the defaults (7 / 3 days) the digest is empty
    assert digest_for(user=account.owner, day=DAY).is_empty
    # when a director widens the windows to 10 and 5 days
    _update(director, digest_upcoming_days=10, digest_due_soon_days=5)
    digest = digest_for(user=account.owner, day=DAY)
    # then exactly the entry and the action within the new windows are in
    assert [item.planned_on for item in digest.entries] == [date(2026, 3, 12)]
    assert [item.description for item in digest.due_soon] == ["in five days"]
    assert (digest.upcoming_days, digest.due_soon_days) == (10, 5)
    account.owner.email, account.owner.language = "owner@example.com", "en"
    assert "Coming up in the next 10 days (1 entry):" in digest_message(digest).body


@given(
    target=st.integers(0, 100),
    red=st.integers(0, 100),
    low=st.floats(0, 100, allow_nan=False),
    high=st.floats(0, 100, allow_nan=False),
)
def test_it_never_lights_a_higher_rate_worse(
    target: int, red: int, low: float, high: float
) -> None:
    thresholds = EngagementSettings(
        compliance_target=max(target, red), compliance_red_below=min(target, red)
    )
    low, high = sorted((low, high))
    order = ["red", "amber", "green"]
    assert order.index(rules.traffic_light(low, thresholds)) <= order.index(
        rules.traffic_light(high, thresholds)
    )


# --- the settings page -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["director", "administrator"])
def test_it_shows_the_settings_page_to_directors_and_administrators(
    client_for: object, role: str
) -> None:
    response = client_for(UserFactory(role=role)).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="compliance_target" value="85"' in body
    assert "No change yet: the defaults hold." in body


def test_it_saves_a_change_and_lists_it_in_the_history(
    client_for: object, director: object
) -> None:
    # when a director saves new values
    response = client_for(director).post(URL, VALID)
    # then the page redirects, the new row holds and the history shows who changed it
    assert response.status_code == 302
    assert response["Location"] == URL
    current = engagement_settings()
    assert (
        current.compliance_target,
        current.compliance_red_below,
        current.digest_upcoming_days,
        current.digest_due_soon_days,
        current.created_by,
    ) == (90, 60, 10, 5, director)
    body = client_for(director).get(URL).content.decode()
    assert f"<td>{director}</td>" in body
    assert 'name="compliance_target" value="90"' in body
    assert AuditEntry.objects.filter(object_uuid=current.uuid).count() == 1


@pytest.mark.parametrize("persona", ["viewer", "teammate", "owner", "outsider"])
def test_it_refuses_the_settings_page_to_everyone_else_and_changes_nothing(
    client_for: object, persona: str, request: pytest.FixtureRequest
) -> None:
    # given a viewer, a team member or an account manager
    user = request.getfixturevalue(persona)
    before = database_fingerprint()
    client = client_for(user)
    # when they open or post the settings page
    # then both are refused and nothing changed
    assert client.get(URL).status_code == 403
    assert client.post(URL, VALID).status_code == 403
    assert database_fingerprint() == before


def test_it_sends_an_anonymous_visitor_to_sign_in(client: object) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("users:login"))


def test_it_shows_a_red_line_above_the_target_next_to_the_field(
    client_for: object, director: object
) -> None:
    # when a director posts a red line above the target
    response = client_for(director).post(URL, {**VALID, "compliance_red_below": "95"})
    # then the page answers 400 with the message next to the field, keeping what was typed
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        '<div class="field-errors" id="id_compliance_red_below_error"><p class="field-error">'
        "The red line must not be above the target (90 %).</p>"
    ) in body
    assert 'value="95"' in body
    assert EngagementSettings.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("compliance_target", "101"),
        ("digest_upcoming_days", "0"),
        ("digest_upcoming_days", "61"),
        ("digest_due_soon_days", "31"),
        ("digest_due_soon_days", "abc"),
    ],
)
def test_it_refuses_out_of_range_values_next_to_the_field(
    client_for: object, director: object, field: str, value: str
) -> None:
    response = client_for(director).post(URL, {**VALID, field: value})
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert EngagementSettings.objects.count() == 0


def test_it_refuses_a_save_over_someone_elses_change(client_for: object, director: object) -> None:
    # given a director who opened the page after a first change
    first = _update(director, compliance_target=90)
    # and someone else changed the settings since
    _update(UserFactory(role="administrator"), compliance_target=95)
    # when the director saves with the version they saw
    response = client_for(director).post(URL, {**VALID, "version": str(first.uuid)})
    # then the save is refused and nothing was written
    assert response.status_code == 400
    assert "Someone else changed the settings" in response.content.decode()
    assert EngagementSettings.objects.count() == 2


def test_it_links_the_settings_from_the_mechanisms_and_portfolio_pages(
    client_for: object, director: object, owner: object
) -> None:
    link = f'href="{URL}" data-testid="engagement-settings-link"'
    assert link in client_for(director).get(reverse("engagement:mechanisms")).content.decode()
    portfolio = reverse("engagement:portfolio_figures")
    assert link in client_for(director).get(portfolio).content.decode()
    assert link not in client_for(owner).get(portfolio).content.decode()
    assert link not in client_for(owner).get(reverse("engagement:mechanisms")).content.decode()


def test_it_keeps_the_query_count_of_the_settings_page_constant(
    client_for: object, director: object
) -> None:
    client = client_for(director)
    _update(director, compliance_target=90)
    small = count_queries(lambda: client.get(URL))
    for target in range(91, 101):
        _update(UserFactory(role="director"), compliance_target=target)
    large = count_queries(lambda: client.get(URL))
    assert large == small
    assert large <= 10

"""Power-map thresholds are data: directors change them, the rules and flags follow."""

from datetime import date, timedelta

from django.urls import reverse

from kam.audit.models import AuditEntry
from kam.people.models import Contact, PowerMapSettings
from kam.people.services import contact_map_update, power_map_settings_update
from kam.powermap.rules import Person, Thresholds, new_player, red_flags, single_threaded
from kam.powermap.selectors import power_map
from tests.factories import ContactFactory
from tests.queries import count_queries

FIELDS = {
    "key_person_influence": 7,
    "hidden_key_person_influence": 5,
    "strong_opponent_influence": 7,
    "coach_level": 4,
    "covered_level": 3,
    "new_player_days": 90,
    "min_deep_threads": 3,
    "max_seniority_gap": 1,
}


def test_it_applies_new_key_person_thresholds_to_existing_contacts(
    director: object, owner: object, account: object
) -> None:
    # given a contact with influence 6 (not a key person under the default 7)
    person = contact_map_update(
        actor=owner, contact=ContactFactory(account=account), data={"influence": 6}
    )
    assert person.is_key_person is False
    # when a director lowers the threshold to 6
    settings, changed = power_map_settings_update(
        actor=director, data={**FIELDS, "key_person_influence": 6}
    )
    # then the contact becomes a key person, with the reason, and the change is recorded
    person.refresh_from_db()
    assert changed == 1
    assert person.is_key_person is True
    assert person.key_person_reasons == ["high_influence"]
    assert person.key_person_since is not None
    entry = AuditEntry.objects.get(object_uuid=settings.uuid)
    assert entry.changes == {"key_person_influence": [7, 6]}


def test_it_keeps_a_decision_made_by_hand(director: object, owner: object, account: object) -> None:
    person = contact_map_update(
        actor=owner,
        contact=ContactFactory(account=account),
        data={"influence": 6, "key_person_override": False, "key_person_override_reason": "退休"},
    )
    power_map_settings_update(actor=director, data={**FIELDS, "key_person_influence": 5})
    person.refresh_from_db()
    assert person.is_key_person is False


def test_it_raises_flags_with_the_configured_thresholds() -> None:
    today = date(2026, 11, 26)
    people = [
        Person(
            id=1,
            name="张",
            coverage="in_depth",
            is_key_person=True,
            key_person_since=today - timedelta(days=100),
        ),  # fmt: skip
        Person(id=2, name="李", coverage="multiple"),
    ]
    assert single_threaded(people) != []  # 2 < 3
    assert single_threaded(people, Thresholds(min_deep_threads=2)) == []
    assert new_player(people, today) == []  # 100 days > 90
    assert [f.code for f in new_player(people, today, Thresholds(new_player_days=120))] == [
        "new_player"
    ]
    codes = [f.code for f in red_flags(people, today, Thresholds(min_deep_threads=2))]
    assert "single_threaded" not in codes


def test_it_uses_the_settings_on_the_map(director: object, owner: object, account: object) -> None:
    ContactFactory(account=account, coverage="in_depth")
    assert "single_threaded" in [flag.code for flag in power_map(account=account).flags]
    power_map_settings_update(actor=director, data={**FIELDS, "min_deep_threads": 1})
    assert "single_threaded" not in [flag.code for flag in power_map(account=account).flags]


def test_it_lets_only_directors_and_administrators_change_them(
    client_for: object, owner: object, director: object
) -> None:
    url = reverse("powermap:settings")
    assert client_for(owner).get(url).status_code == 403
    assert client_for(owner).post(url, FIELDS).status_code == 403
    assert PowerMapSettings.objects.count() == 0
    response = client_for(director).post(url, {**FIELDS, "new_player_days": 60})
    assert response.status_code == 302
    assert PowerMapSettings.objects.get().new_player_days == 60


def test_it_refuses_a_threshold_out_of_range_next_to_the_field(
    client_for: object, director: object
) -> None:
    response = client_for(director).post(
        reverse("powermap:settings"), {**FIELDS, "key_person_influence": 11}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["key_person_influence"] == [
        "Ensure this value is less than or equal to 10."
    ]
    assert PowerMapSettings.objects.count() == 0
    assert Contact.objects.count() == 0


def test_it_shows_the_settings_history_with_a_constant_number_of_queries(
    client_for: object, director: object
) -> None:
    client = client_for(director)
    url = reverse("powermap:settings")
    power_map_settings_update(actor=director, data=FIELDS)
    small = count_queries(lambda: client.get(url))
    for days in range(30, 40):
        power_map_settings_update(actor=director, data={**FIELDS, "new_player_days": days})
    assert count_queries(lambda: client.get(url)) == small

"""Issue 10 item 20: a strong opponent is flagged whatever their role, and "new player" does not
fire for the starting lineup of a newly created account; at, below and above each threshold."""

from datetime import UTC, date, datetime, timedelta

import pytest

from kam.accounts.models import Account
from kam.people.services import contact_map_update
from kam.powermap.rules import INITIAL_MAPPING_DAYS, Flag, Person, new_player, strong_opponent
from kam.powermap.selectors import power_map
from tests.factories import ContactFactory

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("influence", "support", "flagged"),
    [(6, -1, False), (7, -1, True), (8, -1, True), (7, 0, False), (10, -2, True)],
)
@pytest.mark.parametrize(
    ("roles", "buying_influence"),
    [(("gatekeeper",), ""), (("buyer", "gatekeeper"), "technical_buyer"), ((), ""),
     (("decider",), "economic_buyer"), (("user",), "user_buyer")],
)  # fmt: skip
def test_it_flags_a_strong_opponent_whatever_their_role(
    roles: tuple, buying_influence: str, influence: int, support: int, flagged: bool
) -> None:
    person = Person(
        id=1,
        name="张",
        influence=influence,
        support=support,
        decision_roles=roles,
        buying_influence=buying_influence,
    )
    expected = [Flag("strong_opponent", people=("张",))] if flagged else []
    assert strong_opponent([person]) == expected


@pytest.mark.django_db
def test_it_flags_a_gatekeeper_opponent_on_the_map(owner: object, account: Account) -> None:
    gatekeeper = contact_map_update(
        actor=owner,
        contact=ContactFactory(account=account, name="采购部 王"),
        data={"decision_roles": ["gatekeeper"], "influence": 7, "support": -1},
    )
    flags = power_map(account=account).flags
    assert Flag("strong_opponent", people=(gatekeeper.name,)) in flags


def _key(name: str, since: date) -> Person:
    return Person(id=hash(name) % 10_000, name=name, is_key_person=True, key_person_since=since)


@pytest.mark.parametrize(
    ("days_after_start", "flagged"),
    [
        (0, False),  # marked when the account was created
        (INITIAL_MAPPING_DAYS, False),  # the last day of the first mapping
        (INITIAL_MAPPING_DAYS + 1, True),  # the first day after it: a change of lineup
    ],
)
def test_it_leaves_out_the_starting_lineup_of_a_new_account(
    days_after_start: int, flagged: bool
) -> None:
    # given an account created 60 days ago (inside the 90-day window)
    started = TODAY - timedelta(days=60)
    people = [_key("张", started + timedelta(days=days_after_start))]
    expected = [Flag("new_player", people=("张",))] if flagged else []
    assert new_player(people, TODAY, account_started_on=started) == expected


@pytest.mark.parametrize(("days_ago", "flagged"), [(89, True), (90, True), (91, False)])
def test_it_keeps_the_90_day_window_for_an_older_account(days_ago: int, flagged: bool) -> None:
    started = date(2024, 1, 1)
    people = [_key("李", TODAY - timedelta(days=days_ago))]
    expected = [Flag("new_player", people=("李",))] if flagged else []
    assert new_player(people, TODAY, account_started_on=started) == expected


@pytest.mark.django_db
def test_it_raises_no_new_player_flag_for_a_new_accounts_people(
    owner: object, account: Account
) -> None:
    # given an account created today whose key persons were all marked today
    for name in ("张总", "李总", "王总"):
        contact_map_update(
            actor=owner,
            contact=ContactFactory(account=account, name=name),
            data={"decision_roles": ["decider"], "influence": 9, "support": 1},
        )
    assert account.contacts.filter(is_key_person=True).count() == 3
    codes = [flag.code for flag in power_map(account=account).flags]
    assert "new_player" not in codes
    # when the account is older, the same people are a change of lineup
    old = datetime(2024, 1, 1, tzinfo=UTC)
    Account.objects.filter(pk=account.pk).update(created_at=old)
    account.refresh_from_db()
    flags = {flag.code: flag for flag in power_map(account=account).flags}
    assert sorted(flags["new_player"].people) == ["张总", "李总", "王总"]

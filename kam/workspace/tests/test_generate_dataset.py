"""`manage.py generate_dataset`: bulk scale data with sound reporting lines and no audit."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F

from kam.accounts.models import Account, AccountTeamMembership
from kam.audit.models import AuditEntry
from kam.people.models import Contact, OrgUnit
from kam.users.models import User
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db


def _generate(*args: str) -> str:
    output = StringIO()
    call_command("generate_dataset", *args, stdout=output)
    return output.getvalue()


def test_it_creates_exactly_the_requested_rows() -> None:
    # given an empty database
    # when generating 5 accounts with 4 contacts each
    output = _generate("--accounts", "5", "--contacts-per-account", "4", "--seed", "7")
    # then exactly those rows exist, with the default 8 org units per account, and no audit
    assert Account.objects.count() == 5
    assert Contact.objects.count() == 20
    assert OrgUnit.objects.count() == 40
    assert AccountTeamMembership.objects.count() == 10
    assert AuditEntry.objects.count() == 0
    assert output.startswith(
        "Created 21 new users, 5 accounts, 10 team memberships, 40 org units, 20 contacts in "
    )


def test_it_keeps_each_accounts_contacts_and_units_inside_the_account() -> None:
    # given a generated data set
    _generate("--accounts", "5", "--contacts-per-account", "4", "--org-units-per-account", "3")
    # then no contact reports to, or sits in a unit of, another account
    with_manager = Contact.objects.filter(reports_to__isnull=False)
    assert with_manager.exclude(reports_to__account=F("account")).count() == 0
    assert with_manager.count() == 15
    assert Contact.objects.exclude(org_unit__account=F("account")).count() == 0
    assert OrgUnit.objects.exclude(parent=None).exclude(parent__account=F("account")).count() == 0
    # and every account has one top person, the others reporting up to them
    per_account = Account.objects.annotate(n=Count("contacts")).values_list("n", flat=True)
    assert sorted(per_account) == [4, 4, 4, 4, 4]
    top_of = dict(Contact.objects.filter(reports_to=None).values_list("account_id", "pk"))
    for pk, account_id in Contact.objects.values_list("pk", "account_id"):
        assert _top_of_chain(pk) == top_of[account_id]


def _top_of_chain(contact_id: int) -> int:
    manager_of = dict(Contact.objects.values_list("pk", "reports_to_id"))
    seen = [contact_id]
    while manager_of[seen[-1]] is not None:
        seen.append(manager_of[seen[-1]])
        assert len(seen) == len(set(seen)), f"reporting cycle through {seen}"
    return seen[-1]


def test_it_layers_the_org_units_under_one_root_per_account() -> None:
    # given 2 accounts with 8 org units each
    _generate("--accounts", "2", "--contacts-per-account", "10")
    # then each has one executive root, 4 departments and 3 sections
    levels = dict(OrgUnit.objects.values_list("level").annotate(n=Count("pk")))
    assert levels == {"executive": 2, "middle": 8, "operational": 6}
    assert OrgUnit.objects.filter(parent=None).count() == 2
    seniorities = dict(Contact.objects.values_list("seniority").annotate(n=Count("pk")))
    assert seniorities == {"executive": 4, "middle": 6, "operational": 10}


def test_it_gives_every_account_its_owner_and_one_more_team_member() -> None:
    # given a generated data set
    _generate("--accounts", "40", "--contacts-per-account", "1")
    # then each of the 20 managers owns 2 accounts and is on their team as account manager
    owned = Account.objects.values_list("owner__username").annotate(n=Count("pk"))
    assert {count for _username, count in owned} == {2}
    owners_on_team = AccountTeamMembership.objects.filter(
        user=F("account__owner"), team_role="account_manager"
    )
    assert owners_on_team.count() == 40
    assert AccountTeamMembership.objects.exclude(user=F("account__owner")).count() == 40
    assert Account.objects.exclude(parent=None).count() == 4


def test_it_reuses_the_bench_users_and_continues_the_numbering() -> None:
    # given a first data set
    _generate("--accounts", "2", "--contacts-per-account", "2")
    # when generating a second one
    output = _generate("--accounts", "3", "--contacts-per-account", "2")
    # then no user is added and the new accounts continue the numbers
    assert User.objects.count() == 21
    assert output.startswith("Created 0 new users, 3 accounts")
    assert sorted(Account.objects.values_list("name", flat=True)) == [
        f"Account {number:06d} Co." for number in range(1, 6)
    ]
    director = User.objects.get(username="bench.director")
    assert (director.role, director.check_password("demo1234")) == ("director", True)


def test_it_refuses_a_size_below_one() -> None:
    # given an empty database
    before = database_fingerprint()
    # when asking for no contacts
    with pytest.raises(CommandError) as error:
        _generate("--accounts", "3", "--contacts-per-account", "0")
    # then it refuses and writes nothing
    assert str(error.value) == "Every size (accounts, contacts, org units) must be at least 1."
    assert database_fingerprint() == before

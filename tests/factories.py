"""factory_boy factories for the core records."""

from decimal import Decimal

import factory

from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.people.models import Contact, OrgUnit
from kam.users.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda number: f"user{number}")
    display_name = factory.Sequence(lambda number: f"用户{number}")
    role = "account_manager"
    password = factory.PostGenerationMethodCall("set_password", "pass-1234")

    @factory.post_generation
    def saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class AccountGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountGroup

    name = factory.Sequence(lambda number: f"Group {number}")


class CompetitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competitor

    name = factory.Sequence(lambda number: f"Competitor {number}")


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account

    name = factory.Sequence(lambda number: f"Account {number:04d}")
    industry = "manufacturing"
    region = "east_china"
    status = "active"
    owner = factory.SubFactory(UserFactory)
    current_revenue = Decimal("1000000.00")


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountTeamMembership

    account = factory.SubFactory(AccountFactory)
    user = factory.SubFactory(UserFactory, role="team_member")
    team_role = "solution"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda number: f"Unit {number}")
    function = "it"
    level = "middle"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda number: f"Contact {number:05d}")
    title = "Manager"
    seniority = "middle"
    function = "it"

"""`manage.py seed_demo [--if-empty]`: a demo portfolio a KAM director recognises.

Everything is written through the services as the demo administrator, so the audit trail
shows where each record came from. The random seed is fixed: every run builds the same data.
"""

import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from kam.accounts.access import accounts_visible_to
from kam.accounts.models import Account, AccountGroup
from kam.accounts.services import (
    AccountInput,
    account_create,
    account_group_create,
    competitor_create,
    team_member_add,
)
from kam.handover.demo import seed_handover
from kam.people.demo_data import (
    CHINESE_GIVEN_NAMES,
    CHINESE_SURNAMES,
    DEMO_ACCOUNTS,
    DEMO_COMPETITORS,
    DEMO_GROUPS,
    DEMO_USERS,
    ENGLISH_FIRST_NAMES,
    ENGLISH_SURNAMES,
    INDUSTRY_WORDING,
    ROLE_TEMPLATES,
    UNIT_TEMPLATES,
    DemoAccount,
    DemoUser,
)
from kam.people.models import Contact, OrgUnit
from kam.people.services import contact_create, org_unit_create
from kam.users.choices import PORTFOLIO_ROLES, Role
from kam.users.models import User
from kam.workspace.demo import seed_health, seed_relationship_assessments, seed_scorecards
from kam.workspace.demo_alerts import seed_alerts
from kam.workspace.demo_broad import seed_broad
from kam.workspace.demo_cards import seed_cards_and_gifts
from kam.workspace.demo_engagement import seed_engagement
from kam.workspace.demo_keypersons import seed_power_maps
from kam.workspace.demo_kpis import seed_kpi_checks
from kam.workspace.demo_letters import seed_letters
from kam.workspace.demo_needs import seed_needs
from kam.workspace.demo_pdca import seed_pdca
from kam.workspace.demo_plans import seed_plans
from kam.workspace.demo_platforms import seed_platforms
from kam.workspace.demo_value import seed_value_ladders

DEMO_PASSWORD = "demo1234"  # noqa: S105 - the documented password of every demo login
RANDOM_SEED = 20240601
MAX_ORG_UNITS = 12
CONTACTS_PER_ACCOUNT = (12, 16)


class DemoSeeder:
    """Builds the demo portfolio through the services, as the demo administrator."""

    def __init__(self, *, rng: random.Random) -> None:
        self.rng = rng
        self.counts = {"org units": 0, "contacts": 0, "team members": 0}

    def run(self) -> dict[str, int]:
        users = {spec.username: _ensure_user(spec) for spec in DEMO_USERS}
        actor = users["admin"]
        groups = {
            key: account_group_create(actor=actor, name=name, description=description)
            for key, (name, description) in DEMO_GROUPS.items()
        }
        for name, website, notes in DEMO_COMPETITORS:
            competitor_create(actor=actor, name=name, website=website, notes=notes)
        accounts: dict[str, Account] = {}
        for spec in DEMO_ACCOUNTS:
            accounts[spec.key] = self._create_account(spec, actor, users, groups, accounts)
        return {
            "users": len(users),
            "accounts": len(accounts),
            "account groups": len(groups),
            "competitors": len(DEMO_COMPETITORS),
            **self.counts,
        }

    def _create_account(
        self,
        spec: DemoAccount,
        actor: User,
        users: dict[str, User],
        groups: dict[str, AccountGroup],
        accounts: dict[str, Account],
    ) -> Account:
        """The account, its team, its org tree and its people."""
        account = account_create(
            actor=actor,
            data=AccountInput(
                name=spec.name,
                alternate_name=spec.alternate_name,
                industry=spec.industry,
                region=spec.region,
                owner=users[spec.owner],
                status=spec.status,
                currency=spec.currency,
                current_revenue=Decimal(spec.revenue),
                parent=accounts.get(spec.parent),
                group=groups.get(spec.group),
                description=spec.description,
            ),
        )
        for username, team_role in spec.team:
            team_member_add(actor=actor, account=account, user=users[username], team_role=team_role)
        self.counts["team members"] += 1 + len(spec.team)
        units = self._create_org_units(spec, actor, account)
        self._create_contacts(spec, actor, account, units)
        return account

    def _create_org_units(
        self, spec: DemoAccount, actor: User, account: Account
    ) -> dict[str, OrgUnit]:
        """The mandatory units of the profile plus a few optional ones (6–12 in all)."""
        templates = UNIT_TEMPLATES[spec.profile]
        optional = [unit.key for unit in templates if unit.is_optional]
        room = MAX_ORG_UNITS - (len(templates) - len(optional))
        chosen = set(self.rng.sample(optional, self.rng.randint(0, min(room, len(optional)))))
        names = INDUSTRY_WORDING.get(spec.industry, {}).get("units", {})
        units: dict[str, OrgUnit] = {}
        for template in templates:
            if template.is_optional and template.key not in chosen:
                continue
            units[template.key] = org_unit_create(
                actor=actor,
                account=account,
                name=names.get(template.key, template.name),
                function=template.function,
                level=template.level,
                parent=units[template.parent] if template.parent else None,
            )
        self.counts["org units"] += len(units)
        return units

    def _create_contacts(
        self, spec: DemoAccount, actor: User, account: Account, units: dict[str, OrgUnit]
    ) -> None:
        """12–16 people, top down, each reporting to an earlier one (the CEO reports to no one)."""
        roles = ROLE_TEMPLATES[spec.profile][: self.rng.randint(*CONTACTS_PER_ACCOUNT)]
        titles = INDUSTRY_WORDING.get(spec.industry, {}).get("titles", {})
        parents = {unit.key: unit.parent for unit in UNIT_TEMPLATES[spec.profile]}
        people: dict[str, Contact] = {}
        taken: set[str] = set()
        for role in roles:
            name, email_name = self._person_name(spec.profile, taken)
            people[role.key] = contact_create(
                actor=actor,
                account=account,
                name=name,
                title=titles.get(role.key, role.title),
                seniority=role.seniority,
                function=role.function,
                org_unit=_nearest_unit(role.unit, units, parents),
                reports_to=people[role.manager] if role.manager else None,
                email=f"{email_name}@{spec.domain}" if self.rng.random() < 0.6 else "",
                phone=self._phone() if self.rng.random() < 0.5 else "",
            )
        self.counts["contacts"] += len(people)

    def _person_name(self, profile: str, taken: set[str]) -> tuple[str, str]:
        """A name not yet used at this account, and the local part of an e-mail address."""
        while True:
            surname, surname_latin = self.rng.choice(CHINESE_SURNAMES)
            if profile == "foreign":
                first = self.rng.choice(ENGLISH_FIRST_NAMES)
                if self.rng.random() < 0.3:
                    surname_latin = self.rng.choice(ENGLISH_SURNAMES).lower()
                name = f"{first} {surname_latin.capitalize()}"
                email_name = f"{first.lower()}.{surname_latin}"
            else:
                given, given_latin = self.rng.choice(CHINESE_GIVEN_NAMES)
                name, email_name = surname + given, f"{given_latin}.{surname_latin}"
            if name not in taken:
                taken.add(name)
                return name, email_name

    def _phone(self) -> str:
        prefix = f"1{self.rng.choice('3589')}{self.rng.randint(0, 9)}"
        return f"{prefix} {self.rng.randint(0, 9999):04d} {self.rng.randint(0, 9999):04d}"


def _nearest_unit(key: str, units: dict[str, OrgUnit], parents: dict[str, str | None]) -> OrgUnit:
    """The unit of `key`, or its nearest ancestor when this account has no such unit."""
    current: str | None = key
    while current is not None and current not in units:
        current = parents[current]
    return units[current or "gm"]


def _ensure_user(spec: DemoUser) -> User:
    """Create the demo user, or bring an existing one into its demo role (its password is kept)."""
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = User(username=spec.username, email=f"{spec.username}@kam-demo.example.com")
        user.set_password(DEMO_PASSWORD)
    user.role = spec.role
    user.display_name = spec.display_name
    user.job_title = spec.job_title
    user.seniority = spec.seniority
    user.is_active = True
    if spec.role == Role.ADMINISTRATOR:
        user.is_staff = user.is_superuser = True
    user.full_clean()
    user.save()
    return user


def _what_they_see(user: User) -> str:
    count = accounts_visible_to(user).count()
    if user.role in PORTFOLIO_ROLES:
        extra = "; also the Django admin at /admin/" if user.is_superuser else ""
        return f"all {count} accounts (the whole portfolio){extra}"
    if user.role == Role.ACCOUNT_MANAGER:
        return f"{count} accounts they own or whose team they are on"
    read_only = ", read-only" if user.role == Role.VIEWER else ""
    return f"{count} accounts whose team they are on{read_only}"


class Command(BaseCommand):
    help = "Fill an empty database with a coherent demo portfolio and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (but print the logins) when any account already exists.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if Account.objects.exists():
            if not options["if_empty"]:
                raise CommandError(
                    "The database already holds accounts; seed_demo only fills an empty one "
                    "(use --if-empty to skip quietly)."
                )
            self.stdout.write("Accounts already exist: nothing seeded (--if-empty).")
        else:
            self._seed()
        self._print_logins()

    def _seed(self) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            rng = random.Random(RANDOM_SEED)
            counts = DemoSeeder(rng=rng).run()
            accounts = list(Account.objects.select_related("owner").order_by("name"))
            counts["relationship assessments"] = seed_relationship_assessments(
                rng=rng, accounts=accounts
            )
            counts["surveys"] = seed_health(rng=rng, accounts=accounts)
            counts["scorecards"] = seed_scorecards(rng=rng, accounts=accounts)
            counts["key-person ladders"] = seed_power_maps(rng=rng, accounts=accounts)
            counts.update(seed_cards_and_gifts(rng=rng, accounts=accounts))
            counts.update(seed_engagement(rng=rng, accounts=accounts))
            counts["value ladders"] = seed_value_ladders(rng=rng, accounts=accounts)
            counts.update(seed_needs(rng=rng, accounts=accounts))
            counts.update(seed_platforms(rng=rng, accounts=accounts))
            counts.update(seed_broad(rng=rng, accounts=accounts))
            counts["KPI checks"] = seed_kpi_checks(accounts=accounts)
            counts.update(seed_pdca(rng=rng, accounts=accounts))
            counts.update(seed_plans(accounts=accounts))
            counts.update(seed_handover(accounts=accounts))
            counts.update(seed_letters())
            counts.update(seed_alerts())  # last: the alerts read everything seeded before
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Seeded {summary} in {elapsed:.1f} s."))

    def _print_logins(self) -> None:
        users = {user.username: user for user in User.objects.filter(username__in=_usernames())}
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})"))
        with translation.override("en"):
            for spec in DEMO_USERS:
                user = users.get(spec.username)
                role = str(Role(spec.role).label)
                sees = _what_they_see(user) if user else "(not created in this database)"
                self.stdout.write(f"  {spec.username:<14} {role:<22} {sees}")
        self.stdout.write("  Log in at http://127.0.0.1:8000/ (make run).")


def _usernames() -> list[str]:
    return [spec.username for spec in DEMO_USERS]

"""`manage.py generate_dataset`: scale data for the latency benchmark, written in bulk.

This is load, not history: no services, no audit trail. Rows are inserted with bulk_create
layer by layer (parent accounts before subsidiaries, root units before departments, the CEO
before the executives before middle managers before staff), so that every parent and every
reporting line points at a row that already has its primary key.
"""

import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction

from kam.accounts.choices import AccountStatus, Currency, Industry, Region, TeamRole
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership
from kam.core.models import NameSortKeyModel
from kam.lib.sorting import name_sort_key
from kam.people.choices import Function
from kam.people.models import Contact, OrgUnit
from kam.users.choices import Role, Seniority
from kam.users.models import User

ModelType = TypeVar("ModelType", bound=models.Model)

BATCH_SIZE = 2000
BENCH_PASSWORD = "demo1234"  # noqa: S105 - the documented password of the bench logins
MANAGER_COUNT = 20
DIRECTOR_USERNAME = "bench.director"
# Job title and seniority of the bench users by role (data of the generated staff).
BENCH_JOBS: dict[str, tuple[str, str]] = {
    Role.DIRECTOR: ("大客户部总监", Seniority.EXECUTIVE),
    Role.ACCOUNT_MANAGER: ("大客户经理", Seniority.MIDDLE),
}
SUBSIDIARY_EVERY = 10  # every tenth account is a subsidiary of an earlier one
GROUP_NAMES = ["基准客户群 A", "基准客户群 B", "基准客户群 C", "基准客户群 D", "基准客户群 E"]

STATUS_WEIGHTS: dict[str, int] = {
    AccountStatus.ACTIVE: 70,
    AccountStatus.PROSPECT: 12,
    AccountStatus.DORMANT: 10,
    AccountStatus.LOST: 8,
}
CURRENCY_WEIGHTS: dict[str, int] = {Currency.CNY: 90, Currency.USD: 6, Currency.EUR: 4}
INDUSTRY_WORDS: dict[str, str] = {
    Industry.MANUFACTURING: "精密制造",
    Industry.ENERGY: "能源",
    Industry.AUTOMOTIVE: "汽车",
    Industry.FINANCE: "金融服务",
    Industry.TELECOM: "通信",
    Industry.HEALTHCARE: "医药",
    Industry.RETAIL: "商贸",
    Industry.TRANSPORT: "物流",
    Industry.TECHNOLOGY: "科技",
    Industry.PUBLIC_SECTOR: "数字政务",
    Industry.CONSTRUCTION: "建设",
    Industry.OTHER: "实业",
}
CITIES = ["上海", "北京", "深圳", "杭州", "苏州", "成都", "武汉", "南京", "西安", "天津", "重庆"]
BRANDS = ["华信", "远航", "恒通", "瑞丰", "中联", "新锐", "博远", "同创", "天成", "宏达", "海川"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭"
GIVEN_NAMES = [
    "伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "勇", "军", "杰", "涛", "超", "霞",
    "建华", "志强", "秀英", "海燕", "晓东", "文博", "子涵", "国栋", "丽华", "振宇", "雪梅",
]  # fmt: skip

DEPARTMENTS = [
    ("信息中心", Function.INFORMATION_TECHNOLOGY),
    ("采购部", Function.PROCUREMENT),
    ("生产运营部", Function.PRODUCTION),
    ("财务部", Function.FINANCE),
    ("质量管理部", Function.QUALITY),
    ("技术研发中心", Function.RESEARCH_DEVELOPMENT),
    ("市场营销部", Function.MARKETING_SALES),
    ("人力资源部", Function.HUMAN_RESOURCES),
    ("法务合规部", Function.LEGAL_COMPLIANCE),
    ("战略发展部", Function.STRATEGY),
    ("设备维护部", Function.SERVICE_MAINTENANCE),
]
EXECUTIVE_TITLES: dict[str, str] = {
    Function.INFORMATION_TECHNOLOGY: "首席信息官",
    Function.FINANCE: "财务总监",
    Function.PRODUCTION: "副总经理（分管生产）",
    Function.RESEARCH_DEVELOPMENT: "总工程师",
    Function.MARKETING_SALES: "营销副总裁",
    Function.HUMAN_RESOURCES: "人力资源总监",
}
STAFF_TITLES: dict[str, list[str]] = {
    Function.INFORMATION_TECHNOLOGY: ["系统工程师", "网络工程师", "数据分析师"],
    Function.PROCUREMENT: ["采购专员", "采购工程师"],
    Function.PRODUCTION: ["车间主任", "班组长", "工艺工程师"],
    Function.FINANCE: ["会计", "财务分析师"],
    Function.QUALITY: ["质量工程师", "质检主管"],
    Function.SERVICE_MAINTENANCE: ["设备主管", "维修工程师"],
}
NUMERALS = "一二三四五六七八九十"


@dataclass
class AccountOrg:
    """What one account's org units and leaders are, while the layers are built."""

    account: Account
    root: OrgUnit = field(init=False)  # set by _create_org_units
    departments: list[OrgUnit] = field(default_factory=list)
    sections: dict[int, list[OrgUnit]] = field(default_factory=dict)  # by department pk
    chief: Contact = field(init=False)  # set by _create_contacts
    executives: list[Contact] = field(default_factory=list)
    middle_managers: list[Contact] = field(default_factory=list)


def _bulk(model: type[ModelType], rows: list[ModelType]) -> int:
    if issubclass(model, NameSortKeyModel):  # bulk_create skips save(), which fills the key
        for row in rows:
            row.name_sort_key = name_sort_key(row.name)  # type: ignore[attr-defined]  # checked above
    model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _layer_sizes(contacts_per_account: int) -> tuple[int, int, int]:
    """Executives, middle managers and staff under the one CEO: about 10 % / 30 % / 60 %."""
    below_chief = contacts_per_account - 1
    executives = min(round(contacts_per_account * 0.1), below_chief)
    middle = min(round(contacts_per_account * 0.3), below_chief - executives)
    return executives, middle, below_chief - executives - middle


def _unit_split(units_per_account: int) -> tuple[int, int]:
    """Departments under the root unit and sections under the departments."""
    below_root = units_per_account - 1
    departments = min(below_root, max(1, round(below_root * 0.6))) if below_root else 0
    return departments, below_root - departments


class DatasetGenerator:
    """Generates accounts, teams, org units and contacts in bulk with a seeded random source."""

    def __init__(self, *, rng: random.Random, accounts: int, contacts: int, org_units: int) -> None:
        self.rng = rng
        self.account_count = accounts
        self.contacts_per_account = contacts
        self.units_per_account = org_units

    def run(self) -> dict[str, int]:
        managers, new_users = self._ensure_users()
        groups = self._ensure_groups()
        accounts = self._create_accounts(managers, groups)
        orgs = [AccountOrg(account=account) for account in accounts]
        return {
            "new users": new_users,
            "accounts": len(accounts),
            "team memberships": self._create_memberships(accounts, managers),
            "org units": self._create_org_units(orgs),
            "contacts": self._create_contacts(orgs),
        }

    def _ensure_users(self) -> tuple[list[User], int]:
        """The bench managers and director; missing ones are created with the bench password."""
        wanted = {
            f"bench.manager.{n:02d}": Role.ACCOUNT_MANAGER for n in range(1, MANAGER_COUNT + 1)
        }
        wanted[DIRECTOR_USERNAME] = Role.DIRECTOR
        existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
        missing = [username for username in wanted if username not in existing]
        if missing:
            password = make_password(BENCH_PASSWORD)  # hashed once: all share one password
            new_users = [self._new_user(name, wanted[name], password) for name in missing]
            _bulk(User, new_users)
        managers = User.objects.filter(username__startswith="bench.manager.", username__in=wanted)
        return list(managers.order_by("username")), len(missing)

    def _new_user(self, username: str, role: str, password: str) -> User:
        job_title, seniority = BENCH_JOBS[role]
        return User(
            username=username,
            password=password,
            role=role,
            display_name=self._person_name(),
            job_title=job_title,
            seniority=seniority,
            email=f"{username}@kam-bench.example.com",
        )

    def _ensure_groups(self) -> list[AccountGroup]:
        return [
            AccountGroup.objects.get_or_create(name=name, defaults={"description": "Bench data"})[0]
            for name in GROUP_NAMES
        ]

    def _create_accounts(self, managers: list[User], groups: list[AccountGroup]) -> list[Account]:
        """Accounts spread over owners, industries, regions and statuses; some subsidiaries."""
        first_number = Account.objects.count() + 1
        accounts = [
            self._new_account(first_number + offset, managers[offset % len(managers)], groups)
            for offset in range(self.account_count)
        ]
        is_subsidiary = [i % SUBSIDIARY_EVERY == SUBSIDIARY_EVERY - 1 for i in range(len(accounts))]
        parents = [a for a, flag in zip(accounts, is_subsidiary, strict=True) if not flag]
        subsidiaries = [a for a, flag in zip(accounts, is_subsidiary, strict=True) if flag]
        _bulk(Account, parents)
        for subsidiary in subsidiaries:
            subsidiary.parent = self.rng.choice(parents)
        _bulk(Account, subsidiaries)
        return accounts

    def _new_account(self, number: int, owner: User, groups: list[AccountGroup]) -> Account:
        industry = self.rng.choice(Industry.values)
        revenue = Decimal(int(self.rng.lognormvariate(16, 1.2))).quantize(Decimal("0.01"))
        alternate = (
            f"{self.rng.choice(CITIES)}{self.rng.choice(BRANDS)}{INDUSTRY_WORDS[industry]}有限公司"
        )
        return Account(
            uuid=uuid.uuid4(),
            name=f"Account {number:06d} Co.",
            alternate_name=alternate,
            group=self.rng.choice(groups) if self.rng.random() < 0.6 else None,
            industry=industry,
            region=self.rng.choice(Region.values),
            status=self._weighted(STATUS_WEIGHTS),
            owner=owner,
            currency=self._weighted(CURRENCY_WEIGHTS),
            current_revenue=revenue,
        )

    def _create_memberships(self, accounts: list[Account], managers: list[User]) -> int:
        """The owner as account manager, plus one other manager in a supporting role."""
        roles = [TeamRole.SOLUTION, TeamRole.DELIVERY, TeamRole.SERVICE]
        rows = []
        for index, account in enumerate(accounts):
            owner_index = index % len(managers)
            rows.append(self._membership(account, managers[owner_index], TeamRole.ACCOUNT_MANAGER))
            if len(managers) > 1:
                other = (owner_index + self.rng.randint(1, len(managers) - 1)) % len(managers)
                rows.append(self._membership(account, managers[other], self.rng.choice(roles)))
        return _bulk(AccountTeamMembership, rows)

    def _membership(self, account: Account, user: User, team_role: str) -> AccountTeamMembership:
        return AccountTeamMembership(
            uuid=uuid.uuid4(), account=account, user=user, team_role=team_role
        )

    def _create_org_units(self, orgs: list[AccountOrg]) -> int:
        """Per account: the 总经办 root, departments under it, and sections under those."""
        department_count, section_count = _unit_split(self.units_per_account)
        for org in orgs:
            org.root = self._unit(org.account, None, "总经办", Function.GENERAL_MANAGEMENT)
        created = _bulk(OrgUnit, [org.root for org in orgs])
        for org in orgs:
            org.departments = [
                self._unit(org.account, org.root, name, function)
                for name, function in self._departments(department_count)
            ]
        created += _bulk(OrgUnit, [unit for org in orgs for unit in org.departments])
        sections = [self._sections(org, section_count) for org in orgs]
        return created + _bulk(OrgUnit, [unit for rows in sections for unit in rows])

    def _departments(self, count: int) -> list[tuple[str, str]]:
        """`count` department names and functions, unique under one root."""
        picked: list[tuple[str, str]] = self.rng.sample(DEPARTMENTS, min(count, len(DEPARTMENTS)))
        for extra in range(count - len(picked)):
            name, function = DEPARTMENTS[extra % len(DEPARTMENTS)]
            picked.append((f"{name}{extra // len(DEPARTMENTS) + 2}", function))
        return picked

    def _sections(self, org: AccountOrg, count: int) -> list[OrgUnit]:
        rows = []
        for index in range(count):
            department = org.departments[index % len(org.departments)]
            number = index // len(org.departments)
            suffix = f"{NUMERALS[number]}科" if number < len(NUMERALS) else f"{number + 1}科"
            unit = self._unit(
                org.account, department, department.name + suffix, department.function
            )
            org.sections.setdefault(department.pk, []).append(unit)
            rows.append(unit)
        return rows

    def _unit(self, account: Account, parent: OrgUnit | None, name: str, function: str) -> OrgUnit:
        if parent is None:
            level = Seniority.EXECUTIVE
        elif parent.parent_id is None:
            level = Seniority.MIDDLE
        else:
            level = Seniority.OPERATIONAL
        return OrgUnit(
            uuid=uuid.uuid4(),
            account=account,
            parent=parent,
            name=name,
            function=function,
            level=level,
        )

    def _create_contacts(self, orgs: list[AccountOrg]) -> int:
        """Four layers, each bulk-created before the next one points at it."""
        executives, middle, staff = _layer_sizes(self.contacts_per_account)
        for org in orgs:
            org.chief = self._contact(org, None, org.root, Seniority.EXECUTIVE, "总经理")
        created = _bulk(Contact, [org.chief for org in orgs])
        for org in orgs:
            org.executives = self._executives(org, executives)
        created += _bulk(Contact, [person for org in orgs for person in org.executives])
        for org in orgs:
            org.middle_managers = self._middle_managers(org, middle)
        created += _bulk(Contact, [person for org in orgs for person in org.middle_managers])
        rows = [self._staff(org) for org in orgs for _ in range(staff)]
        return created + _bulk(Contact, rows)

    def _executives(self, org: AccountOrg, count: int) -> list[Contact]:
        """Distinct executive posts first (CIO, CFO …), then deputy general managers."""
        functions = self.rng.sample(list(EXECUTIVE_TITLES), min(count, len(EXECUTIVE_TITLES)))
        people = []
        for index in range(count):
            function = functions[index] if index < len(functions) else Function.GENERAL_MANAGEMENT
            title = EXECUTIVE_TITLES.get(function, "副总经理")
            contact = self._contact(org, org.chief, org.root, Seniority.EXECUTIVE, title)
            contact.function = function
            people.append(contact)
        return people

    def _middle_managers(self, org: AccountOrg, count: int) -> list[Contact]:
        """Department heads and deputies, reporting to the executive of their function if any."""
        people = []
        heads_per_unit: dict[int, int] = {}
        for _ in range(count):
            unit = self.rng.choice(org.departments or [org.root])
            peers = [person for person in org.executives if person.function == unit.function]
            manager = self.rng.choice(peers or org.executives or [org.chief])
            rank = heads_per_unit.get(unit.pk, 0)
            heads_per_unit[unit.pk] = rank + 1
            title = f"{unit.name}{'经理' if rank == 0 else '副经理'}"
            people.append(self._contact(org, manager, unit, Seniority.MIDDLE, title))
        return people

    def _staff(self, org: AccountOrg) -> Contact:
        manager = self.rng.choice(org.middle_managers or org.executives or [org.chief])
        home = manager.org_unit or org.root  # every generated manager has a unit
        unit = self.rng.choice(org.sections.get(home.pk) or [home])
        title = self.rng.choice(STAFF_TITLES.get(unit.function, ["专员", "主管"]))
        return self._contact(org, manager, unit, Seniority.OPERATIONAL, title)

    def _contact(
        self,
        org: AccountOrg,
        manager: Contact | None,
        unit: OrgUnit,
        seniority: str,
        title: str,
    ) -> Contact:
        serial = self.rng.randint(0, 99_999_999)
        has_phone = self.rng.random() < 0.4
        return Contact(
            uuid=uuid.uuid4(),
            account=org.account,
            org_unit=unit,
            name=self._person_name(),
            title=title,
            seniority=seniority,
            function=unit.function,
            reports_to=manager,
            email=f"c{serial:08d}@a{org.account.pk}.example.cn" if self.rng.random() < 0.5 else "",
            phone=f"139 {serial % 10_000:04d} {serial // 10_000:04d}" if has_phone else "",
        )

    def _person_name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES)

    def _weighted(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]


class Command(BaseCommand):
    help = "Generate scale data in bulk (no audit): accounts, teams, org units and contacts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--accounts", type=int, required=True, help="accounts to create")
        parser.add_argument(
            "--contacts-per-account", type=int, required=True, help="contacts per account"
        )
        parser.add_argument(
            "--org-units-per-account", type=int, default=8, help="org units per account"
        )
        parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")

    def handle(self, *args: object, **options: Any) -> None:
        sizes = {
            "accounts": options["accounts"],
            "contacts": options["contacts_per_account"],
            "org_units": options["org_units_per_account"],
        }
        if min(sizes.values()) < 1:
            raise CommandError("Every size (accounts, contacts, org units) must be at least 1.")
        started = time.perf_counter()
        with transaction.atomic():
            generator = DatasetGenerator(rng=random.Random(options["seed"]), **sizes)
            counts = generator.run()
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary} in {elapsed:.1f} s."))
        last = f"bench.manager.{MANAGER_COUNT:02d}"
        logins = f"{DIRECTOR_USERNAME}, bench.manager.01 … {last}"
        self.stdout.write(f"Bench logins: {logins} (password {BENCH_PASSWORD}).")

"""`manage.py seed_demo [--if-empty]`: a demo portfolio a KAM director recognises.

Everything is written through the services as the demo administrator, so the audit trail
shows where each record came from. The random seed is fixed: every run builds the same data.
"""

import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from kam.accounts.access import accounts_visible_to
from kam.accounts.choices import AccountStatus, Currency, Industry, Region, TeamRole
from kam.accounts.models import Account, AccountGroup
from kam.accounts.services import (
    account_create,
    account_group_create,
    competitor_create,
    team_member_add,
)
from kam.people.choices import Function
from kam.people.models import Contact, OrgUnit
from kam.people.services import contact_create, org_unit_create
from kam.users.choices import PORTFOLIO_ROLES, Role, Seniority
from kam.users.models import User

DEMO_PASSWORD = "demo1234"  # noqa: S105 - the documented password of every demo login
RANDOM_SEED = 20240601
MAX_ORG_UNITS = 12
CONTACTS_PER_ACCOUNT = (12, 16)

EXECUTIVE, MIDDLE, OPERATIONAL = Seniority.EXECUTIVE, Seniority.MIDDLE, Seniority.OPERATIONAL
GM, IT, PROC = Function.GENERAL_MANAGEMENT, Function.INFORMATION_TECHNOLOGY, Function.PROCUREMENT
PROD, FIN, QUAL = Function.PRODUCTION, Function.FINANCE, Function.QUALITY
RND, HR, LEGAL = Function.RESEARCH_DEVELOPMENT, Function.HUMAN_RESOURCES, Function.LEGAL_COMPLIANCE
SERVICE, SALES = Function.SERVICE_MAINTENANCE, Function.MARKETING_SALES


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    job_title: str
    seniority: str


@dataclass(frozen=True)
class UnitTemplate:
    key: str
    name: str
    parent: str | None
    function: str
    level: str
    is_optional: bool = False


@dataclass(frozen=True)
class RoleTemplate:
    """One position in a customer's organisation; `manager` is the key of an earlier role."""

    key: str
    title: str
    seniority: str
    function: str
    unit: str
    manager: str | None


@dataclass(frozen=True)
class DemoAccount:
    key: str
    name: str
    alternate_name: str
    industry: str
    region: str
    owner: str
    revenue: str
    profile: str
    domain: str
    status: str = AccountStatus.ACTIVE
    currency: str = Currency.CNY
    parent: str = ""
    group: str = ""
    team: tuple[tuple[str, str], ...] = ()
    description: str = ""


DEMO_USERS = [
    DemoUser("admin", Role.ADMINISTRATOR, "周涛", "系统管理员", MIDDLE),
    DemoUser("director", Role.DIRECTOR, "刘建国", "大客户部总监", EXECUTIVE),
    DemoUser("manager.li", Role.ACCOUNT_MANAGER, "李明", "高级大客户经理", MIDDLE),
    DemoUser("manager.wang", Role.ACCOUNT_MANAGER, "王芳", "大客户经理", MIDDLE),
    DemoUser("member.chen", Role.TEAM_MEMBER, "陈浩", "解决方案顾问", OPERATIONAL),
    DemoUser("member.zhao", Role.TEAM_MEMBER, "赵静", "交付经理", OPERATIONAL),
    DemoUser("viewer.sun", Role.VIEWER, "孙丽", "财务分析师", OPERATIONAL),
]

DEMO_GROUPS = {
    "energy": ("能源与公用事业客户群", "发电、电网与配售电客户：共享行业方案与高层互访计划。"),
    "manufacturing": ("汽车与制造客户群", "整车、零部件与重工制造客户：以工厂数字化为主线。"),
    "finance_public": ("金融与公共部门客户群", "银行与政务客户：重视合规、安全与长期服务。"),
}

DEMO_COMPETITORS = [
    ("华为 Huawei", "https://www.huawei.com", "ICT 与行业数字化方案，能源和政务客户高层关系强。"),
    (
        "施耐德电气 Schneider Electric",
        "https://www.se.com",
        "配电与能效管理，电力和制造客户份额高。",
    ),
    ("ABB", "https://new.abb.com", "电气化与自动化产品，在发电与汽车产线自动化领域竞争。"),
    (
        "霍尼韦尔 Honeywell",
        "https://www.honeywell.com",
        "过程控制与楼宇自动化，医药和物流客户有存量。",
    ),
]

SOLUTION, DELIVERY, OTHER = TeamRole.SOLUTION, TeamRole.DELIVERY, TeamRole.OTHER
SPONSOR, TEAM_SERVICE = TeamRole.EXECUTIVE_SPONSOR, TeamRole.SERVICE

DEMO_ACCOUNTS = [
    DemoAccount(
        "ecp", "华东电力集团", "East China Power Group", Industry.ENERGY, Region.EAST_CHINA,
        "manager.li", "86000000", "industrial", "ecpower.example.cn", group="energy",
        team=(("director", SPONSOR), ("member.chen", SOLUTION), ("viewer.sun", OTHER)),
        description="区域综合能源集团，下辖发电与配售电业务。",
    ),
    DemoAccount(
        "ecp_sh", "华东电力上海发电有限公司", "East China Power Shanghai Generation Co., Ltd.",
        Industry.ENERGY, Region.EAST_CHINA, "manager.li", "32500000", "industrial",
        "sh.ecpower.example.cn", parent="ecp", group="energy", team=(("member.chen", SOLUTION),),
    ),
    DemoAccount(
        "ecp_js", "华东电力江苏配售电有限公司", "East China Power Jiangsu Distribution Co., Ltd.",
        Industry.ENERGY, Region.EAST_CHINA, "manager.li", "18800000", "industrial",
        "js.ecpower.example.cn", parent="ecp", group="energy", team=(("member.zhao", DELIVERY),),
    ),
    DemoAccount(
        "cja", "长江汽车集团", "Changjiang Automotive Group", Industry.AUTOMOTIVE,
        Region.CENTRAL_CHINA, "manager.wang", "64000000", "industrial", "cjauto.example.cn",
        group="manufacturing",
        team=(
            ("director", SPONSOR),
            ("member.chen", SOLUTION),
            ("member.zhao", DELIVERY),
            ("viewer.sun", OTHER),
        ),
        description="整车集团，正推进新能源转型与数字化工厂建设。",
    ),
    DemoAccount(
        "cja_nev", "长江新能源汽车有限公司", "Changjiang New Energy Vehicle Co., Ltd.",
        Industry.AUTOMOTIVE, Region.CENTRAL_CHINA, "manager.wang", "27000000", "industrial",
        "nev.cjauto.example.cn", parent="cja", group="manufacturing",
        team=(("member.zhao", DELIVERY),),
    ),
    DemoAccount(
        "cja_parts", "长江汽车零部件有限公司", "Changjiang Auto Parts Co., Ltd.",
        Industry.MANUFACTURING, Region.CENTRAL_CHINA, "manager.wang", "9600000", "industrial",
        "parts.cjauto.example.cn", parent="cja", group="manufacturing",
    ),
    DemoAccount(
        "shc", "Siemens Healthineers China", "西门子医疗中国", Industry.HEALTHCARE,
        Region.EAST_CHINA, "manager.li", "15200000", "foreign", "healthineers-cn.example.com",
        team=(("member.chen", SOLUTION),),
    ),
    DemoAccount(
        "northwind", "Northwind Pharmaceuticals (Suzhou) Co., Ltd.", "诺风制药（苏州）有限公司",
        Industry.HEALTHCARE, Region.EAST_CHINA, "manager.wang", "2350000", "foreign",
        "northwind-pharma.example.com", currency=Currency.USD,
        team=(("member.zhao", TEAM_SERVICE),),
    ),
    DemoAccount(
        "scb", "华南城市商业银行", "South China City Commercial Bank", Industry.FINANCE,
        Region.SOUTH_CHINA, "manager.li", "22000000", "bank", "scbank.example.cn",
        group="finance_public", team=(("member.chen", SOLUTION), ("viewer.sun", OTHER)),
    ),
    DemoAccount(
        "bluesea", "蓝海国际物流股份有限公司", "BlueSea International Logistics Co., Ltd.",
        Industry.TRANSPORT, Region.SOUTH_CHINA, "manager.wang", "7800000", "industrial",
        "bluesea-logistics.example.cn", team=(("member.zhao", DELIVERY),),
    ),
    DemoAccount(
        "wdgsc", "西部数字政务服务中心", "Western Digital Government Service Center",
        Industry.PUBLIC_SECTOR, Region.SOUTHWEST_CHINA, "manager.li", "0", "public",
        "wdgsc.example.gov.cn", status=AccountStatus.PROSPECT, group="finance_public",
        description="一网通办平台升级项目预计明年立项。",
    ),
    DemoAccount(
        "nhs", "北方重工钢铁有限公司", "Northern Heavy Steel Co., Ltd.", Industry.MANUFACTURING,
        Region.NORTHEAST_CHINA, "manager.wang", "3200000", "industrial", "nhsteel.example.cn",
        status=AccountStatus.DORMANT, group="manufacturing",
    ),
    DemoAccount(
        "zkcloud", "中科智云科技有限公司", "Zhongke Smart Cloud Technology Co., Ltd.",
        Industry.TECHNOLOGY, Region.NORTH_CHINA, "manager.li", "12500000", "industrial",
        "zkcloud.example.cn", team=(("member.zhao", DELIVERY),),
    ),
]  # fmt: skip

U, R = UnitTemplate, RoleTemplate
UNIT_TEMPLATES = {
    "industrial": [
        U("gm", "总经办", None, GM, EXECUTIVE),
        U("it", "信息中心", "gm", IT, MIDDLE),
        U("procurement", "采购部", "gm", PROC, MIDDLE),
        U("production", "生产运营部", "gm", PROD, MIDDLE),
        U("finance", "财务部", "gm", FIN, MIDDLE),
        U("quality", "质量管理部", "gm", QUAL, MIDDLE),
        U("workshop1", "一车间", "production", PROD, OPERATIONAL),
        U("infra", "基础架构科", "it", IT, OPERATIONAL),
        U("rnd", "技术研发中心", "gm", RND, MIDDLE, is_optional=True),
        U("workshop2", "二车间", "production", PROD, OPERATIONAL, is_optional=True),
        U("maintenance", "设备维护部", "production", SERVICE, OPERATIONAL, is_optional=True),
        U("strategy", "战略发展部", "gm", Function.STRATEGY, MIDDLE, is_optional=True),
        U("hr", "人力资源部", "gm", HR, MIDDLE, is_optional=True),
    ],
    "bank": [
        U("gm", "行长室", None, GM, EXECUTIVE),
        U("it", "金融科技部", "gm", IT, MIDDLE),
        U("operations", "运营管理部", "gm", PROD, MIDDLE),
        U("risk", "风险管理部", "gm", LEGAL, MIDDLE),
        U("finance", "计划财务部", "gm", FIN, MIDDLE),
        U("procurement", "集中采购中心", "gm", PROC, MIDDLE),
        U("retail", "零售银行部", "gm", SALES, MIDDLE),
        U("datacenter", "数据中心", "it", IT, OPERATIONAL),
        U("security", "信息安全处", "it", IT, OPERATIONAL),
        U("corporate", "公司银行部", "gm", SALES, MIDDLE, is_optional=True),
        U("hr", "人力资源部", "gm", HR, MIDDLE, is_optional=True),
        U("compliance", "法律合规部", "gm", LEGAL, MIDDLE, is_optional=True),
    ],
    "public": [
        U("gm", "中心领导班子", None, GM, EXECUTIVE),
        U("office", "综合办公室", "gm", GM, MIDDLE),
        U("it", "信息技术处", "gm", IT, MIDDLE),
        U("service", "政务服务处", "gm", SERVICE, MIDDLE),
        U("finance", "财务处", "gm", FIN, MIDDLE),
        U("procurement", "采购管理科", "finance", PROC, OPERATIONAL),
        U("data", "数据资源科", "it", IT, OPERATIONAL),
        U("ops", "运维保障科", "it", SERVICE, OPERATIONAL),
        U("hall", "政务大厅", "service", SERVICE, OPERATIONAL, is_optional=True),
        U("legal", "法规科", "office", LEGAL, OPERATIONAL, is_optional=True),
        U("hr", "人事处", "gm", HR, MIDDLE, is_optional=True),
    ],
    "foreign": [
        U("gm", "General Management", None, GM, EXECUTIVE),
        U("it", "IT", "gm", IT, MIDDLE),
        U("procurement", "Procurement", "gm", PROC, MIDDLE),
        U("operations", "Operations", "gm", PROD, MIDDLE),
        U("finance", "Finance", "gm", FIN, MIDDLE),
        U("quality", "Quality & Regulatory Affairs", "gm", QUAL, MIDDLE),
        U("plant", "Manufacturing Site", "operations", PROD, OPERATIONAL),
        U("infra", "IT Infrastructure", "it", IT, OPERATIONAL),
        U("rnd", "R&D Center", "gm", RND, MIDDLE, is_optional=True),
        U("service", "Customer Service", "operations", SERVICE, OPERATIONAL, is_optional=True),
        U("hr", "Human Resources", "gm", HR, MIDDLE, is_optional=True),
        U("legal", "Legal & Compliance", "gm", LEGAL, MIDDLE, is_optional=True),
    ],
}

ROLE_TEMPLATES = {
    "industrial": [
        R("ceo", "总经理", EXECUTIVE, GM, "gm", None),
        R("vp_ops", "副总经理（分管生产）", EXECUTIVE, PROD, "gm", "ceo"),
        R("cfo", "财务总监", EXECUTIVE, FIN, "finance", "ceo"),
        R("cio", "首席信息官（CIO）", EXECUTIVE, IT, "it", "ceo"),
        R("proc_dir", "采购总监", MIDDLE, PROC, "procurement", "vp_ops"),
        R("prod_dir", "生产运营部部长", MIDDLE, PROD, "production", "vp_ops"),
        R("it_mgr", "信息中心副主任", MIDDLE, IT, "it", "cio"),
        R("fin_mgr", "财务经理", MIDDLE, FIN, "finance", "cfo"),
        R("quality_dir", "质量管理部部长", MIDDLE, QUAL, "quality", "vp_ops"),
        R("workshop_head", "车间主任", OPERATIONAL, PROD, "workshop1", "prod_dir"),
        R("engineer", "系统工程师", OPERATIONAL, IT, "infra", "it_mgr"),
        R("buyer", "采购专员", OPERATIONAL, PROC, "procurement", "proc_dir"),
        R("chief_engineer", "总工程师", EXECUTIVE, RND, "rnd", "ceo"),
        R("workshop_head2", "车间主任", OPERATIONAL, PROD, "workshop2", "prod_dir"),
        R("maint_lead", "设备主管", OPERATIONAL, SERVICE, "maintenance", "prod_dir"),
        R("hr_mgr", "人力资源部经理", MIDDLE, HR, "hr", "ceo"),
    ],
    "bank": [
        R("ceo", "行长", EXECUTIVE, GM, "gm", None),
        R("vp_tech", "副行长（分管金融科技）", EXECUTIVE, IT, "gm", "ceo"),
        R("cfo", "首席财务官", EXECUTIVE, FIN, "finance", "ceo"),
        R("cro", "首席风险官", EXECUTIVE, LEGAL, "risk", "ceo"),
        R("it_head", "金融科技部总经理", MIDDLE, IT, "it", "vp_tech"),
        R("ops_head", "运营管理部总经理", MIDDLE, PROD, "operations", "ceo"),
        R("proc_head", "集中采购中心主任", MIDDLE, PROC, "procurement", "cfo"),
        R("dc_head", "数据中心主任", MIDDLE, IT, "datacenter", "it_head"),
        R("sec_head", "信息安全处处长", MIDDLE, IT, "security", "it_head"),
        R("retail_head", "零售银行部总经理", MIDDLE, SALES, "retail", "ceo"),
        R("architect", "系统架构师", OPERATIONAL, IT, "datacenter", "dc_head"),
        R("buyer", "采购专员", OPERATIONAL, PROC, "procurement", "proc_head"),
        R("ops_engineer", "运维工程师", OPERATIONAL, SERVICE, "datacenter", "dc_head"),
        R("fin_mgr", "财务经理", MIDDLE, FIN, "finance", "cfo"),
        R("risk_mgr", "风险经理", OPERATIONAL, LEGAL, "risk", "cro"),
        R("security_engineer", "安全工程师", OPERATIONAL, IT, "security", "sec_head"),
    ],
    "public": [
        R("ceo", "中心主任", EXECUTIVE, GM, "gm", None),
        R("deputy_it", "副主任（分管信息化）", EXECUTIVE, IT, "gm", "ceo"),
        R("deputy_service", "副主任（分管政务服务）", EXECUTIVE, SERVICE, "gm", "ceo"),
        R("office_head", "综合办公室主任", MIDDLE, GM, "office", "ceo"),
        R("it_head", "信息技术处处长", MIDDLE, IT, "it", "deputy_it"),
        R("service_head", "政务服务处处长", MIDDLE, SERVICE, "service", "deputy_service"),
        R("finance_head", "财务处处长", MIDDLE, FIN, "finance", "ceo"),
        R("procurement_head", "采购管理科科长", OPERATIONAL, PROC, "procurement", "finance_head"),
        R("data_head", "数据资源科科长", OPERATIONAL, IT, "data", "it_head"),
        R("ops_head", "运维保障科科长", OPERATIONAL, SERVICE, "ops", "it_head"),
        R("sysadmin", "系统管理员", OPERATIONAL, IT, "data", "data_head"),
        R("network_engineer", "网络工程师", OPERATIONAL, IT, "ops", "ops_head"),
        R("clerk", "政务服务专员", OPERATIONAL, SERVICE, "hall", "service_head"),
        R("accountant", "会计", OPERATIONAL, FIN, "finance", "finance_head"),
        R("legal_head", "法规科科长", OPERATIONAL, LEGAL, "legal", "office_head"),
        R("hr_head", "人事处处长", MIDDLE, HR, "hr", "ceo"),
    ],
    "foreign": [
        R("ceo", "General Manager, China", EXECUTIVE, GM, "gm", None),
        R("vp_ops", "VP Operations", EXECUTIVE, PROD, "gm", "ceo"),
        R("cfo", "CFO", EXECUTIVE, FIN, "finance", "ceo"),
        R("cio", "CIO", EXECUTIVE, IT, "it", "ceo"),
        R("proc_head", "Head of Procurement", MIDDLE, PROC, "procurement", "vp_ops"),
        R("plant_manager", "Plant Manager", MIDDLE, PROD, "plant", "vp_ops"),
        R("it_manager", "IT Infrastructure Manager", MIDDLE, IT, "infra", "cio"),
        R("controller", "Finance Controller", MIDDLE, FIN, "finance", "cfo"),
        R("quality_head", "Head of Quality & Regulatory", MIDDLE, QUAL, "quality", "vp_ops"),
        R("supervisor", "Production Supervisor", OPERATIONAL, PROD, "plant", "plant_manager"),
        R("engineer", "Systems Engineer", OPERATIONAL, IT, "infra", "it_manager"),
        R("buyer", "Senior Buyer", OPERATIONAL, PROC, "procurement", "proc_head"),
        R("rnd_head", "R&D Director", EXECUTIVE, RND, "rnd", "ceo"),
        R("service_lead", "Service Team Lead", OPERATIONAL, SERVICE, "service", "vp_ops"),
        R("hr_head", "HR Director", MIDDLE, HR, "hr", "ceo"),
        R("compliance", "Compliance Manager", MIDDLE, LEGAL, "legal", "cfo"),
    ],
}

# Industry wording of the "industrial" template: unit names and titles that differ by trade.
INDUSTRY_WORDING: dict[str, dict[str, dict[str, str]]] = {
    Industry.ENERGY: {
        "units": {"production": "生产技术部", "workshop1": "运行一值", "workshop2": "运行二值",
                  "maintenance": "检修分场"},
        "titles": {"prod_dir": "生产技术部主任", "workshop_head": "值长",
                   "workshop_head2": "值长", "maint_lead": "检修主管"},
    },
    Industry.AUTOMOTIVE: {
        "units": {"workshop1": "冲压车间", "workshop2": "总装车间", "rnd": "汽车工程研究院"},
        "titles": {"chief_engineer": "研究院院长"},
    },
    Industry.TRANSPORT: {
        "units": {"production": "运营中心", "workshop1": "华南分拨中心",
                  "workshop2": "华东分拨中心", "maintenance": "车队管理部",
                  "quality": "安全质量部"},
        "titles": {"vp_ops": "副总经理（分管运营）", "prod_dir": "运营中心总监",
                   "workshop_head": "分拨中心主管", "workshop_head2": "分拨中心主管",
                   "maint_lead": "车队主管", "quality_dir": "安全质量部部长"},
    },
    Industry.TECHNOLOGY: {
        "units": {"production": "交付运营部", "workshop1": "云平台运维组",
                  "workshop2": "客户交付组", "rnd": "研究院"},
        "titles": {"vp_ops": "副总经理（分管交付）", "prod_dir": "交付运营部总监",
                   "workshop_head": "运维组长", "workshop_head2": "交付组长",
                   "chief_engineer": "首席技术官（CTO）"},
    },
}  # fmt: skip

CHINESE_SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"),
    ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
]  # fmt: skip
CHINESE_GIVEN_NAMES = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("磊", "lei"),
    ("强", "qiang"), ("洋", "yang"), ("艳", "yan"), ("勇", "yong"), ("军", "jun"), ("杰", "jie"),
    ("涛", "tao"), ("超", "chao"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("建华", "jianhua"), ("志强", "zhiqiang"), ("秀英", "xiuying"), ("海燕", "haiyan"),
    ("晓东", "xiaodong"), ("文博", "wenbo"), ("子涵", "zihan"), ("国栋", "guodong"),
    ("丽华", "lihua"), ("振宇", "zhenyu"), ("雪梅", "xuemei"), ("宏伟", "hongwei"),
    ("佳怡", "jiayi"), ("俊杰", "junjie"), ("慧敏", "huimin"), ("立新", "lixin"),
    ("春燕", "chunyan"), ("德明", "deming"), ("思远", "siyuan"), ("婷婷", "tingting"),
    ("永刚", "yonggang"),
]  # fmt: skip
ENGLISH_FIRST_NAMES = [
    "Kevin", "Linda", "Michael", "Grace", "David", "Helen", "Jason", "Cathy", "Eric", "Vivian",
    "Frank", "Sophia", "Peter", "Amy", "Daniel", "Iris", "Thomas", "Emma", "Richard", "Claire",
    "Andy", "Joyce", "Martin", "Nancy", "Steven", "Olivia", "Leo", "Sandy", "Victor", "Wendy",
]  # fmt: skip
ENGLISH_SURNAMES = [
    "Schmidt", "Miller", "Wagner", "Becker", "Smith", "Johnson", "Brown", "Fischer", "Taylor",
]  # fmt: skip


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
            counts = DemoSeeder(rng=random.Random(RANDOM_SEED)).run()
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

"""The demo portfolio as data: logins, groups, competitors, accounts and org templates.

`manage.py seed_demo` turns these tables into records. Each account takes the org units and
positions of its profile (industrial, bank, public or foreign); `INDUSTRY_WORDING` renames the
units and titles of the industrial profile per trade, and the name pools give people names.
"""

from dataclasses import dataclass

from kam.accounts.choices import AccountStatus, Currency, Industry, Region, TeamRole
from kam.people.choices import Function
from kam.users.choices import Role, Seniority


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
    DemoUser("admin", Role.ADMINISTRATOR, "周涛", "系统管理员", Seniority.MIDDLE),
    DemoUser("director", Role.DIRECTOR, "刘建国", "大客户部总监", Seniority.EXECUTIVE),
    DemoUser("manager.li", Role.ACCOUNT_MANAGER, "李明", "高级大客户经理", Seniority.MIDDLE),
    DemoUser("manager.wang", Role.ACCOUNT_MANAGER, "王芳", "大客户经理", Seniority.MIDDLE),
    DemoUser("member.chen", Role.TEAM_MEMBER, "陈浩", "解决方案顾问", Seniority.OPERATIONAL),
    DemoUser("member.zhao", Role.TEAM_MEMBER, "赵静", "交付经理", Seniority.OPERATIONAL),
    DemoUser("viewer.sun", Role.VIEWER, "孙丽", "财务分析师", Seniority.OPERATIONAL),
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

DEMO_ACCOUNTS = [
    DemoAccount(
        "ecp", "华东电力集团", "East China Power Group", Industry.ENERGY, Region.EAST_CHINA,
        "manager.li", "86000000", "industrial", "ecpower.example.cn", group="energy",
        team=(
            ("director", TeamRole.EXECUTIVE_SPONSOR),
            ("member.chen", TeamRole.SOLUTION),
            ("viewer.sun", TeamRole.OTHER),
        ),
        description="区域综合能源集团，下辖发电与配售电业务。",
    ),
    DemoAccount(
        "ecp_sh", "华东电力上海发电有限公司", "East China Power Shanghai Generation Co., Ltd.",
        Industry.ENERGY, Region.EAST_CHINA, "manager.li", "32500000", "industrial",
        "sh.ecpower.example.cn", parent="ecp", group="energy",
        team=(("member.chen", TeamRole.SOLUTION),),
    ),
    DemoAccount(
        "ecp_js", "华东电力江苏配售电有限公司", "East China Power Jiangsu Distribution Co., Ltd.",
        Industry.ENERGY, Region.EAST_CHINA, "manager.li", "18800000", "industrial",
        "js.ecpower.example.cn", parent="ecp", group="energy",
        team=(("member.zhao", TeamRole.DELIVERY),),
    ),
    DemoAccount(
        "cja", "长江汽车集团", "Changjiang Automotive Group", Industry.AUTOMOTIVE,
        Region.CENTRAL_CHINA, "manager.wang", "64000000", "industrial", "cjauto.example.cn",
        group="manufacturing",
        team=(
            ("director", TeamRole.EXECUTIVE_SPONSOR),
            ("member.chen", TeamRole.SOLUTION),
            ("member.zhao", TeamRole.DELIVERY),
            ("viewer.sun", TeamRole.OTHER),
        ),
        description="整车集团，正推进新能源转型与数字化工厂建设。",
    ),
    DemoAccount(
        "cja_nev", "长江新能源汽车有限公司", "Changjiang New Energy Vehicle Co., Ltd.",
        Industry.AUTOMOTIVE, Region.CENTRAL_CHINA, "manager.wang", "27000000", "industrial",
        "nev.cjauto.example.cn", parent="cja", group="manufacturing",
        team=(("member.zhao", TeamRole.DELIVERY),),
    ),
    DemoAccount(
        "cja_parts", "长江汽车零部件有限公司", "Changjiang Auto Parts Co., Ltd.",
        Industry.MANUFACTURING, Region.CENTRAL_CHINA, "manager.wang", "9600000", "industrial",
        "parts.cjauto.example.cn", parent="cja", group="manufacturing",
    ),
    DemoAccount(
        "shc", "Siemens Healthineers China", "西门子医疗中国", Industry.HEALTHCARE,
        Region.EAST_CHINA, "manager.li", "15200000", "foreign", "healthineers-cn.example.com",
        team=(("member.chen", TeamRole.SOLUTION),),
    ),
    DemoAccount(
        "northwind", "Northwind Pharmaceuticals (Suzhou) Co., Ltd.", "诺风制药（苏州）有限公司",
        Industry.HEALTHCARE, Region.EAST_CHINA, "manager.wang", "2350000", "foreign",
        "northwind-pharma.example.com", currency=Currency.USD,
        team=(("member.zhao", TeamRole.SERVICE),),
    ),
    DemoAccount(
        "scb", "华南城市商业银行", "South China City Commercial Bank", Industry.FINANCE,
        Region.SOUTH_CHINA, "manager.li", "22000000", "bank", "scbank.example.cn",
        group="finance_public",
        team=(("member.chen", TeamRole.SOLUTION), ("viewer.sun", TeamRole.OTHER)),
    ),
    DemoAccount(
        "bluesea", "蓝海国际物流股份有限公司", "BlueSea International Logistics Co., Ltd.",
        Industry.TRANSPORT, Region.SOUTH_CHINA, "manager.wang", "7800000", "industrial",
        "bluesea-logistics.example.cn", team=(("member.zhao", TeamRole.DELIVERY),),
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
        "zkcloud.example.cn", team=(("member.zhao", TeamRole.DELIVERY),),
    ),
]  # fmt: skip

UNIT_TEMPLATES = {
    "industrial": [
        UnitTemplate("gm", "总经办", None, Function.GENERAL_MANAGEMENT, Seniority.EXECUTIVE),
        UnitTemplate("it", "信息中心", "gm", Function.INFORMATION_TECHNOLOGY, Seniority.MIDDLE),
        UnitTemplate("procurement", "采购部", "gm", Function.PROCUREMENT, Seniority.MIDDLE),
        UnitTemplate("production", "生产运营部", "gm", Function.PRODUCTION, Seniority.MIDDLE),
        UnitTemplate("finance", "财务部", "gm", Function.FINANCE, Seniority.MIDDLE),
        UnitTemplate("quality", "质量管理部", "gm", Function.QUALITY, Seniority.MIDDLE),
        UnitTemplate("workshop1", "一车间", "production",
                     Function.PRODUCTION, Seniority.OPERATIONAL),
        UnitTemplate("infra", "基础架构科", "it",
                     Function.INFORMATION_TECHNOLOGY, Seniority.OPERATIONAL),
        UnitTemplate("rnd", "技术研发中心", "gm",
                     Function.RESEARCH_DEVELOPMENT, Seniority.MIDDLE, is_optional=True),
        UnitTemplate("workshop2", "二车间", "production",
                     Function.PRODUCTION, Seniority.OPERATIONAL, is_optional=True),
        UnitTemplate("maintenance", "设备维护部", "production",
                     Function.SERVICE_MAINTENANCE, Seniority.OPERATIONAL, is_optional=True),
        UnitTemplate("strategy", "战略发展部", "gm",
                     Function.STRATEGY, Seniority.MIDDLE, is_optional=True),
        UnitTemplate("hr", "人力资源部", "gm",
                     Function.HUMAN_RESOURCES, Seniority.MIDDLE, is_optional=True),
    ],
    "bank": [
        UnitTemplate("gm", "行长室", None, Function.GENERAL_MANAGEMENT, Seniority.EXECUTIVE),
        UnitTemplate("it", "金融科技部", "gm", Function.INFORMATION_TECHNOLOGY, Seniority.MIDDLE),
        UnitTemplate("operations", "运营管理部", "gm", Function.PRODUCTION, Seniority.MIDDLE),
        UnitTemplate("risk", "风险管理部", "gm", Function.LEGAL_COMPLIANCE, Seniority.MIDDLE),
        UnitTemplate("finance", "计划财务部", "gm", Function.FINANCE, Seniority.MIDDLE),
        UnitTemplate("procurement", "集中采购中心", "gm", Function.PROCUREMENT, Seniority.MIDDLE),
        UnitTemplate("retail", "零售银行部", "gm", Function.MARKETING_SALES, Seniority.MIDDLE),
        UnitTemplate("datacenter", "数据中心", "it",
                     Function.INFORMATION_TECHNOLOGY, Seniority.OPERATIONAL),
        UnitTemplate("security", "信息安全处", "it",
                     Function.INFORMATION_TECHNOLOGY, Seniority.OPERATIONAL),
        UnitTemplate("corporate", "公司银行部", "gm",
                     Function.MARKETING_SALES, Seniority.MIDDLE, is_optional=True),
        UnitTemplate("hr", "人力资源部", "gm",
                     Function.HUMAN_RESOURCES, Seniority.MIDDLE, is_optional=True),
        UnitTemplate("compliance", "法律合规部", "gm",
                     Function.LEGAL_COMPLIANCE, Seniority.MIDDLE, is_optional=True),
    ],
    "public": [
        UnitTemplate("gm", "中心领导班子", None, Function.GENERAL_MANAGEMENT, Seniority.EXECUTIVE),
        UnitTemplate("office", "综合办公室", "gm", Function.GENERAL_MANAGEMENT, Seniority.MIDDLE),
        UnitTemplate("it", "信息技术处", "gm", Function.INFORMATION_TECHNOLOGY, Seniority.MIDDLE),
        UnitTemplate("service", "政务服务处", "gm", Function.SERVICE_MAINTENANCE, Seniority.MIDDLE),
        UnitTemplate("finance", "财务处", "gm", Function.FINANCE, Seniority.MIDDLE),
        UnitTemplate("procurement", "采购管理科", "finance",
                     Function.PROCUREMENT, Seniority.OPERATIONAL),
        UnitTemplate("data", "数据资源科", "it",
                     Function.INFORMATION_TECHNOLOGY, Seniority.OPERATIONAL),
        UnitTemplate("ops", "运维保障科", "it",
                     Function.SERVICE_MAINTENANCE, Seniority.OPERATIONAL),
        UnitTemplate("hall", "政务大厅", "service",
                     Function.SERVICE_MAINTENANCE, Seniority.OPERATIONAL, is_optional=True),
        UnitTemplate("legal", "法规科", "office",
                     Function.LEGAL_COMPLIANCE, Seniority.OPERATIONAL, is_optional=True),
        UnitTemplate("hr", "人事处", "gm",
                     Function.HUMAN_RESOURCES, Seniority.MIDDLE, is_optional=True),
    ],
    "foreign": [
        UnitTemplate("gm", "General Management", None,
                     Function.GENERAL_MANAGEMENT, Seniority.EXECUTIVE),
        UnitTemplate("it", "IT", "gm", Function.INFORMATION_TECHNOLOGY, Seniority.MIDDLE),
        UnitTemplate("procurement", "Procurement", "gm", Function.PROCUREMENT, Seniority.MIDDLE),
        UnitTemplate("operations", "Operations", "gm", Function.PRODUCTION, Seniority.MIDDLE),
        UnitTemplate("finance", "Finance", "gm", Function.FINANCE, Seniority.MIDDLE),
        UnitTemplate("quality", "Quality & Regulatory Affairs", "gm",
                     Function.QUALITY, Seniority.MIDDLE),
        UnitTemplate("plant", "Manufacturing Site", "operations",
                     Function.PRODUCTION, Seniority.OPERATIONAL),
        UnitTemplate("infra", "IT Infrastructure", "it",
                     Function.INFORMATION_TECHNOLOGY, Seniority.OPERATIONAL),
        UnitTemplate("rnd", "R&D Center", "gm",
                     Function.RESEARCH_DEVELOPMENT, Seniority.MIDDLE, is_optional=True),
        UnitTemplate("service", "Customer Service", "operations",
                     Function.SERVICE_MAINTENANCE, Seniority.OPERATIONAL, is_optional=True),
        UnitTemplate("hr", "Human Resources", "gm",
                     Function.HUMAN_RESOURCES, Seniority.MIDDLE, is_optional=True),
        UnitTemplate("legal", "Legal & Compliance", "gm",
                     Function.LEGAL_COMPLIANCE, Seniority.MIDDLE, is_optional=True),
    ],
}  # fmt: skip

ROLE_TEMPLATES = {
    "industrial": [
        RoleTemplate("ceo", "总经理", Seniority.EXECUTIVE, Function.GENERAL_MANAGEMENT, "gm", None),
        RoleTemplate("vp_ops", "副总经理（分管生产）", Seniority.EXECUTIVE,
                     Function.PRODUCTION, "gm", "ceo"),
        RoleTemplate("cfo", "财务总监", Seniority.EXECUTIVE, Function.FINANCE, "finance", "ceo"),
        RoleTemplate("cio", "首席信息官（CIO）", Seniority.EXECUTIVE,
                     Function.INFORMATION_TECHNOLOGY, "it", "ceo"),
        RoleTemplate("proc_dir", "采购总监", Seniority.MIDDLE,
                     Function.PROCUREMENT, "procurement", "vp_ops"),
        RoleTemplate("prod_dir", "生产运营部部长", Seniority.MIDDLE,
                     Function.PRODUCTION, "production", "vp_ops"),
        RoleTemplate("it_mgr", "信息中心副主任", Seniority.MIDDLE,
                     Function.INFORMATION_TECHNOLOGY, "it", "cio"),
        RoleTemplate("fin_mgr", "财务经理", Seniority.MIDDLE, Function.FINANCE, "finance", "cfo"),
        RoleTemplate("quality_dir", "质量管理部部长", Seniority.MIDDLE,
                     Function.QUALITY, "quality", "vp_ops"),
        RoleTemplate("workshop_head", "车间主任", Seniority.OPERATIONAL,
                     Function.PRODUCTION, "workshop1", "prod_dir"),
        RoleTemplate("engineer", "系统工程师", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "infra", "it_mgr"),
        RoleTemplate("buyer", "采购专员", Seniority.OPERATIONAL,
                     Function.PROCUREMENT, "procurement", "proc_dir"),
        RoleTemplate("chief_engineer", "总工程师", Seniority.EXECUTIVE,
                     Function.RESEARCH_DEVELOPMENT, "rnd", "ceo"),
        RoleTemplate("workshop_head2", "车间主任", Seniority.OPERATIONAL,
                     Function.PRODUCTION, "workshop2", "prod_dir"),
        RoleTemplate("maint_lead", "设备主管", Seniority.OPERATIONAL,
                     Function.SERVICE_MAINTENANCE, "maintenance", "prod_dir"),
        RoleTemplate("hr_mgr", "人力资源部经理", Seniority.MIDDLE,
                     Function.HUMAN_RESOURCES, "hr", "ceo"),
    ],
    "bank": [
        RoleTemplate("ceo", "行长", Seniority.EXECUTIVE, Function.GENERAL_MANAGEMENT, "gm", None),
        RoleTemplate("vp_tech", "副行长（分管金融科技）", Seniority.EXECUTIVE,
                     Function.INFORMATION_TECHNOLOGY, "gm", "ceo"),
        RoleTemplate("cfo", "首席财务官", Seniority.EXECUTIVE, Function.FINANCE, "finance", "ceo"),
        RoleTemplate("cro", "首席风险官", Seniority.EXECUTIVE,
                     Function.LEGAL_COMPLIANCE, "risk", "ceo"),
        RoleTemplate("it_head", "金融科技部总经理", Seniority.MIDDLE,
                     Function.INFORMATION_TECHNOLOGY, "it", "vp_tech"),
        RoleTemplate("ops_head", "运营管理部总经理", Seniority.MIDDLE,
                     Function.PRODUCTION, "operations", "ceo"),
        RoleTemplate("proc_head", "集中采购中心主任", Seniority.MIDDLE,
                     Function.PROCUREMENT, "procurement", "cfo"),
        RoleTemplate("dc_head", "数据中心主任", Seniority.MIDDLE,
                     Function.INFORMATION_TECHNOLOGY, "datacenter", "it_head"),
        RoleTemplate("sec_head", "信息安全处处长", Seniority.MIDDLE,
                     Function.INFORMATION_TECHNOLOGY, "security", "it_head"),
        RoleTemplate("retail_head", "零售银行部总经理", Seniority.MIDDLE,
                     Function.MARKETING_SALES, "retail", "ceo"),
        RoleTemplate("architect", "系统架构师", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "datacenter", "dc_head"),
        RoleTemplate("buyer", "采购专员", Seniority.OPERATIONAL,
                     Function.PROCUREMENT, "procurement", "proc_head"),
        RoleTemplate("ops_engineer", "运维工程师", Seniority.OPERATIONAL,
                     Function.SERVICE_MAINTENANCE, "datacenter", "dc_head"),
        RoleTemplate("fin_mgr", "财务经理", Seniority.MIDDLE, Function.FINANCE, "finance", "cfo"),
        RoleTemplate("risk_mgr", "风险经理", Seniority.OPERATIONAL,
                     Function.LEGAL_COMPLIANCE, "risk", "cro"),
        RoleTemplate("security_engineer", "安全工程师", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "security", "sec_head"),
    ],
    "public": [
        RoleTemplate("ceo", "中心主任", Seniority.EXECUTIVE,
                     Function.GENERAL_MANAGEMENT, "gm", None),
        RoleTemplate("deputy_it", "副主任（分管信息化）", Seniority.EXECUTIVE,
                     Function.INFORMATION_TECHNOLOGY, "gm", "ceo"),
        RoleTemplate("deputy_service", "副主任（分管政务服务）", Seniority.EXECUTIVE,
                     Function.SERVICE_MAINTENANCE, "gm", "ceo"),
        RoleTemplate("office_head", "综合办公室主任", Seniority.MIDDLE,
                     Function.GENERAL_MANAGEMENT, "office", "ceo"),
        RoleTemplate("it_head", "信息技术处处长", Seniority.MIDDLE,
                     Function.INFORMATION_TECHNOLOGY, "it", "deputy_it"),
        RoleTemplate("service_head", "政务服务处处长", Seniority.MIDDLE,
                     Function.SERVICE_MAINTENANCE, "service", "deputy_service"),
        RoleTemplate("finance_head", "财务处处长", Seniority.MIDDLE,
                     Function.FINANCE, "finance", "ceo"),
        RoleTemplate("procurement_head", "采购管理科科长", Seniority.OPERATIONAL,
                     Function.PROCUREMENT, "procurement", "finance_head"),
        RoleTemplate("data_head", "数据资源科科长", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "data", "it_head"),
        RoleTemplate("ops_head", "运维保障科科长", Seniority.OPERATIONAL,
                     Function.SERVICE_MAINTENANCE, "ops", "it_head"),
        RoleTemplate("sysadmin", "系统管理员", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "data", "data_head"),
        RoleTemplate("network_engineer", "网络工程师", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "ops", "ops_head"),
        RoleTemplate("clerk", "政务服务专员", Seniority.OPERATIONAL,
                     Function.SERVICE_MAINTENANCE, "hall", "service_head"),
        RoleTemplate("accountant", "会计", Seniority.OPERATIONAL,
                     Function.FINANCE, "finance", "finance_head"),
        RoleTemplate("legal_head", "法规科科长", Seniority.OPERATIONAL,
                     Function.LEGAL_COMPLIANCE, "legal", "office_head"),
        RoleTemplate("hr_head", "人事处处长", Seniority.MIDDLE,
                     Function.HUMAN_RESOURCES, "hr", "ceo"),
    ],
    "foreign": [
        RoleTemplate("ceo", "General Manager, China", Seniority.EXECUTIVE,
                     Function.GENERAL_MANAGEMENT, "gm", None),
        RoleTemplate("vp_ops", "VP Operations", Seniority.EXECUTIVE,
                     Function.PRODUCTION, "gm", "ceo"),
        RoleTemplate("cfo", "CFO", Seniority.EXECUTIVE, Function.FINANCE, "finance", "ceo"),
        RoleTemplate("cio", "CIO", Seniority.EXECUTIVE,
                     Function.INFORMATION_TECHNOLOGY, "it", "ceo"),
        RoleTemplate("proc_head", "Head of Procurement", Seniority.MIDDLE,
                     Function.PROCUREMENT, "procurement", "vp_ops"),
        RoleTemplate("plant_manager", "Plant Manager", Seniority.MIDDLE,
                     Function.PRODUCTION, "plant", "vp_ops"),
        RoleTemplate("it_manager", "IT Infrastructure Manager", Seniority.MIDDLE,
                     Function.INFORMATION_TECHNOLOGY, "infra", "cio"),
        RoleTemplate("controller", "Finance Controller", Seniority.MIDDLE,
                     Function.FINANCE, "finance", "cfo"),
        RoleTemplate("quality_head", "Head of Quality & Regulatory", Seniority.MIDDLE,
                     Function.QUALITY, "quality", "vp_ops"),
        RoleTemplate("supervisor", "Production Supervisor", Seniority.OPERATIONAL,
                     Function.PRODUCTION, "plant", "plant_manager"),
        RoleTemplate("engineer", "Systems Engineer", Seniority.OPERATIONAL,
                     Function.INFORMATION_TECHNOLOGY, "infra", "it_manager"),
        RoleTemplate("buyer", "Senior Buyer", Seniority.OPERATIONAL,
                     Function.PROCUREMENT, "procurement", "proc_head"),
        RoleTemplate("rnd_head", "R&D Director", Seniority.EXECUTIVE,
                     Function.RESEARCH_DEVELOPMENT, "rnd", "ceo"),
        RoleTemplate("service_lead", "Service Team Lead", Seniority.OPERATIONAL,
                     Function.SERVICE_MAINTENANCE, "service", "vp_ops"),
        RoleTemplate("hr_head", "HR Director", Seniority.MIDDLE,
                     Function.HUMAN_RESOURCES, "hr", "ceo"),
        RoleTemplate("compliance", "Compliance Manager", Seniority.MIDDLE,
                     Function.LEGAL_COMPLIANCE, "legal", "cfo"),
    ],
}  # fmt: skip

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

"""The spec's default templates (version 1 of each instrument), seeded by a data migration.

Every value here is a [D]/[C] default of ../shared/spec/kam-domain.md; administrators change
them by creating a new template version, never by editing this file.
"""

# T7: a ladder rung scored 2 needs evidence from the last twelve months, counted in calendar
# months (evidence of 2023-03-01 counts for an assessment on 2024-03-01). The ladder template
# carries it as its "evidence_window_months" parameter; the ladder's rules read that parameter
# and fall back to this one default. (Versions seeded before carry "evidence_window_days".)
LADDER_EVIDENCE_WINDOW_MONTHS = 12

STAGE_BANDS_RELATIONSHIP_TEST = [
    {"lower_bound": 0, "code": "exploratory", "zh": "接触探索", "en": "Exploratory"},
    {"lower_bound": 20, "code": "basic", "zh": "初步合作", "en": "Basic"},
    {"lower_bound": 40, "code": "cooperative", "zh": "普通合作", "en": "Cooperative"},
    {"lower_bound": 60, "code": "interdependent", "zh": "战略合作", "en": "Interdependent"},
    {"lower_bound": 85, "code": "integrated", "zh": "伙伴合作", "en": "Integrated"},
]


def _criterion(
    code: str,
    zh: str,
    en: str,
    weight: float = 1,
    group: str = "",
    anchors: dict | None = None,
) -> dict:
    """A criterion on its template's scale (no scale of its own: `low`/`high` stay None)."""
    return {
        "code": code,
        "label_zh": zh,
        "label_en": en,
        "weight": weight,
        "group": group,
        "anchors": anchors or {},
        "low": None,
        "high": None,
    }


def _anchors(
    low_level: int, low_zh: str, low_en: str, high_level: int, high_zh: str, high_en: str
) -> dict:
    return {
        str(low_level): {"zh": low_zh, "en": low_en},
        str(high_level): {"zh": high_zh, "en": high_en},
    }


ATTRACTIVENESS = {
    "tool_code": "scorecard_attractiveness",
    "name_zh": "大客户记分卡：客户吸引力",
    "name_en": "Key-account scorecard: attractiveness",
    "scale": (1, 10),
    "aggregation": "weighted_mean",
    "groups": [
        {"code": "current", "zh": "当前价值", "en": "Current value"},
        {"code": "potential", "zh": "潜在价值", "en": "Potential value"},
        {"code": "strategic", "zh": "战略价值", "en": "Strategic value"},
    ],
    "bands": [
        {"lower_bound": 0, "code": "very_low", "zh": "很低", "en": "Very unattractive"},
        {"lower_bound": 20, "code": "low", "zh": "低", "en": "Unattractive"},
        {"lower_bound": 40, "code": "medium", "zh": "中", "en": "Medium"},
        {"lower_bound": 60, "code": "high", "zh": "高", "en": "Attractive"},
        {"lower_bound": 80, "code": "very_high", "zh": "很高", "en": "Very attractive"},
    ],
    "parameters": {"eligibility_threshold": 60},
    "criteria": [
        _criterion(
            "wallet_size",
            "采购规模/钱包规模",
            "Category spend (wallet size)",
            15,
            "current",
            anchors=_anchors(
                1,
                "很小",
                "tiny",
                10,
                "本细分市场最大的买家之一",
                "among the largest buyers in our segment",
            ),
        ),
        _criterion(
            "profitability",
            "盈利性(毛利/服务成本)",
            "Profitability net of cost-to-serve",
            12,
            "current",
            anchors=_anchors(1, "亏损", "loss-making", 10, "毛利前10%", "top-decile margin"),
        ),
        _criterion(
            "credit_health",
            "财务健康与付款",
            "Financial health & payment behaviour",
            8,
            "current",
            anchors=_anchors(
                1,
                "有违约风险",
                "default risk",
                10,
                "提前付款、资产负债表稳健",
                "pays early, strong balance sheet",
            ),
        ),
        _criterion(
            "growth_potential",
            "增长潜力",
            "Customer's own growth",
            15,
            "potential",
            anchors=_anchors(1, "萎缩", "shrinking", 10, "快速增长", "fast-growing"),
        ),
        _criterion(
            "share_headroom",
            "份额提升空间",
            "Winnable headroom (1 − SOW)",
            10,
            "potential",
            anchors=_anchors(
                1,
                "已接近100%或被锁定",
                "already ~100 % ours or locked",
                10,
                "空间大且可争夺",
                "large, contestable",
            ),
        ),
        _criterion(
            "needs_fit",
            "需求匹配度",
            "Fit of our offer to their needs",
            10,
            "potential",
            anchors=_anchors(1, "不匹配", "no fit", 10, "核心匹配", "core fit"),
        ),
        _criterion(
            "strategic_fit",
            "战略协同/契合",
            "Alignment with our strategy, openness to partnership",
            15,
            "strategic",
            anchors=_anchors(
                1,
                "方向不一致",
                "misaligned",
                10,
                "完全一致、愿意建立伙伴关系",
                "fully aligned, wants partnership",
            ),
        ),
        _criterion(
            "reference_value",
            "行业影响力/标杆效应",
            "Industry influence, reference & brand value",
            15,
            "strategic",
            anchors=_anchors(
                1, "无", "none", 10, "行业领袖、旗舰标杆", "industry leader, flagship reference"
            ),
        ),
    ],
}

STRENGTH = {
    "tool_code": "scorecard_strength",
    "name_zh": "大客户记分卡：相对竞争地位",
    "name_en": "Key-account scorecard: relative strength",
    "scale": (1, 10),
    "aggregation": "special",
    "special_formula": "relative_strength",
    "bands": [
        {
            "lower_bound": 0,
            "code": "behind",
            "zh": "落后于最强对手",
            "en": "Behind the best competitor",
        },
        {"lower_bound": 50, "code": "ahead", "zh": "不弱于最强对手", "en": "At par or ahead"},
    ],
    "criteria": [
        _criterion("product_tech", "产品与技术", "Product & technical capability", 25),
        _criterion("price_value", "价格与综合价值(TCO)", "Price / total cost of ownership", 20),
        _criterion("service_delivery", "服务与交付", "Service, delivery, reliability", 20),
        _criterion("relationship_trust", "关系与信任", "Relationship & trust", 20),
        _criterion("brand_reputation", "品牌与声誉", "Brand & reputation", 15),
    ],
}

RELATIONSHIP_TEST = {
    "tool_code": "relationship_test",
    "name_zh": "大客户关系测试",
    "name_en": "Relationship test",
    "scale": (1, 5),
    "aggregation": "weighted_mean",
    "bands": STAGE_BANDS_RELATIONSHIP_TEST,
    "criteria": [
        _criterion("trust", "信任", "Trust"),
        _criterion("commitment", "长期合作意愿/转换成本", "Commitment / switching cost"),
        _criterion("info_sharing", "信息共享(计划/预测)", "Information sharing (plans, forecasts)"),
        _criterion("joint_planning", "联合规划", "Joint planning"),
        _criterion(
            "multi_level_contact", "多层级多部门接触", "Multi-level, multi-function contact"
        ),
        _criterion("conflict_resolution", "分歧解决", "Conflict resolution"),
        _criterion("preferred_status", "优先/首选供应商地位", "Preferred supplier status"),
        _criterion("exec_relationship", "高层关系", "Executive relationship"),
    ],
}


def _item(
    code: str, zh: str, en: str, group: str, low: tuple[str, str], high: tuple[str, str]
) -> dict:
    """A score-sheet item (0–5) with the zh/en anchors of its lowest and highest score."""
    return _criterion(code, zh, en, 1, group, anchors=_anchors(0, *low, 5, *high))


ORG_SCORE_SHEET = {
    "tool_code": "org_score_sheet",
    "name_zh": "客户关系层级评估计分单",
    "name_en": "Organisation relationship score sheet",
    "scale": (0, 5),
    "aggregation": "weighted_mean",
    "groups": [
        {"code": "communication", "zh": "沟通", "en": "Communication"},
        {"code": "matching", "zh": "匹配", "en": "Matching"},
        {"code": "joint", "zh": "联合", "en": "Joint action"},
        {"code": "identification", "zh": "认同", "en": "Identification"},
    ],
    "group_weights": {"communication": 25, "matching": 25, "joint": 25, "identification": 25},
    "bands": [
        {"lower_bound": 0, "code": "basic", "zh": "初步合作", "en": "Basic"},
        {"lower_bound": 40, "code": "cooperative", "zh": "普通合作", "en": "Cooperative"},
        {"lower_bound": 60, "code": "interdependent", "zh": "战略合作", "en": "Interdependent"},
        {"lower_bound": 80, "code": "integrated", "zh": "伙伴合作", "en": "Integrated"},
    ],
    "gates": [
        {"band_code": "interdependent", "minimums": {"matching": 50}},
        {"band_code": "integrated", "minimums": {"joint": 70, "identification": 70}},
    ],
    "criteria": [
        _item(
            "c_exec_freq",
            "高层互访频度",
            "Executive interaction frequency",
            "communication",
            ("无", "none"),
            (
                "每年≥2次高层会晤并有年度战略会",
                "≥ 2 exec meetings/yr plus an annual strategy meeting",
            ),
        ),
        _item(
            "c_channels",
            "多层级对口沟通机制",
            "Level-matched channels",
            "communication",
            ("单一联系人", "single contact"),
            ("三个层级制度化对口沟通", "institutionalised channels at 3 levels"),
        ),
        _item(
            "c_info",
            "信息共享程度",
            "Information sharing",
            "communication",
            ("无", "none"),
            ("计划与预测例行共享", "plans and forecasts shared routinely"),
        ),
        _item(
            "m_strategy",
            "战略与业务方向匹配",
            "Strategic fit",
            "matching",
            ("无关", "unrelated"),
            ("我方路线图明确支持其战略", "our roadmap explicitly supports their strategy"),
        ),
        _item(
            "m_solution",
            "方案与关键问题匹配",
            "Solution fits key problems",
            "matching",
            ("无", "none"),
            ("≥3个关键问题得到解决且价值已验证", "≥ 3 key problems addressed with value proven"),
        ),
        _item(
            "m_org",
            "组织/流程对口匹配",
            "Organisational & process match",
            "matching",
            ("无", "none"),
            ("镜像团队、流程集成", "mirrored teams, integrated processes"),
        ),
        _item(
            "j_plan",
            "联合计划",
            "Joint business plan",
            "joint",
            ("无", "none"),
            ("签署联合年度计划并共同复盘", "signed joint annual plan, jointly reviewed"),
        ),
        _item(
            "j_project",
            "联合项目/团队",
            "Joint projects & teams",
            "joint",
            ("无", "none"),
            ("常设联合团队", "standing joint team(s)"),
        ),
        _item(
            "j_innovation",
            "联合创新/共同投入",
            "Joint innovation, co-investment",
            "joint",
            ("无", "none"),
            ("共同出资的创新项目/实验室", "co-funded innovation / lab"),
        ),
        _item(
            "i_brand",
            "品牌与价值认同",
            "Recognition of our brand & value",
            "identification",
            ("负面", "negative"),
            ("在内部积极认可我方价值", "actively endorses our value internally"),
        ),
        _item(
            "i_status",
            "供应商地位",
            "Supplier status",
            "identification",
            ("未入围", "unapproved"),
            ("战略/唯一供应商", "strategic/sole supplier"),
        ),
        _item(
            "i_public",
            "理念认同与公开背书",
            "Shared values, public endorsement",
            "identification",
            ("无", "none"),
            ("公开推荐、联合宣传", "public references, joint PR"),
        ),
    ],
}

SATISFACTION = {
    "tool_code": "satisfaction",
    "name_zh": "客户满意度测试属性",
    "name_en": "Satisfaction survey attributes",
    "scale": (1, 5),
    "aggregation": "weighted_mean",
    "parameters": {"satisfaction_split": 70, "share_split": 50, "target_share_percent": 50},
    "criteria": [
        _criterion("product_quality", "产品质量", "Product quality"),
        _criterion("delivery_reliability", "交付及时", "Delivery reliability"),
        _criterion("technical_support", "技术支持", "Technical support"),
        _criterion("responsiveness", "响应速度", "Responsiveness"),
        _criterion("complaint_handling", "投诉处理", "Complaint handling"),
        _criterion("team_competence", "客户团队专业度", "Account team competence"),
        _criterion("price_value", "性价比", "Price / value"),
        _criterion("innovation", "创新建议", "Innovation and ideas"),
        _criterion("ease_of_business", "合作便利性", "Ease of doing business"),
    ],
}

COORDINATE = {
    "tool_code": "relationship_coordinate",
    "name_zh": "大客户关系测评坐标",
    "name_en": "Relationship coordinate",
    "scale": (0, 100),
    "aggregation": "weighted_mean",
    "bands": [
        {"lower_bound": 0, "code": "exploratory", "zh": "接触探索", "en": "Exploratory"},
        {"lower_bound": 20, "code": "basic", "zh": "初步合作", "en": "Basic"},
        {"lower_bound": 40, "code": "cooperative", "zh": "普通合作", "en": "Cooperative"},
        {"lower_bound": 60, "code": "interdependent", "zh": "战略合作", "en": "Interdependent"},
        {"lower_bound": 80, "code": "integrated", "zh": "伙伴合作", "en": "Integrated"},
    ],
    # The coefficients of X and Y, and the drops that flag a disintegrating relationship.
    "parameters": {
        "x_broad": 0.5,
        "x_communication": 0.5,
        "y_key_person": 0.4,
        "y_joint_identification": 0.3,
        "y_value": 0.3,
        "position_drop": 15,
        "dimension_drop": 25,
        "discrepancy_steps": 1,
    },
    # The four dimensions (四大纬度) and where each is fed from.
    "criteria": [
        _criterion("org", "组织关系", "Organisation relationship (score sheet total)"),
        _criterion("key_person", "关键人关系", "Key-person relationship (key-person index)"),
        _criterion("broad", "普遍关系", "Broad relationship (coverage)"),
        _criterion("value", "价值关系", "Business-value relationship (health index)"),
    ],
}


def _rung(code: str, zh: str, en: str, partial: tuple[str, str], full: tuple[str, str]) -> dict:
    """A ladder rung scored 0 none / 1 partial-occasional / 2 consistent (T7.2)."""
    return _criterion(
        code,
        zh,
        en,
        anchors={
            "0": {"zh": "无：尚未观察到这一行为", "en": "None: not observed yet"},
            "1": {"zh": "部分/偶尔：" + partial[0], "en": "Partial/occasional: " + partial[1]},
            "2": {"zh": "持续一贯：" + full[0], "en": "Consistent: " + full[1]},
        },
    )


# T7 key-person relationship ladder, lowest rung first (the order is configurable: a new
# template version). Scores 0–2; a rung counts when its normalised score reaches the threshold.
KEY_PERSON_LADDER = {
    "tool_code": "key_person_ladder",
    "name_zh": "关键人关系层级",
    "name_en": "Key-person relationship ladder",
    "scale": (0, 2),
    "aggregation": "ladder",
    "parameters": {
        # Score ≥ 1 of 0–2 (50 on the 0–100 scale) reaches a rung.
        "rung_threshold": 50,
        # The total is the position-weighted level index Σ k·score_k / Σ k·2 · 100.
        "level_index": "position_weighted",
        # A rung scored 2 needs evidence dated within this many calendar months before the
        # assessment (else it is capped at 1).
        "evidence_window_months": LADDER_EVIDENCE_WINDOW_MONTHS,
        # Derived support (−2..+2 scale of Contact.support) by level: 0 neutral, 1 supporter,
        # 2 coach/champion (spec T7.3: 0–1 neutral, 2–3 supporter, 4 coach, 5–6 champion).
        "support_by_level": {"0": 0, "1": 0, "2": 1, "3": 1, "4": 2, "5": 2, "6": 2},
        "level_zero": {"zh": "尚无层级", "en": "No level yet"},
    },
    "criteria": [
        _rung(
            "brand_recognition",
            "品牌认可度",
            "Recognises/accepts our brand",
            (
                "偶尔正面提及我方，或仅部分认可我方",
                "occasionally speaks well of us or accepts us in part",
            ),
            (
                "对我方评价中性偏正面；我方在其供应商名单中",
                "speaks of us neutrally-to-positively; we are on their supplier list",
            ),
        ),
        _rung(
            "access_participation",
            "接触与参与",
            "Access & participation",
            ("偶尔接受会面或参加我方活动", "occasionally accepts a meeting or attends an event"),
            (
                "接受会面；参加我方活动、参观、培训",
                "accepts meetings; attends our events, visits, training",
            ),
        ),
        _rung(
            "info_sharing",
            "信息传递",
            "Shares information",
            ("被问及时提供部分信息", "shares some information when asked"),
            (
                "主动传递内部信息（计划、预算、评估进展）",
                "proactively passes on internal information (plans, budgets, evaluation status)",
            ),
        ),
        _rung(
            "business_guidance",
            "业务指导",
            "Guides/coaches us",
            ("偶尔给出如何推进的建议", "now and then advises us how to proceed"),
            (
                "指导我方如何赢单、如何在组织内推进（≈ 教练）",
                "advises how to win and navigate (≈ Coach)",
            ),
        ),
        _rung(
            "key_event_support",
            "关键事件",
            "Supports us in key events",
            ("在部分关键事件中支持我方", "supports us in some key events"),
            (
                "在招标、评审、升级事件中为我方发言或投票",
                "speaks or votes for us in tenders, evaluations, escalations",
            ),
        ),
        _rung(
            "competitive_stance",
            "竞争态度",
            "Stance against competitors",
            ("在部分场合倾向我方、限制竞争对手", "sometimes favours us over competitors"),
            (
                "限制或排除竞争对手；只倾向我方",
                "limits or excludes competitors; prefers us exclusively",
            ),
        ),
    ],
}


# T12 value ladder: eight dimensions (product → strategic value), each scored 0–5 now and as a
# target. Levels 1–4 share a wording; 0 and 5 name the behaviour of each dimension (T12.3:
# "0 none … 5 recognised by customer leadership as differentiating").
VALUE_MIDDLE_ANCHORS = {
    "1": {"zh": "偶有体现，客户基本未感知", "en": "Occasional; the customer hardly notices it"},
    "2": {"zh": "部分提供，客户认为合格", "en": "Partly delivered; the customer finds it adequate"},
    "3": {
        "zh": "稳定提供，客户评价良好",
        "en": "Delivered consistently; the customer rates it good",
    },
    "4": {
        "zh": "明显优于竞争对手，客户业务部门认可",
        "en": "Clearly better than competitors; recognised by the customer's business units",
    },
}


def _value_dimension(
    code: str, zh: str, en: str, tier: str, none: tuple[str, str], best: tuple[str, str]
) -> dict:
    anchors = {
        "0": {"zh": none[0], "en": none[1]},
        **VALUE_MIDDLE_ANCHORS,
        "5": {"zh": best[0], "en": best[1]},
    }
    return _criterion(code, zh, en, 1, tier, anchors=anchors)


VALUE_LADDER = {
    "tool_code": "value_ladder",
    "name_zh": "大客户价值阶梯",
    "name_en": "Value ladder",
    "scale": (0, 5),
    "aggregation": "special",
    "special_formula": "value_ladder",
    "groups": [
        {"code": "product", "zh": "产品层", "en": "Product tier"},
        {"code": "process", "zh": "流程层", "en": "Process tier"},
        {"code": "strategic", "zh": "战略层", "en": "Strategic tier"},
    ],
    # The ladder level of a snapshot (its band) is chosen by the tier rule (parameters below), not
    # by the total: the lower bounds here only rank the levels (0 below product … 3 strategic).
    "bands": [
        {"lower_bound": 0, "code": "below_product", "zh": "尚未达到产品层", "en": "Below product"},
        {"lower_bound": 1, "code": "product", "zh": "产品价值", "en": "Product value"},
        {"lower_bound": 2, "code": "process", "zh": "流程价值", "en": "Process value"},
        {"lower_bound": 3, "code": "strategic", "zh": "战略价值", "en": "Strategic value"},
    ],
    "parameters": {
        "tier_order": ["product", "process", "strategic"],
        "tier_threshold": 60,
        "below_level": "below_product",
        # T12 feeds T4 as suggestions, never automatically: a T4 item's suggested score is the
        # mean current score (0–5) of these dimensions in the latest value snapshot.
        "score_sheet_suggestions": {
            "m_strategy": ["brand_market", "relationship_capability", "strategic"],
            "j_innovation": ["strategic"],
        },
    },
    "criteria": [
        _value_dimension(
            "product",
            "产品价值",
            "Product value (quality, performance)",
            "product",
            ("产品仅满足基本规格", "the product only meets the basic specification"),
            (
                "客户高层认可我方产品质量与性能为差异化优势",
                "customer leadership names our quality and performance as a differentiator",
            ),
        ),
        _value_dimension(
            "service",
            "服务价值",
            "Service value (support, responsiveness)",
            "product",
            ("无专门服务支持", "no dedicated service or support"),
            (
                "客户高层认可我方服务响应为差异化优势",
                "customer leadership names our support and responsiveness as a differentiator",
            ),
        ),
        _value_dimension(
            "solution",
            "方案价值",
            "Solution value (integrated offering for their problem)",
            "process",
            ("只卖单品，无针对性方案", "single products only, no offering for their problem"),
            (
                "整体方案解决客户关键问题，并获客户高层认可",
                "an integrated offering solves their key problems, recognised by their leadership",
            ),
        ),
        _value_dimension(
            "process_cost",
            "流程/运营价值",
            "Process & operations value (cost, efficiency, supply chain)",
            "process",
            ("对客户流程与成本无影响", "no effect on their processes or costs"),
            (
                "与客户流程深度集成，降本增效成果经客户高层确认",
                "integrated with their processes; cost and efficiency gains confirmed by their "
                "leadership",
            ),
        ),
        _value_dimension(
            "financial",
            "财务价值",
            "Financial value (TCO, financing, payment terms)",
            "process",
            ("只谈价格", "price only"),
            (
                "总拥有成本、融资与付款方案被客户高层视为差异化优势",
                "TCO, financing and payment terms seen by their leadership as a differentiator",
            ),
        ),
        _value_dimension(
            "brand_market",
            "品牌/市场价值",
            "Brand & market value (co-marketing, reference, market access)",
            "strategic",
            ("无品牌或市场合作", "no brand or market cooperation"),
            (
                "联合市场推广、互为标杆，客户高层公开认可",
                "joint marketing and references, publicly endorsed by their leadership",
            ),
        ),
        _value_dimension(
            "relationship_capability",
            "关系与能力价值",
            "Relationship & capability value (training, management know-how)",
            "strategic",
            ("无能力建设合作", "no capability building"),
            (
                "我方培训与管理经验提升客户能力，客户高层认可",
                "our training and management know-how build their capability, recognised by their "
                "leadership",
            ),
        ),
        _value_dimension(
            "strategic",
            "战略价值",
            "Strategic value (joint innovation, long-term roadmap, co-investment)",
            "strategic",
            ("无战略层面合作", "no strategic cooperation"),
            (
                "联合创新、共同投入，长期路线图与客户战略一致",
                "joint innovation and co-investment; a long-term roadmap aligned with their "
                "strategy",
            ),
        ),
    ],
}

BROAD_KPI = {
    "tool_code": "broad_kpi",
    "name_zh": "普遍客户关系KPI",
    "name_en": "Broad-relationship KPIs",
    # Each answer is a KPI's achievement in percent (actual/target, inverted for lower-is-better);
    # the targets come from the account's category policy.
    "scale": (0, 1000),
    "aggregation": "special",
    "special_formula": "kpi_score",
    "groups": [
        {"code": "result", "zh": "结果KPI", "en": "Result KPIs"},
        {"code": "process", "zh": "过程KPI", "en": "Process KPIs"},
    ],
    # The traffic lights (T10.4 [D]): green ≥ 100 %, amber 80–99 %, red < 80 %.
    "bands": [
        {"lower_bound": 0, "code": "red", "zh": "红灯", "en": "Red"},
        {"lower_bound": 80, "code": "amber", "zh": "黄灯", "en": "Amber"},
        {"lower_bound": 100, "code": "green", "zh": "绿灯", "en": "Green"},
    ],
    "parameters": {
        "achievement_cap": 1.2,
        "lower_is_better": ["response_time"],
    },
    # Equal weights [D].
    "criteria": [
        _criterion("coverage_rate", "部门层级覆盖率", "Share of target cells covered", 1, "result"),
        _criterion(
            "contacts_per_dept",
            "部门有效联系人数",
            "Active contacts per target department",
            1,
            "result",
        ),
        _criterion(
            "contact_frequency", "接触频次达成率", "Planned vs actual contacts", 1, "process"
        ),
        _criterion("supporter_share", "支持者占比", "Contacts with support ≥ +1", 1, "result"),
        _criterion("ops_satisfaction", "基层满意度", "Operational-staff satisfaction", 1, "result"),
        _criterion("response_time", "响应时效", "Median response to requests", 1, "process"),
        _criterion(
            "platform_events", "平台活动场次", "Platform activities held vs plan", 1, "process"
        ),
    ],
}

DEFAULT_TEMPLATES = [
    ATTRACTIVENESS,
    STRENGTH,
    RELATIONSHIP_TEST,
    ORG_SCORE_SHEET,
    SATISFACTION,
    COORDINATE,
    KEY_PERSON_LADDER,
    VALUE_LADDER,
    BROAD_KPI,
]

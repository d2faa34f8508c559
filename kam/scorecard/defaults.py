"""The spec's default category policies and portfolio settings (T1.3 [D]), seeded by a data
migration. Directors change them on the policy page; nothing reads this file at run time except
as the fallback for a database that has no settings row yet."""

from decimal import Decimal

DEFAULT_SETTINGS = {
    "threshold_mode": "fixed",
    "attractiveness_threshold": Decimal("60"),
    "strength_threshold": Decimal("50"),
    "key_account_target_minimum": 15,
    "key_account_warn_count": 35,
    "key_account_hard_limit": 50,
}

DEFAULT_POLICIES = [
    {
        "code": "strategic",
        "label_zh": "战略客户",
        "label_en": "Strategic",
        "policy_zh": "向伙伴/一体化关系发展。专职大客户经理 + 跨职能“钻石”团队 + 高层发起人。"
        "完整年度规划，季度回顾。资源最高优先级。",
        "policy_en": "Develop toward partnership and integration. Dedicated KAM, cross-functional "
        "“diamond” team and an executive sponsor. Full annual plan, quarterly review. Highest "
        "resource priority.",
        "plan_depth": "full",
        "review_cadence": "quarterly",
        "contact_cadence_days": 14,
        # Broad-relationship KPI targets (T10.2 [D]): coverage 80 % strategic, 60 % star;
        # the other categories' coverage and contacts per department are ours [C].
        "broad_kpi_targets": {
            "coverage_rate": 80,
            "contacts_per_dept": 2,
            "contact_frequency": 85,
            "supporter_share": 50,
            "ops_satisfaction": 80,
            "response_time": 24,
            "platform_events": 100,
        },
    },
    {
        "code": "star",
        "label_zh": "潜力(明星)客户",
        "label_en": "Star",
        "policy_zh": "选择性投入以建立地位。发展关键人关系（关键人阶梯、权力地图），"
        "设定钱包份额目标。完整年度规划。",
        "policy_en": "Invest selectively to build position. Develop key-person relationships "
        "(T7/T8). Share-of-wallet targets. Full annual plan.",
        "plan_depth": "full",
        "review_cadence": "quarterly",
        "contact_cadence_days": 30,
        "broad_kpi_targets": {
            "coverage_rate": 60,
            "contacts_per_dept": 2,
            "contact_frequency": 85,
            "supporter_share": 50,
            "ops_satisfaction": 80,
            "response_time": 24,
            "platform_events": 100,
        },
    },
    {
        "code": "status",
        "label_zh": "维持(利润)客户",
        "label_en": "Status",
        "policy_zh": "维持与保护。以利润和效率为导向，标准化服务。简化规划，半年回顾。",
        "policy_en": "Maintain and protect. Run for profit and efficiency. Standardised service. "
        "Light plan, semi-annual review.",
        "plan_depth": "light",
        "review_cadence": "semi_annual",
        "contact_cadence_days": 90,
        "broad_kpi_targets": {
            "coverage_rate": 50,
            "contacts_per_dept": 2,
            "contact_frequency": 85,
            "supporter_share": 50,
            "ops_satisfaction": 80,
            "response_time": 24,
            "platform_events": 100,
        },
    },
    {
        "code": "streamline",
        "label_zh": "精简(普通)客户",
        "label_en": "Streamline",
        "policy_zh": "降低服务成本并标准化。考虑移出大客户计划。仅做年度回顾。",
        "policy_en": "Cut cost-to-serve and standardise. Consider moving out of the KA "
        "programme. Annual review only.",
        "plan_depth": "none",
        "review_cadence": "annual",
        "contact_cadence_days": 182,
        "broad_kpi_targets": {
            "coverage_rate": 40,
            "contacts_per_dept": 1,
            "contact_frequency": 85,
            "supporter_share": 50,
            "ops_satisfaction": 80,
            "response_time": 24,
            "platform_events": 100,
        },
    },
]

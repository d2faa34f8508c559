"""Default gift & hospitality rules [D] (spec T9 "Compliance rule engine"); seeded as version 1.

These are starting points, not legal advice: administrators edit them (each edit is a new
version) after checking the specifics with legal.
"""

from decimal import Decimal

DEFAULT_RULES: list[dict[str, object]] = [
    {
        "code": "cash_equivalent_forbidden",
        "name_zh": "禁止现金及等价物",
        "name_en": "No cash or cash equivalents",
        "counterpart_type": "",
        "gift_type": "cash_equivalent",
        "is_forbidden": True,
        "rule_text_zh": "不得向任何客户人员赠送现金、购物卡、礼品卡、有价证券等现金等价物。",
        "rule_text_en": "Never give cash, shopping cards, gift cards, securities or other cash "
        "equivalents to anyone at a customer.",
    },
    {
        "code": "government_official_gift_limit",
        "name_zh": "政府官员礼品上限",
        "name_en": "Gift limit for government officials",
        "counterpart_type": "government_official",
        "gift_type": "",
        "per_item_limit": Decimal("200"),
        "annual_limit": Decimal("500"),
        "rule_text_zh": "向政府官员及公职人员提供的礼品、餐饮或招待,单次价值不得超过 200 元,"
        "同一人每年累计不得超过 500 元。",
        "rule_text_en": "Gifts, meals or hospitality for government officials and public "
        "servants may not exceed CNY 200 each, and CNY 500 per person per year.",
    },
    {
        "code": "state_owned_enterprise_gift_limit",
        "name_zh": "国有企业人员礼品上限",
        "name_en": "Gift limit for state-owned enterprise staff",
        "counterpart_type": "state_owned_enterprise",
        "gift_type": "",
        "per_item_limit": Decimal("500"),
        "annual_limit": Decimal("2000"),
        "approval_threshold": Decimal("300"),
        "rule_text_zh": "向国有企业人员提供的礼品或招待,单次不得超过 500 元,每人每年累计不得超过"
        " 2,000 元;单次超过 300 元须经总监事先批准。",
        "rule_text_en": "Gifts or hospitality for state-owned enterprise staff may not exceed "
        "CNY 500 each or CNY 2,000 per person per year; above CNY 300 a director must approve "
        "it first.",
    },
    {
        "code": "private_company_gift_limit",
        "name_zh": "民营企业人员礼品上限",
        "name_en": "Gift limit for private company staff",
        "counterpart_type": "private_company",
        "gift_type": "",
        "per_item_limit": Decimal("2000"),
        "approval_threshold": Decimal("1000"),
        "rule_text_zh": "向民营或外资企业员工提供的礼品或招待,单次不得超过 2,000 元;"
        "超过 1,000 元须经总监批准。",
        "rule_text_en": "Gifts or hospitality for employees of private or foreign companies may "
        "not exceed CNY 2,000 each; above CNY 1,000 a director must approve it.",
    },
    {
        "code": "healthcare_professional_gift_limit",
        "name_zh": "医疗专业人士礼品上限",
        "name_en": "Gift limit for healthcare professionals",
        "counterpart_type": "healthcare_professional",
        "gift_type": "",
        "per_item_limit": Decimal("300"),
        "annual_limit": Decimal("1000"),
        "approval_threshold": Decimal("100"),
        "rule_text_zh": "向医疗专业人士提供的礼品或招待须与学术或业务直接相关,单次不得超过 300 元,"
        "每人每年累计不得超过 1,000 元;超过 100 元须经总监批准。",
        "rule_text_en": "Gifts or hospitality for healthcare professionals must relate directly "
        "to science or business, may not exceed CNY 300 each or CNY 1,000 per person per year; "
        "above CNY 100 a director must approve it.",
    },
]

DEFAULT_CUSTOM_NOTES: list[dict[str, object]] = [
    {
        "region": region,
        "title": title,
        "text": text,
        "constraint_level": level,
        "festival_name": festival,
        "festival_month": month,
        "festival_day": day,
    }
    for region in ("north_china", "east_china", "south_china", "central_china")
    for title, text, level, festival, month, day in (
        (
            "春节前后避免安排招待",
            "春节前后为廉洁检查重点时段,避免赠礼和宴请;以电话或贺卡致意。",
            "must",
            "春节(农历正月初一)",
            None,
            None,
        ),
        (
            "中秋节礼品从简",
            "中秋节可赠送价值不高、带公司标识的月饼等礼品,须登记在礼品台账;不得赠送购物卡。",
            "should",
            "中秋节(农历八月十五)",
            None,
            None,
        ),
        (
            "忌送钟表和伞",
            "“送钟”谐音“送终”,“伞”谐音“散”,不宜作为礼品。",
            "info",
            "",
            None,
            None,
        ),
    )
]

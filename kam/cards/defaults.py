"""Default (version 1) social-style questionnaire and card settings, seeded by a data migration.

Every value is a [D] default of spec T9.3; administrators change them by creating a new
template version of the `social_style` instrument, never by editing this file.
"""


def _item(code: str, group: str, zh: str, en: str, low: tuple, high: tuple) -> dict:
    """A 1–4 item; `low` / `high` are the (zh, en) anchors of 1 and 4."""
    return {
        "code": code,
        "group": group,
        "label_zh": zh,
        "label_en": en,
        "weight": 1,
        "anchors": {"1": {"zh": low[0], "en": low[1]}, "4": {"zh": high[0], "en": high[1]}},
        "low": None,
        "high": None,
    }


# The card fields whose filling makes the card "usable" (completeness, T9.3) [D]. Personal
# fields are left out on purpose: completeness is shown to everyone on the team and must not
# reveal whether private data exists. "decision_focus" lives on the contact, "social_style" is
# the questionnaire's result and "development_plan" means at least one open or done action.
CARD_REQUIRED_FIELDS = [
    "job_kpis",
    "current_priorities",
    "problems_owned",
    "success_criteria",
    "primary_need",
    "attitude_to_change",
    "decision_focus",
    "social_style",
    "our_touchpoints",
    "development_plan",
]
CARD_USABLE_THRESHOLD = 0.7

SOCIAL_STYLE = {
    "tool_code": "social_style",
    "name_zh": "社交风格问卷",
    "name_en": "Social style questionnaire",
    "scale": (1, 4),
    "aggregation": "weighted_mean",
    "groups": [
        {"code": "assertiveness", "zh": "支配性（问 ↔ 说）", "en": "Assertiveness (ask ↔ tell)"},
        {
            "code": "responsiveness",
            "zh": "情感表露（克制 ↔ 外露）",
            "en": "Responsiveness (controlled ↔ emotive)",
        },
    ],
    "parameters": {
        "midpoint": 2.5,
        "style_labels": {
            "driver": {"zh": "驾驭型(驱动型)", "en": "Driver"},
            "expressive": {"zh": "表现型", "en": "Expressive"},
            "amiable": {"zh": "亲切型(和蔼型)", "en": "Amiable"},
            "analytical": {"zh": "分析型", "en": "Analytical"},
        },
        "tips": {
            "driver": {
                "zh": "简明扼要，聚焦结果，给出选项由其决定。",
                "en": "Be brief, focus on results, offer options to choose from.",
            },
            "expressive": {
                "zh": "描绘愿景，给予认可，多讲故事和案例。",
                "en": "Share the vision, give recognition, tell stories.",
            },
            "amiable": {
                "zh": "先建立关系，给予安心和保证，不施加压力。",
                "en": "Build the relationship, reassure, never press.",
            },
            "analytical": {
                "zh": "提供数据和细节，给足决策时间。",
                "en": "Bring data and detail, allow time to decide.",
            },
        },
        # Diagonal pairs tend to clash [S21]: warn when the owner's style is diagonal.
        "diagonal_pairs": [["analytical", "expressive"], ["amiable", "driver"]],
        "card_required_fields": CARD_REQUIRED_FIELDS,
        "card_usable_threshold": CARD_USABLE_THRESHOLD,
    },
    "criteria": [
        _item(
            "speaks_firmly",
            "assertiveness",
            "说话语速快、语气坚定",
            "Speaks quickly and firmly",
            ("说话慢而斟酌", "speaks slowly and deliberately"),
            ("说话快而笃定", "speaks fast and with conviction"),
        ),
        _item(
            "takes_lead",
            "assertiveness",
            "在会议中主导讨论",
            "Takes the lead in meetings",
            ("倾听为主，很少主导", "mostly listens, rarely leads"),
            ("总是主导议程和结论", "always drives the agenda and the conclusion"),
        ),
        _item(
            "decides_quickly",
            "assertiveness",
            "迅速做出决定",
            "Makes decisions quickly",
            ("反复权衡，决定慢", "weighs at length, decides slowly"),
            ("当场拍板", "decides on the spot"),
        ),
        _item(
            "tells_not_asks",
            "assertiveness",
            "直接提出主张而非提问",
            "States views rather than asking questions",
            ("多提问、少表态", "asks questions, seldom states a view"),
            ("直接表态、提要求", "states views and demands directly"),
        ),
        _item(
            "shows_feelings",
            "responsiveness",
            "愿意表露情绪和感受",
            "Shows feelings openly",
            ("情绪不外露", "keeps feelings to themselves"),
            ("喜怒形于色", "feelings are plain to see"),
        ),
        _item(
            "talks_personal",
            "responsiveness",
            "乐于谈论个人话题",
            "Readily talks about personal topics",
            ("只谈工作", "talks business only"),
            ("主动分享个人生活", "shares personal life unprompted"),
        ),
        _item(
            "animated",
            "responsiveness",
            "表情丰富、手势多",
            "Uses lively expressions and gestures",
            ("表情克制、姿态拘谨", "reserved face and posture"),
            ("表情丰富、手势频繁", "lively face, frequent gestures"),
        ),
        _item(
            "people_over_facts",
            "responsiveness",
            "决策时看重人与关系胜过数据",
            "Weighs people and relationships above facts",
            ("只看数据和事实", "goes by data and facts only"),
            ("首先考虑人和关系", "puts people and relationships first"),
        ),
    ],
}

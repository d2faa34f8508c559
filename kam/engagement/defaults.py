"""The six communication mechanisms (spec T5.2) and their default cadences per account category.

Seeded by the data migration ``0002_default_mechanisms``. Names and levels are [C] (course
material); the operating key points and the cadences are our defaults [D]. Administrators
change them on the mechanism reference-data pages (audited), never by editing this file.

Cadences are times per year: "2/yr + 1 strategy" = 3, quarterly = 4, monthly = 12,
semi-annual = 2, annual = 1, bi-weekly = 26, "1 per 2 yr" = 0.5; "on demand" and
"opportunistic" = 0 with ``is_on_demand``; "—" = 0 (not planned).
"""

# Category order of the spec table: strategic / star / status / streamline.
CATEGORIES = ("strategic", "star", "status", "streamline")


def _cadence(*values: tuple[str, bool]) -> dict[str, dict]:
    return {
        category: {"per_year": per_year, "is_on_demand": on_demand}
        for category, (per_year, on_demand) in zip(CATEGORIES, values, strict=True)
    }


PLANNED = False
ON_DEMAND = True

DEFAULT_MECHANISMS: list[dict] = [
    {
        "code": "exec_strategy_meeting",
        "name_zh": "高层会议与战略会议",
        "name_en": "Executive & strategy meetings",
        "our_level": "executive",
        "customer_level": "executive",
        "purpose_zh": (
            "对齐双方高层对合作方向与优先级的认识，建立“将对将”的信任。\n"
            "把合作从交易提升为战略伙伴关系，确认年度/中长期的共同目标。\n"
            "获得高层对重点项目、资源投入与障碍清除的承诺。"
        ),
        "purpose_en": (
            "Align both leadership teams on the direction and priorities of the partnership.\n"
            "Build executive-to-executive trust and lift the relationship above transactions.\n"
            "Secure top-level commitment to key projects, resources and removing blockers."
        ),
        "preparation_zh": (
            "研究客户战略、年报、行业动态与高层近期公开讲话。\n"
            "准备一页纸合作回顾：已交付价值、未决问题、下一步建议。\n"
            "事先与客户对口人确认议程、出席人员与期望成果。\n"
            "确定我方高层的角色分工与关键信息，提前演练。"
        ),
        "preparation_en": (
            "Study the customer's strategy, annual report, industry news and recent executive "
            "speeches.\n"
            "Prepare a one-page partnership review: value delivered, open issues, proposals.\n"
            "Confirm agenda, attendees and expected outcomes with the customer's sponsor "
            "beforehand.\n"
            "Agree the roles and key messages of our executives and rehearse them."
        ),
        "agenda_zh": (
            "1. 双方战略与重点（客户先讲，我方倾听）\n"
            "2. 合作回顾与价值证明\n"
            "3. 共同机会与战略举措研讨\n"
            "4. 达成共识：目标、资源、责任人\n"
            "5. 确定下次高层会晤时间"
        ),
        "agenda_en": (
            "1. Strategies and priorities of both sides (the customer speaks first; we listen)\n"
            "2. Partnership review and proof of value\n"
            "3. Joint opportunities and strategic initiatives\n"
            "4. Agreements: goals, resources, owners\n"
            "5. Date of the next executive meeting"
        ),
        "follow_up_zh": (
            "48小时内发出会议纪要与行动清单，双方确认。\n"
            "把共识转化为行动项与日历条目，指定我方负责人。\n"
            "在下一次会议前向客户高层通报进展。"
        ),
        "follow_up_en": (
            "Send minutes and the action list within 48 hours and have both sides confirm them.\n"
            "Turn every agreement into action items and calendar entries with an owner on our "
            "side.\n"
            "Report progress to the customer's executives before the next meeting."
        ),
        "cadences": _cadence(("3", PLANNED), ("1", PLANNED), ("0.5", PLANNED), ("0", PLANNED)),
    },
    {
        "code": "tech_exchange_service",
        "name_zh": "技术交流与服务支撑",
        "name_en": "Technical exchange & service support",
        "our_level": "expert",
        "customer_level": "expert",
        "purpose_zh": (
            "让我方专家与客户技术/运维团队建立直接联系，解决实际问题。\n"
            "传递技术趋势与最佳实践，发现客户隐性需求与改进机会。\n"
            "以专业能力建立技术影响力，成为客户的首选技术伙伴。"
        ),
        "purpose_en": (
            "Connect our experts directly with the customer's technical and operations teams to "
            "solve real problems.\n"
            "Share technology trends and best practice; uncover implicit needs and improvement "
            "opportunities.\n"
            "Build technical influence so that we become the customer's preferred technical "
            "partner."
        ),
        "preparation_zh": (
            "收集客户的设备/系统现状、故障与服务记录。\n"
            "与客户技术负责人确认关注的主题与参会专家。\n"
            "准备案例、数据与演示，避免纯产品推销。\n"
            "明确需要客户提供的资料与现场条件。"
        ),
        "preparation_en": (
            "Collect the state of the customer's equipment and systems, incidents and service "
            "history.\n"
            "Confirm topics of interest and attending experts with the customer's technical "
            "lead.\n"
            "Prepare cases, data and demonstrations; avoid a plain product pitch.\n"
            "List the documents and site conditions we need from the customer."
        ),
        "agenda_zh": (
            "1. 客户现状与痛点（倾听）\n"
            "2. 技术专题分享与案例\n"
            "3. 问题诊断与方案研讨\n"
            "4. 服务问题复盘与改进\n"
            "5. 行动项与责任人"
        ),
        "agenda_en": (
            "1. The customer's situation and pain points (listen)\n"
            "2. Technical topic and cases\n"
            "3. Problem diagnosis and options\n"
            "4. Service issues review and improvements\n"
            "5. Action items and owners"
        ),
        "follow_up_zh": (
            "一周内提交技术交流纪要与方案建议。\n"
            "跟踪服务问题直至关闭，并向客户反馈结果。\n"
            "把发现的需求登记为战略匹配事项或商机。"
        ),
        "follow_up_en": (
            "Deliver the technical minutes and proposed solutions within a week.\n"
            "Track service issues until they are closed and report the result to the customer.\n"
            "Register the needs discovered as strategic-matching items or opportunities."
        ),
        "cadences": _cadence(("4", PLANNED), ("4", PLANNED), ("2", PLANNED), ("0", ON_DEMAND)),
    },
    {
        "code": "periodic_planning_meeting",
        "name_zh": "季/月度工作规划会",
        "name_en": "Quarterly/monthly work-planning meetings",
        "our_level": "middle",
        "customer_level": "middle",
        "purpose_zh": (
            "中层对中层，落实高层共识，把战略转化为季度/月度工作计划。\n"
            "回顾上期执行情况，及时发现偏差与风险。\n"
            "协调双方资源与接口，保持合作节奏。"
        ),
        "purpose_en": (
            "Middle managers of both sides turn executive agreements into quarterly or monthly "
            "work plans.\n"
            "Review the last period's execution and catch deviations and risks early.\n"
            "Coordinate resources and interfaces on both sides and keep the rhythm of the "
            "partnership."
        ),
        "preparation_zh": (
            "整理上期计划完成情况、关键指标与未关闭的行动项。\n"
            "收集客户下一期的生产/采购/项目计划。\n"
            "提前发送议程与需要客户决策的事项。"
        ),
        "preparation_en": (
            "Summarise the last plan's completion, key figures and open action items.\n"
            "Collect the customer's production, purchasing and project plans for the next "
            "period.\n"
            "Send the agenda and the points needing the customer's decision in advance."
        ),
        "agenda_zh": (
            "1. 上期计划与行动项回顾\n"
            "2. 关键指标与问题分析\n"
            "3. 下期工作计划与资源安排\n"
            "4. 风险与需升级的事项\n"
            "5. 确认行动项与下次会议"
        ),
        "agenda_en": (
            "1. Review of the last plan and action items\n"
            "2. Key figures and issue analysis\n"
            "3. Next period's work plan and resources\n"
            "4. Risks and points to escalate\n"
            "5. Confirm action items and the next meeting"
        ),
        "follow_up_zh": (
            "当天更新行动看板，发送简要纪要。\n"
            "需升级的事项在一周内报双方高层。\n"
            "把下期计划中的关键活动排入关键业务行为日历。"
        ),
        "follow_up_en": (
            "Update the action board the same day and send short minutes.\n"
            "Escalate the flagged points to both leadership teams within a week.\n"
            "Put the key activities of the next plan on the key-business-activity calendar."
        ),
        "cadences": _cadence(("12", PLANNED), ("4", PLANNED), ("2", PLANNED), ("1", PLANNED)),
    },
    {
        "code": "business_social_teambuilding",
        "name_zh": "商务互动与团队建设",
        "name_en": "Business socials & team building",
        "our_level": "mixed",
        "customer_level": "mixed",
        "purpose_zh": (
            "在工作之外增进双方人员的了解与情感联系。\n"
            "扩大接触面，接触平时难以接触的关键人及其团队。\n"
            "营造轻松氛围，巩固个人关系与信任。"
        ),
        "purpose_en": (
            "Deepen mutual understanding and personal ties beyond daily work.\n"
            "Widen the contact base and reach key people and teams that are hard to meet "
            "otherwise.\n"
            "Create a relaxed setting that strengthens personal relationships and trust."
        ),
        "preparation_zh": (
            "了解参与者的兴趣、习惯与禁忌（参考关键人拓展卡片）。\n"
            "遵守双方合规与礼品招待政策，控制预算。\n"
            "安排好我方陪同人员，做到层级对等。"
        ),
        "preparation_en": (
            "Learn the participants' interests, habits and taboos (see the key-person cards).\n"
            "Follow both companies' compliance and gifts-and-hospitality rules; keep to the "
            "budget.\n"
            "Assign our hosts so that levels match on both sides."
        ),
        "agenda_zh": (
            "1. 活动开场与介绍\n"
            "2. 团队活动/交流环节\n"
            "3. 非正式交流（倾听个人关注点）\n"
            "4. 合影与致谢"
        ),
        "agenda_en": (
            "1. Opening and introductions\n"
            "2. Team activity or exchange\n"
            "3. Informal conversations (listen for personal concerns)\n"
            "4. Group photo and thanks"
        ),
        "follow_up_zh": (
            "发送感谢与照片，保持联系。\n"
            "把了解到的个人信息更新到关键人卡片。\n"
            "记录新建立的联系人与关系变化。"
        ),
        "follow_up_en": (
            "Send thanks and photos and keep in touch.\n"
            "Update the key-person cards with what you learned.\n"
            "Record new contacts and changes in relationships."
        ),
        "cadences": _cadence(("2", PLANNED), ("1", PLANNED), ("0", ON_DEMAND), ("0", PLANNED)),
    },
    {
        "code": "mgmt_training_study_visit",
        "name_zh": "管理培训与专项考察",
        "name_en": "Management training & study visits",
        "our_level": "executive",
        "customer_level": "middle",
        "purpose_zh": (
            "为客户高/中层提供管理培训、标杆参观与专项考察，帮助其能力提升。\n"
            "展示我方的管理实践与综合实力，提升品牌认可度。\n"
            "在深度交流中了解客户的管理难题与发展方向。"
        ),
        "purpose_en": (
            "Offer the customer's senior and middle managers training, benchmark visits and "
            "study tours that build their capabilities.\n"
            "Show our management practice and overall strength; raise brand recognition.\n"
            "Learn the customer's management challenges and direction in depth."
        ),
        "preparation_zh": (
            "与客户共同确定培训主题/考察目标与参加人员。\n"
            "选择合适的讲师、标杆企业与行程，确认合规要求。\n"
            "准备资料包与评估问卷，安排我方高层出面。"
        ),
        "preparation_en": (
            "Agree the training topic or study goal and the participants with the customer.\n"
            "Choose trainers, benchmark companies and the itinerary; check compliance rules.\n"
            "Prepare the materials and an evaluation form; have one of our executives host."
        ),
        "agenda_zh": (
            "1. 开班/欢迎致辞（我方高层）\n"
            "2. 专题课程或现场考察\n"
            "3. 研讨与经验分享\n"
            "4. 学习总结与应用计划\n"
            "5. 结业与评估"
        ),
        "agenda_en": (
            "1. Opening and welcome (one of our executives)\n"
            "2. Course sessions or site visits\n"
            "3. Workshops and sharing of experience\n"
            "4. Lessons learned and application plan\n"
            "5. Closing and evaluation"
        ),
        "follow_up_zh": (
            "回收评估问卷并向客户反馈效果。\n"
            "跟进学员的应用计划，寻找合作切入点。\n"
            "把参训人员的关系进展记录到关键人阶梯证据。"
        ),
        "follow_up_en": (
            "Collect the evaluations and report the results to the customer.\n"
            "Follow up the participants' application plans and look for openings to work "
            "together.\n"
            "Record the participants' relationship progress as key-person ladder evidence."
        ),
        "cadences": _cadence(("1", PLANNED), ("1", PLANNED), ("0", PLANNED), ("0", PLANNED)),
    },
    {
        "code": "routine_visit_advisory",
        "name_zh": "日常家访与顾问公关",
        "name_en": "Routine visits & advisory relationship work",
        "our_level": "front_line",
        "customer_level": "middle",
        "purpose_zh": (
            "一线人员定期拜访客户基层/中层，保持高频接触，做客户的顾问。\n"
            "及时掌握客户动态、需求变化与竞争对手动向。\n"
            "处理日常问题，维护关系温度，为高层互动铺路。"
        ),
        "purpose_en": (
            "Front-line staff visit the customer's working level and middle managers "
            "regularly and act as their adviser.\n"
            "Keep up with the customer's news, changing needs and competitor moves.\n"
            "Handle everyday issues, keep the relationship warm and pave the way for "
            "executive contact."
        ),
        "preparation_zh": (
            "明确每次拜访的目的（信息、问题、机会），不做无目的拜访。\n"
            "查看该客户的未关闭行动项与近期活动记录。\n"
            "准备对客户有价值的信息（行业资讯、案例、解决方案）。"
        ),
        "preparation_en": (
            "Set a purpose for every visit (information, an issue, an opportunity); no "
            "aimless calls.\n"
            "Check the account's open action items and recent activities.\n"
            "Bring something of value (industry news, a case, a solution idea)."
        ),
        "agenda_zh": (
            "1. 问候与近况交流\n2. 跟进上次遗留问题\n3. 了解新需求、新项目与组织变化\n4. 约定下一步"
        ),
        "agenda_en": (
            "1. Greetings and recent news\n"
            "2. Follow-up of open points from the last visit\n"
            "3. New needs, projects and organisational changes\n"
            "4. Agree the next step"
        ),
        "follow_up_zh": (
            "当天记录拜访活动与获得的信息。\n"
            "更新组织权力地图与联系人信息。\n"
            "重要信息24小时内报告客户经理或团队。"
        ),
        "follow_up_en": (
            "Log the visit and the information gained the same day.\n"
            "Update the power map and the contact details.\n"
            "Report important news to the account manager or team within 24 hours."
        ),
        "cadences": _cadence(("26", PLANNED), ("12", PLANNED), ("4", PLANNED), ("2", PLANNED)),
    },
]

MECHANISM_CODES = tuple(definition["code"] for definition in DEFAULT_MECHANISMS)

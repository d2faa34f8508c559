"""Demo assessments for two periods of every demo account, scored through the services.

Each account gets a maturity (from its revenue rank) that drives its scores, so the numbers
tell a coherent story: big, long-standing accounts sit higher on the ladder. A few accounts are
shaped on purpose so that every flag has a true example: a gate that lowers a level, a
relationship that is disintegrating, a discrepancy between instruments.
"""

import random
from datetime import date
from decimal import Decimal

from kam.accounts.models import Account, Competitor
from kam.assessments.choices import ToolCode
from kam.assessments.models import AssessmentTemplate
from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.health.services import (
    RatingInput,
    RespondentInput,
    ShareInput,
    WalletInput,
    survey_submit,
    wallet_estimate_save,
)
from kam.people.models import Contact
from kam.scorecard.services import ScorecardFigures, ScorecardInput, scorecard_submit
from kam.users.models import User

PERIODS = (("2025", date(2025, 11, 20)), ("2026", date(2026, 11, 10)))
# Shapes for the story: account name → what happens in the latest period.
GATE_EXAMPLE = "华东电力江苏配售电有限公司"  # high total, weak 匹配: 战略合作 lowered to 普通合作
DISINTEGRATING = "北方重工钢铁有限公司"  # scores collapse between the two periods
DISCREPANCY = "蓝海国际物流股份有限公司"  # relationship test far above the score sheet
GROWTH_OPPORTUNITY = "中科智云科技有限公司"  # very satisfied, but most of the wallet goes elsewhere
# Never took the relationship test: the cycle wheel's Assess phase is incomplete (demo_cycle).
NEVER_TESTED = "长江汽车零部件有限公司"


def _maturity(accounts: list[Account]) -> dict[int, float]:
    ranked = sorted(accounts, key=lambda account: account.current_revenue)
    return {
        account.pk: 0.2 + 0.7 * index / max(len(ranked) - 1, 1)
        for index, account in enumerate(ranked)
    }


def _scale(rng: random.Random, level: float, low: int, high: int, spread: float = 0.6) -> Decimal:
    value = low + level * (high - low) + rng.uniform(-spread, spread)
    return Decimal(max(low, min(high, round(value))))


def _answers(
    template: AssessmentTemplate, values: dict[str, Decimal], assessor: User, evidence: str
) -> list[AnswerInput]:
    return [
        AnswerInput(
            criterion.code,
            values[criterion.code],
            assessor,
            None,
            evidence if index % 3 == 0 else "",
        )
        for index, criterion in enumerate(template.criteria.all())
    ]


def _org_values(
    rng: random.Random, account: Account, level: float, period: str, template: AssessmentTemplate
) -> dict:
    values = {c.code: _scale(rng, level, 0, 5) for c in template.criteria.all()}
    if account.name == GATE_EXAMPLE and period == "2026":
        values.update({code: Decimal(5) for code in values})
        values.update({"m_strategy": Decimal(2), "m_solution": Decimal(1), "m_org": Decimal(3)})
    if account.name == DISINTEGRATING and period == "2026":
        values.update({code: Decimal(1) for code in values})
    return values


def _test_values(
    rng: random.Random, account: Account, level: float, template: AssessmentTemplate
) -> dict:
    if account.name == DISCREPANCY:
        return {c.code: Decimal(5) for c in template.criteria.all()}
    return {c.code: _scale(rng, level, 1, 5) for c in template.criteria.all()}


def seed_relationship_assessments(*, rng: random.Random, accounts: list[Account]) -> int:
    """Score the organisation sheet and the relationship test for two periods per account
    (NEVER_TESTED has only the organisation sheet)."""
    org = template_current(tool_code=ToolCode.ORG_SCORE_SHEET)
    test = template_current(tool_code=ToolCode.RELATIONSHIP_TEST)
    maturity = _maturity(accounts)
    count = 0
    for account in accounts:
        assessor = account.owner
        for offset, (period, assessed_on) in enumerate(PERIODS):
            level = max(0.05, maturity[account.pk] - 0.1 * (1 - offset))
            if account.name == DISINTEGRATING and period == "2025":
                level = 0.85
            for template, values in (
                (org, _org_values(rng, account, level, period, org)),
                (test, _test_values(rng, account, level, test)),
            ):
                if template == test and account.name == NEVER_TESTED:
                    continue  # its values were still drawn: the random sequence stays the same
                assessment_submit(
                    actor=assessor,
                    account=account,
                    template=template,
                    data=AssessmentInput(
                        period=period,
                        assessed_on=assessed_on,
                        answers=_answers(template, values, assessor, f"{period} 年度复盘会议纪要"),
                        note=f"{period} 年度评估",
                    ),
                )
                count += 1
    return count


# --- T3: satisfaction surveys and wallet estimates --------------------------------------------

RATED_ATTRIBUTES = 9
CATEGORIES = (
    ("core_equipment", "核心设备"),
    ("services", "运维服务"),
)


def _respondent(
    rng: random.Random, contact: Contact, level: float, template: AssessmentTemplate
) -> RespondentInput:
    influence = {"executive": 9, "middle": 6}.get(contact.seniority, 3)
    ratings = tuple(
        RatingInput(
            criterion.code,
            importance=int(_scale(rng, 0.6, 1, 5, 1.2)),
            performance=int(_scale(rng, level, 1, 5, 0.9)),
        )
        for criterion in list(template.criteria.all())[:RATED_ATTRIBUTES]
    )
    return RespondentInput(
        contact=contact,
        role=contact.title,
        influence=influence,
        overall=int(_scale(rng, level, 1, 5, 0.8)),
        recommend=int(_scale(rng, 0.45 + 0.55 * level, 0, 10, 1.5)),
        verbatim="交付及时，但技术支持响应还需加快。"
        if level < 0.5
        else "合作顺畅，希望加强联合创新。",
        ratings=ratings,
    )


def _respondents(
    rng: random.Random, account: Account, level: float, template: AssessmentTemplate
) -> list[RespondentInput]:
    """Three to five of the account's senior contacts answer; influence follows seniority. Two
    operational staff answer too (the T10 ops_satisfaction KPI reads them), drawn from their own
    generator so that the rest of the demo stays as it was."""
    contacts = list(account.contacts.order_by("seniority", "name")[:5])
    respondents = [
        _respondent(rng, contact, level, template) for contact in contacts[: rng.randint(3, 5)]
    ]
    staff_rng = random.Random(f"staff-{account.name}")  # noqa: S311 (demo data, not secrets)
    staff = account.contacts.filter(seniority="operational").order_by("name")[:2]
    respondents += [_respondent(staff_rng, contact, level, template) for contact in staff]
    return respondents


def _wallet(
    rng: random.Random, account: Account, level: float, period: str, competitors: list
) -> list[WalletInput]:
    estimates = []
    for index, (code, label) in enumerate(CATEGORIES):
        ours = account.current_revenue * Decimal(str(0.7 if index == 0 else 0.3))
        share = max(0.08, min(0.9, level * 0.8 + rng.uniform(-0.1, 0.1)))
        total = (ours / Decimal(str(share))).quantize(Decimal("1"))
        rivals = rng.sample(competitors, 2)
        rest = (1 - share) * 100
        estimates.append(
            WalletInput(
                period=period,
                category_code=code,
                category_label=label,
                customer_total_spend=total,
                our_revenue=ours.quantize(Decimal("1")),
                currency=account.currency,
                our_rank=1 if share >= 0.4 else 2,
                number_of_suppliers=3,
                source="客户采购部访谈",
                competitor_shares=(
                    ShareInput(rivals[0], Decimal(str(round(rest * 0.6, 1)))),
                    ShareInput(rivals[1], Decimal(str(round(rest * 0.3, 1)))),
                ),
            )
        )
    return estimates


def seed_health(*, rng: random.Random, accounts: list[Account]) -> int:
    """A satisfaction survey and wallet estimates per period for every trading account."""
    template = template_current(tool_code=ToolCode.SATISFACTION)
    competitors = list(Competitor.objects.order_by("name"))
    maturity = _maturity(accounts)
    count = 0
    for account in accounts:
        if account.current_revenue <= 0:
            continue
        for offset, (period, conducted_on) in enumerate(PERIODS):
            level = max(0.1, maturity[account.pk] - 0.1 * (1 - offset))
            satisfaction = 0.9 if account.name == GROWTH_OPPORTUNITY else level
            survey_submit(
                actor=account.owner,
                account=account,
                period=period,
                conducted_on=conducted_on,
                respondents=_respondents(rng, account, satisfaction, template),
                note=f"{period} 年度满意度调查",
            )
            for data in _wallet(rng, account, level, period, competitors):
                wallet_estimate_save(actor=account.owner, account=account, data=data)
            count += 1
    return count


# --- T1: scorecards -------------------------------------------------------------------------

# The intended category of each demo account in 2026 (and, where it moved, in 2025).
SCORECARD_STORY = {
    "华东电力集团": ("strategic", "strategic"),
    "长江汽车集团": ("strategic", "strategic"),
    "华东电力上海发电有限公司": ("status", "strategic"),
    "华南城市商业银行": ("strategic", "strategic"),
    "中科智云科技有限公司": ("streamline", "star"),
    "Siemens Healthineers China": ("star", "star"),
    "长江新能源汽车有限公司": ("star", "star"),
    "北方重工钢铁有限公司": ("strategic", "status"),
    "长江汽车零部件有限公司": ("status", "status"),
    "华东电力江苏配售电有限公司": ("status", "status"),
    "Northwind Pharmaceuticals (Suzhou) Co., Ltd.": ("streamline", "streamline"),
    "蓝海国际物流股份有限公司": ("streamline", "streamline"),
    "西部数字政务服务中心": ("streamline", "star"),
}
# (attractiveness 1–10, our KBC score, best competitor's KBC score) per category
CATEGORY_SCORES = {
    "strategic": (8, 8, 6),
    "star": (8, 5, 7),
    "status": (4, 8, 6),
    "streamline": (4, 5, 7),
}


def _noisy(rng: random.Random, centre: int) -> Decimal:
    return Decimal(max(1, min(10, centre + rng.choice((-1, 0, 0, 1)))))


def _scorecard_answers(
    rng: random.Random, category: str, assessor: User, rivals: list[Competitor]
) -> tuple[list[AnswerInput], list[AnswerInput]]:
    attractiveness_level, ours, theirs = CATEGORY_SCORES[category]
    attractiveness = template_current(tool_code=ToolCode.SCORECARD_ATTRACTIVENESS)
    strength = template_current(tool_code=ToolCode.SCORECARD_STRENGTH)
    attractive = [
        AnswerInput(c.code, _noisy(rng, attractiveness_level), assessor, None, "年度经营分析会")
        for c in attractiveness.criteria.all()
    ]
    strong = []
    for criterion in strength.criteria.all():
        strong.append(AnswerInput(criterion.code, Decimal(ours), assessor))
        strong += [
            AnswerInput(criterion.code, Decimal(theirs), assessor, rival) for rival in rivals
        ]
    return attractive, strong


def seed_scorecards(*, rng: random.Random, accounts: list[Account]) -> int:
    """Two periods of scorecards per demo account, telling the story of SCORECARD_STORY."""
    competitors = list(Competitor.objects.order_by("name"))
    count = 0
    for account in accounts:
        story = SCORECARD_STORY.get(account.name, ("streamline", "streamline"))
        rivals = rng.sample(competitors, 2)
        for (period, assessed_on), category in zip(PERIODS, story, strict=True):
            attractive, strong = _scorecard_answers(rng, category, account.owner, rivals)
            growth = Decimal("1.1") if period == "2025" else Decimal("1.6")
            figures = ScorecardFigures(
                current_revenue=account.current_revenue,
                potential_revenue_3y=(account.current_revenue * growth).quantize(Decimal(1)),
            )
            scorecard_submit(
                actor=account.owner,
                account=account,
                data=ScorecardInput(
                    period=period,
                    assessed_on=assessed_on,
                    attractiveness_answers=attractive,
                    strength_answers=strong,
                    figures=figures,
                    note=f"{period} 年度客户分类",
                ),
            )
            count += 1
    return count

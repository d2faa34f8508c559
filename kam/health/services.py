"""Writes of the relationship test model: surveys, wallet estimates and the relationship test."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.locks import account_lock
from kam.accounts.models import Account, Competitor
from kam.assessments import formulas
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate, Criterion
from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.exceptions import ApplicationError
from kam.health.choices import Confidence
from kam.health.models import (
    SatisfactionSurvey,
    SurveyRating,
    SurveyRespondent,
    WalletCompetitorShare,
    WalletEstimate,
)
from kam.people.models import Contact
from kam.users.models import User

DEFAULT_INFLUENCE = 5
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RatingInput:
    attribute_code: str
    importance: int
    performance: int


@dataclass(frozen=True)
class RespondentInput:
    """One respondent's answers; every answer is optional, but at least one must be given."""

    contact: Contact | None = None
    role: str = ""
    influence: int = DEFAULT_INFLUENCE
    is_anonymous: bool = False
    overall: int | None = None
    recommend: int | None = None
    verbatim: str = ""
    ratings: tuple[RatingInput, ...] = ()

    @property
    def has_answers(self) -> bool:
        return bool(self.ratings) or self.overall is not None or self.recommend is not None


def _out_of_range(value: int | None, low: int, high: int) -> bool:
    return value is not None and not low <= value <= high


def _rating_problems(ratings: tuple[RatingInput, ...], labels: dict[str, str]) -> list[str]:
    problems, seen = [], set()
    for rating in ratings:
        label = labels.get(rating.attribute_code)
        if label is None:
            problems.append(_("unknown attribute {code}").format(code=rating.attribute_code))
            continue
        if rating.attribute_code in seen:
            problems.append(_("{attribute} is rated twice").format(attribute=label))
        seen.add(rating.attribute_code)
        if _out_of_range(rating.importance, 1, 5) or _out_of_range(rating.performance, 1, 5):
            problems.append(
                _("{attribute}: rate importance and performance from 1 to 5").format(
                    attribute=label
                )
            )
    return problems


def _respondent_problems(
    respondent: RespondentInput, account: Account, labels: dict[str, str]
) -> list[str]:
    problems = []
    contact = respondent.contact
    if contact is not None and contact.account_id != account.pk:
        problems.append(_("the contact works at another account"))
    if contact is not None and respondent.is_anonymous:
        problems.append(_("an anonymous answer cannot name a contact"))
    if _out_of_range(respondent.influence, 0, 10):
        problems.append(_("enter an influence from 0 to 10"))
    if _out_of_range(respondent.overall, 1, 5):
        problems.append(_("rate the overall satisfaction from 1 to 5"))
    if _out_of_range(respondent.recommend, 0, 10):
        problems.append(_("rate the likelihood to recommend from 0 to 10"))
    problems += _rating_problems(respondent.ratings, labels)
    if not respondent.has_answers:
        problems.append(_("no answer given"))
    return problems


def _check_respondents(
    account: Account, criteria: list[Criterion], respondents: list[RespondentInput]
) -> None:
    """Every problem of every respondent at once, so that one correction fixes them all."""
    labels = {criterion.code: criterion.label for criterion in criteria}
    messages = []
    if not respondents:
        messages.append(_("Enter the answers of at least one respondent."))
    contacts = [item.contact.pk for item in respondents if item.contact is not None]
    if len(contacts) != len(set(contacts)):
        messages.append(_("The same contact answers twice: merge the answers into one row."))
    for number, respondent in enumerate(respondents, start=1):
        problems = _respondent_problems(respondent, account, labels)
        if problems:
            messages.append(
                _("Respondent {number}: {problems}.").format(
                    number=number, problems="; ".join(problems)
                )
            )
    if messages:
        raise ValidationError({"respondents": messages})


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def survey_results(
    template: AssessmentTemplate, criteria: list[Criterion], respondents: list[RespondentInput]
) -> dict[str, object]:
    """The survey's figures (CSAT, satisfaction index, NPS with counts, IPA) as stored JSON."""
    answers = [
        formulas.SurveyAnswer(
            influence=float(item.influence),
            ratings={r.attribute_code: (r.importance, r.performance) for r in item.ratings},
            overall=item.overall,
            recommend=item.recommend,
        )
        for item in respondents
    ]
    split = float(template.parameters.get("ipa_split", 3))
    gaps = {
        gap.code: gap
        for gap in formulas.importance_performance(
            answers, importance_split=split, performance_split=split
        )
    }
    promoter = formulas.net_promoter(answers)
    return {
        "respondents": len(answers),
        "csat_percent": _rounded(formulas.csat_percent(answers)),
        "satisfaction_index": _rounded(formulas.satisfaction_index(answers)),
        "net_promoter": {
            "score": _rounded(promoter.score),
            "promoters": promoter.promoters,
            "passives": promoter.passives,
            "detractors": promoter.detractors,
            "respondents": promoter.respondents,
        },
        "ipa_split": split,
        "attributes": [
            {
                "code": criterion.code,
                "label": {"zh": criterion.label_zh, "en": criterion.label_en},
                "importance": _rounded(gaps[criterion.code].importance),
                "performance": _rounded(gaps[criterion.code].performance),
                "gap": _rounded(gaps[criterion.code].gap),
                "quadrant": gaps[criterion.code].quadrant,
                "answers": sum(1 for answer in answers if criterion.code in answer.ratings),
            }
            for criterion in criteria
            if criterion.code in gaps
        ],
    }


def _store_respondents(survey: SatisfactionSurvey, respondents: list[RespondentInput]) -> None:
    rows = [
        SurveyRespondent(
            survey=survey,
            position=position,
            contact=item.contact,
            role=item.role,
            influence=item.influence,
            is_anonymous=item.is_anonymous,
            overall=item.overall,
            recommend=item.recommend,
            verbatim=item.verbatim,
        )
        for position, item in enumerate(respondents)
    ]
    for row in rows:
        # The constraints were checked above for all rows at once; the database enforces them.
        row.full_clean(validate_constraints=False)
    SurveyRespondent.objects.bulk_create(rows)
    ratings = [
        SurveyRating(
            respondent=row,
            attribute_code=rating.attribute_code,
            importance=rating.importance,
            performance=rating.performance,
        )
        for row, item in zip(rows, respondents, strict=True)
        for rating in item.ratings
    ]
    SurveyRating.objects.bulk_create(ratings)


@transaction.atomic
def survey_submit(
    *,
    actor: User,
    account: Account,
    period: str,
    conducted_on: date,
    respondents: list[RespondentInput],
    note: str = "",
) -> SatisfactionSurvey:
    """Store a survey and its figures as a snapshot that supersedes the period's current survey.

    All or nothing: any invalid answer refuses the whole survey. The account's row lock makes two
    surveys of the same period run in turn (the second supersedes the first).
    """
    require(can_change_account(actor, account))
    account_lock(account)
    template = template_current(tool_code=ToolCode.SATISFACTION)
    criteria = list(template.criteria.all())
    _check_respondents(account, criteria, respondents)
    results = survey_results(template, criteria, respondents)
    previous = (
        SatisfactionSurvey.objects.select_for_update()
        .filter(account=account, period=period, is_current=True)
        .first()
    )
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current", "updated_at"])
    index = results["satisfaction_index"]
    survey = SatisfactionSurvey(
        account=account,
        template=template,
        period=period,
        conducted_on=conducted_on,
        note=note,
        supersedes=previous,
        satisfaction_index=None if index is None else Decimal(str(index)).quantize(CENT),
        results=results,
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    _store_respondents(survey, respondents)
    audit_record(
        actor=actor,
        instance=survey,
        action=AuditAction.CREATE,
        changes={
            "period": [None, period],
            "respondents": [None, len(respondents)],
            "satisfaction_index": [None, survey.satisfaction_index],
            "supersedes": [None, str(previous.uuid) if previous else None],
        },
        account_uuid=account.uuid,
    )
    return survey


# --- share of wallet ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareInput:
    competitor: Competitor
    share_percent: Decimal


@dataclass(frozen=True)
class WalletInput:
    """One category's wallet in one period; saving it again updates the same estimate."""

    period: str
    category_code: str
    category_label: str
    customer_total_spend: Decimal
    our_revenue: Decimal
    currency: str
    our_rank: int | None = None
    number_of_suppliers: int | None = None
    confidence: str = Confidence.MEDIUM
    source: str = ""
    competitor_shares: tuple[ShareInput, ...] = ()


WALLET_FIELDS = [
    "category_label",
    "customer_total_spend",
    "our_revenue",
    "currency",
    "our_rank",
    "number_of_suppliers",
    "confidence",
    "source",
]


def _check_shares(estimate: WalletEstimate, shares: tuple[ShareInput, ...]) -> None:
    competitors = [share.competitor.pk for share in shares]
    if len(competitors) != len(set(competitors)):
        raise ValidationError({"competitor_shares": _("A competitor is listed twice.")})
    if any(not 0 <= share.share_percent <= 100 for share in shares):
        raise ValidationError({"competitor_shares": _("Enter each share from 0 to 100 %.")})
    ours = estimate.our_share_percent
    theirs = sum((share.share_percent for share in shares), Decimal("0")).quantize(CENT)
    if ours + theirs > 100:
        message = _(
            "Our share ({ours} %) and the competitors' shares ({theirs} %) add up to "
            "{total} %: together they cannot exceed 100 %."
        ).format(ours=ours, theirs=theirs, total=ours + theirs)
        raise ValidationError({"competitor_shares": message})
    suppliers = estimate.number_of_suppliers
    listed = len(shares) + (1 if estimate.our_revenue > 0 or estimate.our_rank else 0)
    if suppliers is not None and listed > suppliers:
        message = _("{listed} suppliers are listed, but the customer uses {suppliers}.").format(
            listed=listed, suppliers=suppliers
        )
        raise ValidationError({"number_of_suppliers": message})


def _check_currency(estimate: WalletEstimate) -> None:
    """All categories of a period share one currency, so that the totals add up."""
    other = (
        WalletEstimate.objects.filter(account_id=estimate.account_id, period=estimate.period)
        .exclude(pk=estimate.pk)
        .exclude(currency=estimate.currency)
        .values_list("currency", flat=True)
        .first()
    )
    if other is not None:
        message = _(
            "The other categories of {period} are in {currency}: enter this one in {currency} "
            "too, so that the totals add up."
        ).format(period=estimate.period, currency=other)
        raise ValidationError({"currency": message})


def _shares_text(shares: Iterable[WalletCompetitorShare]) -> str:
    return ", ".join(f"{share.competitor.name}: {share.share_percent}" for share in shares)


@transaction.atomic
def wallet_estimate_save(
    *, actor: User, account: Account, data: WalletInput
) -> tuple[WalletEstimate, bool]:
    """Create or update the estimate of one category and period; returns it and `created`.
    The account's row lock makes two saves of the same category and period run in turn."""
    require(can_change_account(actor, account))
    account_lock(account)
    estimate = (
        WalletEstimate.objects.select_for_update()
        .filter(account=account, period=data.period, category_code=data.category_code)
        .first()
    )
    created = estimate is None
    if estimate is None:
        estimate = WalletEstimate(
            account=account, period=data.period, category_code=data.category_code, created_by=actor
        )
    before = {field: getattr(estimate, field) for field in WALLET_FIELDS}
    shares_before = "" if created else _shares_text(estimate.competitor_shares.all())
    for field in WALLET_FIELDS:
        setattr(estimate, field, getattr(data, field))
    for field in ("customer_total_spend", "our_revenue"):  # stored to the cent, audited alike
        setattr(estimate, field, Decimal(getattr(data, field)).quantize(CENT))
    estimate.full_clean()
    _check_shares(estimate, data.competitor_shares)
    _check_currency(estimate)
    try:
        with transaction.atomic():
            estimate.save()
    except IntegrityError as error:
        # Two people created the same category and period at the same moment.
        raise ApplicationError(
            _("Someone else has just saved this category for this period: reload the page."),
            code="conflict",
            status=409,
        ) from error
    estimate.competitor_shares.all().delete()
    shares = WalletCompetitorShare.objects.bulk_create(
        WalletCompetitorShare(
            estimate=estimate, competitor=share.competitor, share_percent=share.share_percent
        )
        for share in data.competitor_shares
    )
    changes = {
        field: [None if created else before[field], getattr(estimate, field)]
        for field in WALLET_FIELDS
        if created or before[field] != getattr(estimate, field)
    }
    if created:
        changes |= {"period": [None, data.period], "category_code": [None, data.category_code]}
    if _shares_text(shares) != shares_before:
        changes["competitor_shares"] = [shares_before or None, _shares_text(shares) or None]
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    audit_record(
        actor=actor, instance=estimate, action=action, changes=changes, account_uuid=account.uuid
    )
    return estimate, created


# --- relationship test -------------------------------------------------------------------------


def relationship_test_submit(
    *,
    actor: User,
    account: Account,
    period: str,
    assessed_on: date,
    answers: list[AnswerInput],
    note: str = "",
) -> Assessment:
    """关系测试: an assessment on the engine under the current relationship-test template."""
    return assessment_submit(
        actor=actor,
        account=account,
        template=template_current(tool_code=ToolCode.RELATIONSHIP_TEST),
        data=AssessmentInput(period=period, assessed_on=assessed_on, answers=answers, note=note),
    )

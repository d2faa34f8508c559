"""API of the responsibility letters (same services, selectors and access rules as the pages):
a plan's letters, a letter with its objectives, generation, signature and closing. The team
generates, the owner then a director sign, a director closes; viewers read; outsiders get 404."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.schemas import ErrorOut
from kam.letters import services
from kam.letters.choices import LetterStatus
from kam.letters.models import LetterObjective, ResponsibilityLetter
from kam.letters.selectors import letter_objectives, letters_of_account, letters_of_plan
from kam.metrics.choices import MetricDirection, MetricFrequency, MetricKind
from kam.plans.choices import ComparisonBasis
from kam.plans.models import AccountPlan
from kam.plans.selectors import plan_for_year
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["letters"])

READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut,
}  # fmt: skip


class LetterObjectiveOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    metric_code: str
    metric_label: str
    kind: MetricKind
    unit: str
    direction: MetricDirection
    baseline: Decimal | None
    target: Decimal
    weight: Decimal
    comparison_basis: ComparisonBasis
    data_source: str
    frequency: MetricFrequency | str
    formula: str = Field(..., alias="formula_text")


class LetterOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    plan_year: int
    owner: str
    approver: str | None
    status: LetterStatus
    period_start: date
    period_end: date
    rules: dict[str, object]
    signed_by_owner_at: datetime | None
    signed_by_approver_at: datetime | None
    closed_on: date | None
    process_score: Decimal | None
    result_score: Decimal | None
    final_score: Decimal | None
    rating: str
    created_at: datetime

    @staticmethod
    def resolve_plan_year(letter: ResponsibilityLetter) -> int:
        return letter.plan.year

    @staticmethod
    def resolve_owner(letter: ResponsibilityLetter) -> str:
        return letter.owner.username

    @staticmethod
    def resolve_approver(letter: ResponsibilityLetter) -> str | None:
        return letter.approver.username if letter.approver else None


class LetterDetailOut(LetterOut):
    objectives: list[LetterObjectiveOut]

    @staticmethod
    def resolve_objectives(letter: ResponsibilityLetter) -> list[LetterObjective]:
        return letter_objectives(letter=letter)


class LetterGenerateIn(Schema):
    owner_id: uuid.UUID = Field(..., description="A user who owns objectives of the plan.")


class LetterCloseIn(Schema):
    on: date = Field(..., description="The date whose catalogue actuals score the letter.")


def _plan(account: Account, year: int) -> AccountPlan:
    plan = plan_for_year(account=account, year=year)
    if plan is None:
        raise Http404(_("Not found."))
    return plan


def _letter(account: Account, letter_id: uuid.UUID) -> ResponsibilityLetter:
    letter = letters_of_account(account=account).filter(uuid=letter_id).first()
    if letter is None:
        raise Http404(_("Not found."))
    return letter


@router.get(
    "/accounts/{account_id}/plans/{year}/letters",
    response={200: list[LetterOut], **READ_ERRORS},
    url_name="api_letters_list",
)
@paginate(PagePagination)
def list_letters(request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int) -> object:
    """The plan's letters, newest first."""
    return letters_of_plan(plan=_plan(account_get_for_user(request.user, account_id), year))


@router.post(
    "/accounts/{account_id}/plans/{year}/letters",
    response={201: LetterDetailOut, **WRITE_ERRORS},
    url_name="api_letters_generate",
)
def generate_letter(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, year: int, payload: LetterGenerateIn
) -> Status:
    """Generate the owner's letter from the plan's objectives they own (weights scaled to 100,
    the rules in force). Replaces the owner's unsigned letter. 422 `owner` when they own no
    objective; 409 `letter_signed` when their letter is signed and not yet closed."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    plan = _plan(account, year)
    owner = User.objects.filter(uuid=payload.owner_id, is_active=True).first()
    if owner is None:
        raise ValidationError({"owner_id": _("Choose an owner of the plan's objectives.")})
    letter = services.letter_generate(plan=plan, owner=owner, actor=request.user)
    return Status(201, _letter(account, letter.uuid))


@router.get(
    "/accounts/{account_id}/letters/{letter_id}",
    response={200: LetterDetailOut, **READ_ERRORS},
    url_name="api_letters_get",
)
def get_letter(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, letter_id: uuid.UUID
) -> ResponsibilityLetter:
    return _letter(account_get_for_user(request.user, account_id), letter_id)


@router.post(
    "/accounts/{account_id}/letters/{letter_id}/sign",
    response={200: LetterDetailOut, **WRITE_ERRORS},
    url_name="api_letters_sign",
)
def sign_letter(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, letter_id: uuid.UUID
) -> ResponsibilityLetter:
    """The owner signs a draft; then a director signs as the approver. 403 for anyone else;
    409 `owner_first`, `approver_is_owner`, `already_signed`, or `not_measurable` (the message
    names each objective and what it lacks: formula, unit, data source, frequency, baseline)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    letter = services.letter_sign(letter=_letter(account, letter_id), actor=request.user)
    return _letter(account, letter.uuid)


@router.post(
    "/accounts/{account_id}/letters/{letter_id}/close",
    response={200: LetterDetailOut, **WRITE_ERRORS},
    url_name="api_letters_close",
)
def close_letter(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    letter_id: uuid.UUID,
    payload: LetterCloseIn,
) -> ResponsibilityLetter:
    """A director scores a signed letter from the catalogue's actuals as of `on` and freezes
    it. 403 for anyone else; 409 `not_signed`."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    letter = services.letter_close(
        letter=_letter(account, letter_id), actor=request.user, on=payload.on
    )
    return _letter(account, letter.uuid)

"""Pages of the responsibility letters (thin views over the services and selectors): a plan's
letters with the generation form, a letter with its signatures and a live score, its printable
form (also the PDF and Word export), signing, closing, and the evaluation rules' settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, can_administer_portfolio
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.letters import services
from kam.letters.choices import LetterStatus
from kam.letters.forms import LetterCloseForm, LetterGenerateForm, RuleSetForm
from kam.letters.models import LetterObjective, ResponsibilityLetter
from kam.letters.selectors import (
    LetterEvaluation,
    current_rules,
    frozen_evaluation,
    letter_evaluation,
    letter_objectives,
    letters_of_account,
    letters_of_plan,
    measurability_problems,
    rule_sets,
    rules_from_json,
)
from kam.plans.models import AccountPlan
from kam.plans.scoring import EvaluationRules
from kam.plans.selectors import plans_of_account
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

TAB = "plan"


def _plan(account: Account, plan_uuid: str) -> AccountPlan:
    plan = plans_of_account(account=account).filter(uuid=plan_uuid).first()
    if plan is None:
        raise Http404(_("Not found."))
    plan.account = account
    return plan


def _letter(account: Account, letter_uuid: str) -> ResponsibilityLetter:
    letter = letters_of_account(account=account).filter(uuid=letter_uuid).first()
    if letter is None:
        raise Http404(_("Not found."))
    letter.plan.account = account
    return letter


def _letter_url(letter: ResponsibilityLetter) -> str:
    return reverse("letters:letter", args=[letter.plan.account.uuid, letter.uuid])


def _owners(plan: AccountPlan) -> list[User]:
    owners = {item.owner_id: item.owner for item in plan.objectives.select_related("owner")}
    return list(owners.values())


@login_required
@require_http_methods(["GET", "POST"])
def plan_letters_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """The plan's letters; a POST generates (or regenerates) one owner's letter."""
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=is_post)
    plan = _plan(account, plan_uuid)
    owners = _owners(plan)
    form = LetterGenerateForm(request.POST if is_post else None, owners=owners)
    if is_post and form.is_valid():
        try:
            letter = services.letter_generate(
                plan=plan, owner=form.cleaned_data["owner"], actor=request.user
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Letter generated as a draft."))
            return redirect(_letter_url(letter))
    context = {
        **_account_context(request, account, TAB),
        "plan": plan,
        "letters": list(letters_of_plan(plan=plan)),
        "form": form,
        "has_owners": bool(owners),
    }
    return render(request, "letters/plan.html", context, status=400 if form.errors else 200)


def _method(objective: LetterObjective, rules: EvaluationRules) -> str:
    """How an objective is evaluated, in words (pre-built: the template loops over them)."""
    if objective.is_stage:
        ratio = _("achievement = (actual − baseline) ÷ (target − baseline)")
    elif objective.is_lower_better:
        ratio = _("achievement = target ÷ actual")
    else:
        ratio = _("achievement = actual ÷ target")
    cap = _("counted up to {cap} %").format(cap=format((rules.cap * 100).normalize(), "f"))
    return f"{ratio}; {cap}; {objective.get_comparison_basis_display()}"


def _rules_text(rules: EvaluationRules) -> str:
    share = (rules.process_share * 100).normalize()
    bands = {str(rating): format(lowest.normalize(), "f") for lowest, rating in rules.bands}
    return _(
        "Letter score = {process} % process score + {result} % result score; each objective "
        "counts at most {cap} % of its target. Excellent from {excellent}, good from {good}, "
        "satisfactory from {passing}; below: needs improvement."
    ).format(
        process=format(share, "f"), result=format(100 - share, "f"),
        cap=format((rules.cap * 100).normalize(), "f"), excellent=bands.get("excellent", "—"),
        good=bands.get("good", "—"), passing=bands.get("pass", "—"),
    )  # fmt: skip


def _evaluation(letter: ResponsibilityLetter, objectives: list) -> LetterEvaluation:
    if letter.status == LetterStatus.CLOSED:
        return frozen_evaluation(letter=letter, objectives=objectives)
    return letter_evaluation(letter=letter, objectives=objectives, on=timezone.localdate())


def _letter_context(request: AuthenticatedHttpRequest, letter: ResponsibilityLetter) -> dict:
    objectives = letter_objectives(letter=letter)
    rules = rules_from_json(letter.rules)
    for objective in objectives:
        objective.method = _method(objective, rules)  # type: ignore[attr-defined]
    user = request.user
    may_approve = services.may_approve(user)
    status = letter.status
    return {
        **_account_context(request, letter.plan.account, TAB),
        "plan": letter.plan,
        "letter": letter,
        "objectives": objectives,
        "evaluation": _evaluation(letter, objectives),
        "rules_text": _rules_text(rules),
        "problems": measurability_problems(objectives) if not letter.is_frozen else [],
        "can_sign_as_owner": status == LetterStatus.DRAFT and user.pk == letter.owner_id,
        "can_sign_as_approver": status == LetterStatus.OWNER_SIGNED
        and may_approve
        and user.pk != letter.owner_id,
        "can_close": status == LetterStatus.SIGNED and may_approve,
        "close_form": LetterCloseForm(initial={"on": letter.period_end}),
    }


@login_required
@require_GET
def letter_view(
    request: AuthenticatedHttpRequest, account_uuid: str, letter_uuid: str
) -> HttpResponse:
    """A letter: its objectives, signatures and score (live until it is closed)."""
    account = account_get_for_user(request.user, account_uuid)
    letter = _letter(account, letter_uuid)
    return render(request, "letters/letter.html", _letter_context(request, letter))


@login_required
@require_GET
def letter_print_view(
    request: AuthenticatedHttpRequest, account_uuid: str, letter_uuid: str
) -> HttpResponse:
    """The letter as it is printed and signed on paper (also its PDF and Word export)."""
    account = account_get_for_user(request.user, account_uuid)
    letter = _letter(account, letter_uuid)
    return render(request, "letters/print.html", _letter_context(request, letter))


@login_required
@require_POST
def letter_sign_view(
    request: AuthenticatedHttpRequest, account_uuid: str, letter_uuid: str
) -> HttpResponse:
    """The owner signs; then a director signs as the approver."""
    account = account_get_for_user(request.user, account_uuid)
    letter = _letter(account, letter_uuid)
    try:
        signed = services.letter_sign(letter=letter, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(signed.get_status_display()))
    return redirect(_letter_url(letter))


@login_required
@require_POST
def letter_close_view(
    request: AuthenticatedHttpRequest, account_uuid: str, letter_uuid: str
) -> HttpResponse:
    """A director closes a signed letter: scored as of a date and frozen."""
    account = account_get_for_user(request.user, account_uuid)
    letter = _letter(account, letter_uuid)
    if not services.may_approve(request.user):
        raise PermissionDenied(_("Only a director closes a letter."))
    form = LetterCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the letter is scored on."))
        return redirect(_letter_url(letter))
    try:
        services.letter_close(letter=letter, actor=request.user, on=form.cleaned_data["on"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Letter closed and scored."))
    return redirect(_letter_url(letter))


def _rules_initial(rules: EvaluationRules) -> dict[str, object]:
    lowest = [band[0] for band in rules.bands] + [None, None, None]
    return {
        "process_share": rules.process_share,
        "cap": rules.cap,
        "excellent_from": lowest[0],
        "good_from": lowest[1],
        "pass_from": lowest[2],
    }


@login_required
@require_http_methods(["GET", "POST"])
def rules_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The evaluation rules in force and their versions; a director or an administrator adds a
    version (letters keep the rules they were generated with)."""
    can_edit = can_administer_portfolio(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Only a director or an administrator changes the rules."))
    rules = current_rules()
    form = RuleSetForm(request.POST or None, initial=_rules_initial(rules))
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_set_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("New version of the evaluation rules saved."))
            return redirect("letters:rules")
    context = {"rules_text": _rules_text(rules), "versions": list(rule_sets()[:50]), "form": form,
               "can_edit": can_edit}  # fmt: skip
    return render(request, "letters/rules.html", context, status=400 if form.errors else 200)

"""Pages of the compliance app (thin views over its services and selectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import (
    account_get_for_user,
    can_administer_portfolio,
    can_change_account,
    can_manage_reference_data,
    object_get_for_user,
    require,
)
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.compliance import services
from kam.compliance.choices import GiftStatus
from kam.compliance.forms import (
    CounterpartProfileForm,
    DecisionForm,
    GiftEntryForm,
    GiftPolicyRuleForm,
    LocalCustomNoteForm,
)
from kam.compliance.models import GiftEntry, GiftPolicyRule, LocalCustomNote
from kam.compliance.selectors import (
    YearTotal,
    account_people,
    contact_year_totals,
    custom_notes,
    custom_notes_for_account,
    gift_entries,
    pending_gift_entries,
    policy_rules,
    rules_for,
    year_summary,
)
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, paginate, querystring_without_page, safe_next_url
from kam.idempotency.pages import one_time_submission
from kam.lib.export import csv_response
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest

CONTACT_QUERYSET = Contact.objects.select_related(
    "account", "account__owner", "counterpart_profile"
)
GIFT_QUERYSET = GiftEntry.objects.select_related("account", "contact", "giver")
NOTE_QUERYSET = LocalCustomNote.objects.select_related("account")


def _status(form: object) -> int:
    return 400 if getattr(form, "errors", None) else 200


def _rules_and_totals(contact: Contact) -> tuple[list[GiftPolicyRule], list[YearTotal]]:
    profile = getattr(contact, "counterpart_profile", None)
    region = profile.region if profile else contact.account.region
    rules = rules_for(counterpart_type=profile.counterpart_type if profile else "", region=region)
    totals = contact_year_totals(contact=contact, year=timezone.localdate().year)
    return rules, year_summary(totals=totals, rules=rules)


def _save_profile(
    request: AuthenticatedHttpRequest, contact: Contact, form: CounterpartProfileForm
) -> bool:
    if not form.is_valid():
        return False
    services.counterpart_profile_set(
        actor=request.user, contact=contact, counterpart_type=form.cleaned_data["counterpart_type"]
    )
    messages.success(request, _("Counterpart type saved."))
    return True


def _save_entry(
    request: AuthenticatedHttpRequest, contact: Contact, form: GiftEntryForm
) -> GiftEntry | None:
    if not form.is_valid():
        return None
    try:
        entry = services.gift_entry_create(
            actor=request.user, contact=contact, data=services.GiftInput(**form.cleaned_data)
        )
    except (ValidationError, ApplicationError) as error:
        apply_service_errors(form, error)
        return None
    if entry.status == GiftStatus.PENDING:
        messages.warning(request, _("Entry recorded: it waits for a director's approval."))
    else:
        messages.success(request, _("Entry recorded."))
    return entry


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def contact_gifts_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    is_post = request.method == "POST"
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=is_post)
    which = request.POST.get("form") if is_post else None
    profile = getattr(contact, "counterpart_profile", None)
    profile_form = CounterpartProfileForm(
        request.POST if which == "profile" else None,
        initial={"counterpart_type": profile.counterpart_type if profile else ""},
        auto_id="profile_%s",  # the gift form on the same page has a counterpart type too
    )
    form = GiftEntryForm(
        request.POST if is_post and which != "profile" else None, contact=contact, user=request.user
    )
    if which == "profile" and _save_profile(request, contact, profile_form):
        return redirect("compliance:contact_gifts", contact_uuid=contact.uuid)
    if is_post and which != "profile" and _save_entry(request, contact, form):
        return redirect("compliance:contact_gifts", contact_uuid=contact.uuid)
    rules, totals = _rules_and_totals(contact)
    context = {
        "contact": contact,
        "account": contact.account,
        "profile": profile,
        "profile_form": profile_form,
        "form": form,
        "rules": rules,
        "year_totals": totals,
        "year": timezone.localdate().year,
        "page": paginate(request, gift_entries(user=request.user, contact=contact)),
        "querystring": querystring_without_page(request),
        "can_change": can_change_account(request.user, contact.account),
    }
    status = 400 if form.errors or profile_form.errors else 200
    return render(request, "compliance/contact_gifts.html", context, status=status)


def _entries_csv(entries: QuerySet[GiftEntry]) -> StreamingHttpResponse:
    header = [
        _("Date"),
        _("Contact"),
        _("Type"),
        _("Direction"),
        _("Description"),
        _("Value"),
        _("Currency"),
        _("Business purpose"),
        _("Our colleague"),
        _("Counterpart type"),
        _("Approval"),
        _("Decided by"),
        _("Rules checked"),
    ]
    rows = (
        [
            entry.occurred_on.isoformat(),
            entry.contact.name,
            entry.get_gift_type_display(),
            entry.get_direction_display(),
            entry.description,
            entry.value,
            entry.currency,
            entry.purpose,
            entry.giver,
            entry.get_counterpart_type_display(),
            entry.get_status_display(),
            entry.decided_by or "",
            " ".join(entry.rule_codes),
        ]
        for entry in entries.iterator(chunk_size=2000)
    )
    return csv_response("gifts.csv", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def account_compliance_view(
    request: AuthenticatedHttpRequest, account_uuid: str
) -> HttpResponseBase:
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=is_post)
    entries = gift_entries(user=request.user, account=account)
    if request.GET.get("export") == "csv":
        return _entries_csv(entries)
    note_form = LocalCustomNoteForm(request.POST or None, for_account=True, prefix="note")
    if is_post and note_form.is_valid():
        try:
            services.custom_note_create(
                actor=request.user, account=account, **note_form.cleaned_data
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(note_form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect("compliance:account", account_uuid=account.uuid)
    context = _account_context(request, account, "compliance")
    context.update(
        {
            "page": paginate(request, entries),
            "querystring": querystring_without_page(request),
            "pending": list(entries.filter(status=GiftStatus.PENDING).order_by("created_at")[:50]),
            "notes": list(custom_notes_for_account(account=account)),
            "people": account_people(account=account),
            "note_form": note_form,
            "can_decide": can_administer_portfolio(request.user),
        }
    )
    return render(request, "compliance/account.html", context, status=_status(note_form))


@login_required
@require_GET
def approvals_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, pending_gift_entries(user=request.user)),
        "querystring": querystring_without_page(request),
        "can_decide": can_administer_portfolio(request.user),
        "decision_form": DecisionForm(),
    }
    return render(request, "compliance/approvals.html", context)


@login_required
@require_POST
def decide_view(request: AuthenticatedHttpRequest, gift_uuid: str) -> HttpResponse:
    entry = object_get_for_user(request.user, GIFT_QUERYSET, gift_uuid)
    require(can_administer_portfolio(request.user))
    form = DecisionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.gift_entry_decide(
                actor=request.user,
                entry=entry,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
            status = error.status if isinstance(error, ApplicationError) else 400
        else:
            messages.success(request, _("Decision saved."))
            return redirect(safe_next_url(request, reverse("compliance:approvals")))
    context = {
        "page": paginate(request, pending_gift_entries(user=request.user)),
        "can_decide": True,
        "decision_form": DecisionForm(),
        "failed_entry": entry,
        "failed_form": form,
    }
    return render(request, "compliance/approvals.html", context, status=status)


# --- policy: rules and region notes (reference data) -------------------------------------------


@login_required
@require_GET
def policy_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "rules": list(policy_rules()),
        "notes": list(custom_notes()),
        "can_manage_policy": can_administer_portfolio(request.user),
        "can_manage_notes": can_manage_reference_data(request.user),
    }
    return render(request, "compliance/policy_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def rule_new_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_administer_portfolio(request.user))
    form = GiftPolicyRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gift_policy_rule_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Rule created."))
            return redirect("compliance:policy_list")
    return render(request, "compliance/rule_form.html", {"form": form}, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit_view(request: AuthenticatedHttpRequest, rule_uuid: str) -> HttpResponse:
    require(can_administer_portfolio(request.user))
    rule = get_object_or_404(GiftPolicyRule, uuid=rule_uuid)  # reference data, not per account
    form = GiftPolicyRuleForm(request.POST or None, instance=GiftPolicyRule.objects.get(pk=rule.pk))
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "code"}
        try:
            new = services.gift_policy_rule_new_version(actor=request.user, rule=rule, data=data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Saved as version {version}. Entries keep the version they were checked "
                    "against."
                ).format(version=new.version),
            )
            return redirect("compliance:policy_list")
    context = {"form": form, "rule": rule, "is_read_only": not rule.is_current}
    return render(request, "compliance/rule_form.html", context, status=_status(form))


def _note_for_change(request: AuthenticatedHttpRequest, note_uuid: str) -> LocalCustomNote:
    note = get_object_or_404(NOTE_QUERYSET, uuid=note_uuid, account__isnull=True)
    require(can_manage_reference_data(request.user))
    return note


def _account_note_for_change(
    request: AuthenticatedHttpRequest, note_uuid: str
) -> tuple[LocalCustomNote, Account]:
    """An account's own note and its account; a region note (no account) is not found here."""
    note = object_get_for_user(request.user, NOTE_QUERYSET, note_uuid, for_change=True)
    if note.account is None:
        raise Http404(_("Not found."))
    return note, note.account


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def custom_note_new_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_reference_data(request.user))
    form = LocalCustomNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.custom_note_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect("compliance:policy_list")
    return render(request, "compliance/note_form.html", {"form": form}, status=_status(form))


def _edit_note(
    request: AuthenticatedHttpRequest, note: LocalCustomNote, done_url: str
) -> HttpResponse:
    form = LocalCustomNoteForm(
        request.POST or None,
        instance=LocalCustomNote.objects.get(pk=note.pk),
        for_account=note.account_id is not None,
    )
    if request.method == "POST" and "delete" in request.POST:
        services.custom_note_delete(actor=request.user, note=note)
        messages.success(request, _("Note deleted."))
        return redirect(done_url)
    if request.method == "POST" and form.is_valid():
        try:
            services.custom_note_update(actor=request.user, note=note, data=form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Note saved."))
            return redirect(done_url)
    context = {"form": form, "note": note, "account": note.account}
    return render(request, "compliance/note_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def custom_note_edit_view(request: AuthenticatedHttpRequest, note_uuid: str) -> HttpResponse:
    note = _note_for_change(request, note_uuid)
    return _edit_note(request, note, "compliance:policy_list")


@login_required
@require_http_methods(["GET", "POST"])
def account_note_edit_view(
    request: AuthenticatedHttpRequest, account_note_uuid: str
) -> HttpResponse:
    note, account = _account_note_for_change(request, account_note_uuid)
    done = redirect("compliance:account", account_uuid=account.uuid).url
    return _edit_note(request, note, done)

"""Pages of the key-person card (T9): the one-page card, its edit form, the social-style
questionnaire, the development plan and the account's social-style 2×2."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, can_change_account, object_get_for_user
from kam.accounts.views import _account_context
from kam.cards import services
from kam.cards.charts import style_matrix_option
from kam.cards.forms import (
    CardActionEditForm,
    CardActionForm,
    CardActionStatusForm,
    CardForm,
    StyleForm,
)
from kam.cards.models import CardAction
from kam.cards.selectors import (
    CardOverview,
    account_style_points,
    can_view_personal_fields,
    card_for_contact,
    card_overview,
    restricted_text,
    shown_personal_fields,
    social_style_template,
    style_label,
)
from kam.cards.style import template_midpoint
from kam.compliance.selectors import card_section_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, safe_next_url
from kam.idempotency.pages import one_time_submission
from kam.needs.selectors import contact_personal_needs
from kam.people.choices import DecisionRole
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

CONTACT_QUERYSET = Contact.objects.select_related(
    "account", "account__owner", "org_unit", "relationship_owner"
)
ACTION_QUERYSET = CardAction.objects.select_related("account", "card", "card__contact")


def _gift_ledger_url(contact: Contact) -> str:
    """The contact's gift & hospitality ledger."""
    return reverse("compliance:contact_gifts", kwargs={"contact_uuid": contact.uuid})


def _compliance_section_html(request: AuthenticatedHttpRequest, contact: Contact) -> str:
    """The regulations & local customs section (法规与乡土习俗) rendered by the compliance app."""
    return render_to_string(
        "compliance/partials/card_section.html",
        card_section_context(contact, request.user),
        request=request,
    )


def _record_personal_view(user: User, overview: CardOverview) -> None:
    if overview.can_view_personal:
        services.card_personal_view_record(
            actor=user, card=overview.card, fields=overview.personal_fields_shown
        )


@login_required
@require_GET
def card_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid)
    overview = card_overview(contact=contact, user=request.user)
    _record_personal_view(request.user, overview)
    owner = contact.relationship_owner
    card_needs, card_needs_total = contact_personal_needs(contact=contact)
    context = {
        "contact": contact,
        "account": contact.account,
        "overview": overview,
        "card": overview.card,
        "can_change": can_change_account(request.user, contact.account),
        "restricted_text": restricted_text(),
        "gift_ledger_url": _gift_ledger_url(contact),
        "decision_roles": [
            DecisionRole(code).label
            for code in contact.decision_roles
            if code in DecisionRole.values
        ],
        "compliance_section_html": _compliance_section_html(request, contact),
        "card_needs": card_needs,
        "card_needs_total": card_needs_total,
        "owner_style_label": style_label(overview.template, owner.social_style)
        if owner and owner.social_style
        else "",
    }
    return render(request, "cards/card.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def card_edit_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    show_personal = can_view_personal_fields(request.user, contact)
    card = card_for_contact(contact=contact)
    form = CardForm(
        request.POST or None, instance=card, contact=contact, show_personal=show_personal
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.card_update(
                actor=request.user,
                contact=contact,
                data=form.card_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Card saved."))
            return redirect("cards:card", contact_uuid=contact.uuid)
    if request.method == "GET" and show_personal:
        services.card_personal_view_record(
            actor=request.user, card=card, fields=shown_personal_fields(card)
        )
    context = {
        "form": form,
        "contact": contact,
        "account": contact.account,
        "card": card,
        "show_personal": show_personal,
    }
    return render(request, "cards/card_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def card_style_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    template = social_style_template()
    card = card_for_contact(contact=contact)
    form = StyleForm(request.POST or None, template=template, initial_answers=card.style_answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_record_style(
                actor=request.user, contact=contact, answers=form.answers(), template=template
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Social style recorded."))
            return redirect("cards:card", contact_uuid=contact.uuid)
    context = {
        "form": form,
        "contact": contact,
        "account": contact.account,
        "card": card,
        "template": template,
    }
    return render(request, "cards/style_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def card_action_new_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    form = CardActionForm(request.POST or None, account=contact.account)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_action_create(actor=request.user, contact=contact, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Action added to the development plan."))
            return redirect("cards:card", contact_uuid=contact.uuid)
    context = {"form": form, "contact": contact, "account": contact.account}
    return render(request, "cards/action_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def card_action_update_view(
    request: AuthenticatedHttpRequest, contact_uuid: str, action_uuid: str
) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    action = object_get_for_user(
        request.user, ACTION_QUERYSET.filter(card__contact=contact), action_uuid, for_change=True
    )
    form = CardActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose done, cancelled or open."))
        return redirect("cards:card", contact_uuid=contact.uuid)
    try:
        services.card_action_update(
            actor=request.user, action=action, data={"status": form.cleaned_data["status"]}
        )
    except (ValidationError, ApplicationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Action updated."))
    return redirect("cards:card", contact_uuid=contact.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def card_action_edit_view(request: AuthenticatedHttpRequest, action_uuid: str) -> HttpResponse:
    """Edit, reassign or close a development-plan step."""
    action = object_get_for_user(
        request.user, ACTION_QUERYSET.select_related("owner"), action_uuid, for_change=True
    )
    contact = action.card.contact
    back = safe_next_url(request, reverse("cards:card", args=[contact.uuid]))
    form = CardActionEditForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_action_update(actor=request.user, action=action, data=form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Action updated."))
            return redirect(back)
    context = {
        "form": form,
        "contact": contact,
        "account": action.account,
        "action": action,
        "back": back,
    }
    return render(request, "cards/action_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def account_styles_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    template = social_style_template()
    points = account_style_points(account=account)
    context = _account_context(request, account, "key_persons")
    context.update(
        {
            "points": [
                {"point": point, "style_label": style_label(template, point.style)}
                for point in points
            ],
            "assessed": sum(1 for point in points if point.style),
            "option": style_matrix_option(points, template),
            "midpoint": template_midpoint(template),
        }
    )
    return render(request, "cards/account_styles.html", context)

"""Pages for the customer's organisation: contacts and the org-unit tree."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db import IntegrityError
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import (
    account_get_for_user,
    can_change_account,
    can_set_relationship_owner,
    object_get_for_user,
)
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.audit.selectors import audit_for_record
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors, paginate, querystring_without_page, safe_next_url
from kam.idempotency.pages import one_time_submission
from kam.lib.export import csv_response
from kam.people import services
from kam.people.choices import DecisionRole
from kam.people.forms import (
    ContactEdgeForm,
    ContactFilterForm,
    ContactForm,
    ContactMapForm,
    OrgUnitForm,
)
from kam.people.labels import contact_columns, contact_rows
from kam.people.models import Contact, ContactEdge, OrgUnit
from kam.people.selectors import (
    ContactFilters,
    contact_direct_reports,
    contact_edges_of,
    contact_list,
    contact_pages,
    org_tree,
    org_unit_choices,
)
from kam.users.http import AuthenticatedHttpRequest

CONTACT_QUERYSET = Contact.objects.select_related(
    "account", "account__owner", "org_unit", "reports_to", "relationship_owner"
)


def _contact_filters(form: ContactFilterForm, account_uuid: str = "") -> ContactFilters:
    if not form.is_valid():
        return ContactFilters(account_uuid=account_uuid)
    data = form.cleaned_data
    return ContactFilters(
        query=data.get("q") or "",
        account_uuid=account_uuid,
        seniority=data.get("seniority") or "",
        function=data.get("function") or "",
        sort=data.get("sort") or "name",
    )


def _contacts_csv(contacts: QuerySet[Contact]) -> StreamingHttpResponse:
    header = [
        _("Name"),
        _("Title"),
        _("Account"),
        _("Org unit"),
        _("Seniority"),
        _("Function"),
        _("Reports to"),
        _("Email"),
        _("Phone"),
    ]
    rows = (
        [
            contact.name,
            contact.title,
            contact.account.name,
            contact.org_unit or "",
            contact.get_seniority_display(),
            contact.get_function_display(),
            contact.reports_to or "",
            contact.email,
            contact.phone,
        ]
        for contact in contacts.iterator(chunk_size=2000)
    )
    return csv_response("contacts.csv", header, rows)


def _contact_table(page: Page) -> dict[str, object]:
    """The contact table's rows and headings, labels translated once (not once per cell)."""
    return {"contact_rows": contact_rows(list(page.object_list)), "columns": contact_columns()}


@login_required
@require_GET
def contact_list_view(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    form = ContactFilterForm(request.GET or None)
    filters = _contact_filters(form)
    if request.GET.get("export") == "csv":
        return _contacts_csv(contact_list(user=request.user, filters=filters))
    page = paginate(request, contact_pages(user=request.user, filters=filters))
    context = {
        "form": form,
        "page": page,
        "querystring": querystring_without_page(request),
        **_contact_table(page),
    }
    template = "people/partials/contact_table.html" if is_htmx(request) else "people/list.html"
    return render(request, template, context)


@login_required
@require_GET
def account_contacts_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    form = ContactFilterForm(request.GET or None)
    filters = _contact_filters(form, account_uuid=str(account.uuid))
    page = paginate(request, contact_pages(user=request.user, filters=filters))
    context = _account_context(request, account, "contacts")
    context.update(
        {
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "hide_account_column": True,
            **_contact_table(page),
        }
    )
    if is_htmx(request):
        return render(request, "people/partials/contact_table.html", context)
    return render(request, "people/account_contacts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def contact_create_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    form = ContactForm(
        request.POST or None, account=account, initial=_add_another_initial(request, account)
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            contact = services.contact_create(actor=request.user, account=account, **data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Contact created."))
            if ADD_ANOTHER in request.POST:
                unit = contact.org_unit.uuid if contact.org_unit else ""
                url = reverse("people:contact_create", args=[account.uuid])
                return redirect(f"{url}?{urlencode({'org_unit': unit})}")
            return redirect("people:contact_detail", contact_uuid=contact.uuid)
    context = {"form": form, "account": account}
    return render(request, "people/contact_form.html", context, status=400 if form.errors else 200)


# The submit button "Save and add another" (保存并继续添加): back to an empty form, keeping the
# org unit (contacts) or the parent unit (org units) just used.
ADD_ANOTHER = "add_another"


def _unit_from_query(
    request: AuthenticatedHttpRequest, account: Account, name: str
) -> OrgUnit | None:
    """The account's org unit named by ?<name>=<uuid> (to pre-fill the next form), or None."""
    value = request.GET.get(name, "")
    try:
        return org_unit_choices(account=account).filter(uuid=uuid.UUID(value)).first()
    except ValueError:
        return None


def _add_another_initial(request: AuthenticatedHttpRequest, account: Account) -> dict[str, object]:
    unit = _unit_from_query(request, account, "org_unit")
    return {"org_unit": unit} if unit else {}


@login_required
@require_GET
def contact_detail_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid)
    context = {
        "contact": contact,
        "role_labels": [DecisionRole(role).label for role in contact.decision_roles or []],
        "account": contact.account,
        "direct_reports": list(contact_direct_reports(contact=contact)[:100]),
        "audit_rows": audit_for_record(instance=contact),
        "can_change": can_change_account(request.user, contact.account),
    }
    return render(request, "people/contact_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    form = ContactForm(request.POST or None, instance=contact, account=contact.account)
    if request.method == "POST" and form.is_valid():
        fresh = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
        try:
            services.contact_update(
                actor=request.user,
                contact=fresh,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Contact saved."))
            return redirect("people:contact_detail", contact_uuid=contact.uuid)
    context = {"form": form, "account": contact.account, "contact": contact}
    return render(request, "people/contact_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_uuid, for_change=True)
    if request.method == "POST":
        account_uuid = contact.account.uuid
        services.contact_delete(actor=request.user, contact=contact)
        messages.success(request, _("Contact deleted."))
        return redirect("people:account_contacts", account_uuid=account_uuid)
    return render(request, "people/contact_confirm_delete.html", {"contact": contact})


@login_required
@require_http_methods(["GET", "POST"])
def account_org_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    initial = {"parent": _unit_from_query(request, account, "parent")}
    form = OrgUnitForm(request.POST or None, account=account, initial=initial)
    if request.method == "POST":
        account = account_get_for_user(request.user, account_uuid, for_change=True)
        if form.is_valid():
            try:
                unit = services.org_unit_create(
                    actor=request.user, account=account, **form.cleaned_data
                )
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Org unit added."))
                url = reverse("people:account_org", args=[account.uuid])
                if ADD_ANOTHER in request.POST:
                    parent = unit.parent.uuid if unit.parent else ""
                    return redirect(f"{url}?{urlencode({'parent': parent})}#add-unit")
                return redirect(url)
    context = _account_context(request, account, "org")
    context.update({"form": form, "tree": org_tree(account=account)})
    return render(request, "people/account_org.html", context, status=400 if form.errors else 200)


ORG_UNIT_QUERYSET = OrgUnit.objects.select_related("account", "account__owner", "parent")


@login_required
@require_http_methods(["GET", "POST"])
def org_unit_edit_view(request: AuthenticatedHttpRequest, unit_uuid: str) -> HttpResponse:
    unit = object_get_for_user(request.user, ORG_UNIT_QUERYSET, unit_uuid, for_change=True)
    form = OrgUnitForm(request.POST or None, instance=unit, account=unit.account)
    if request.method == "POST" and form.is_valid():
        fresh = object_get_for_user(request.user, ORG_UNIT_QUERYSET, unit_uuid, for_change=True)
        try:
            services.org_unit_update(actor=request.user, unit=fresh, data=form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Org unit saved."))
            return redirect("people:account_org", account_uuid=unit.account.uuid)
    context = {
        "form": form,
        "unit": unit,
        "account": unit.account,
        "audit_rows": audit_for_record(instance=unit),
    }
    return render(request, "people/org_unit_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["POST"])
def org_unit_delete_view(request: AuthenticatedHttpRequest, unit_uuid: str) -> HttpResponse:
    unit = object_get_for_user(request.user, ORG_UNIT_QUERYSET, unit_uuid, for_change=True)
    account_uuid = unit.account.uuid
    try:
        services.org_unit_delete(actor=request.user, unit=unit)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Org unit deleted."))
    return redirect("people:account_org", account_uuid=account_uuid)


# --- power map attributes and informal lines (T8.1) ---------------------------------------------

MAP_QUERYSET = Contact.objects.select_related(
    "account", "account__owner", "org_unit", "relationship_owner", "competitor_affinity"
)
EDGE_QUERYSET = ContactEdge.objects.select_related("account", "account__owner", "source")


def _map_form(
    request: AuthenticatedHttpRequest, contact: Contact, data: QueryDict | None = None
) -> ContactMapForm:
    may_set_owner = can_set_relationship_owner(request.user, contact.account)
    return ContactMapForm(
        data, instance=contact, account=contact.account, may_set_owner=may_set_owner
    )


def _map_page(
    request: AuthenticatedHttpRequest,
    contact: Contact,
    form: ContactMapForm,
    edge_form: ContactEdgeForm,
) -> HttpResponse:
    status = 400 if form.errors or edge_form.errors else 200
    context = {
        "contact": contact,
        "account": contact.account,
        "form": form,
        "edge_form": edge_form,
        "edges": contact_edges_of(contact=contact),
        "can_change": can_change_account(request.user, contact.account),
        "next": safe_next_url(request, reverse("people:contact_map", args=[contact.uuid])),
    }
    return render(request, "people/contact_map.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contact_map_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, MAP_QUERYSET, contact_uuid)
    edge_form = ContactEdgeForm(source=contact)
    if request.method != "POST":
        form = _map_form(request, contact)
        return _map_page(request, contact, form, edge_form)
    contact = object_get_for_user(request.user, MAP_QUERYSET, contact_uuid, for_change=True)
    form = _map_form(request, contact, request.POST)
    if form.is_valid():
        fresh = object_get_for_user(request.user, MAP_QUERYSET, contact_uuid, for_change=True)
        try:
            data = {key: value for key, value in form.cleaned_data.items() if key != "version"}
            services.contact_map_update(
                actor=request.user,
                contact=fresh,
                data=data,
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Power-map details saved."))
            return redirect(
                safe_next_url(request, reverse("people:contact_map", args=[contact_uuid]))
            )
    return _map_page(request, contact, form, edge_form)


@login_required
@require_POST
@one_time_submission
def contact_edge_create_view(request: AuthenticatedHttpRequest, contact_uuid: str) -> HttpResponse:
    contact = object_get_for_user(request.user, MAP_QUERYSET, contact_uuid, for_change=True)
    edge_form = ContactEdgeForm(request.POST, source=contact)
    if edge_form.is_valid():
        try:
            services.contact_edge_create(
                actor=request.user,
                source=contact,
                data=services.ContactEdgeInput(**edge_form.cleaned_data),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(edge_form, error)
        except IntegrityError:
            edge_form.add_error("target", _("This line is already on the map."))
        else:
            messages.success(request, _("Informal line added."))
            return redirect("people:contact_map", contact_uuid=contact.uuid)
    form = _map_form(request, contact)
    return _map_page(request, contact, form, edge_form)


@login_required
@require_POST
def contact_edge_delete_view(request: AuthenticatedHttpRequest, edge_uuid: str) -> HttpResponse:
    edge = object_get_for_user(request.user, EDGE_QUERYSET, edge_uuid, for_change=True)
    source_uuid = edge.source.uuid
    services.contact_edge_delete(actor=request.user, edge=edge)
    messages.success(request, _("Informal line removed."))
    return redirect("people:contact_map", contact_uuid=source_uuid)

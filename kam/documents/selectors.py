"""Reads of documents: a form's page rendered as a document, its PDF and Word files, the packs."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.documents.catalog import ROUTES, ROUTES_BY_FORM, Located
from kam.documents.docx import docx_from_html
from kam.documents.models import DocumentPack
from kam.documents.rendering import DocumentHeading, pdf_from_html

MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
UNSAFE_IN_FILENAME = re.compile(r'[\s/\\:*?"<>|]+')


@dataclass(frozen=True)
class RenderedForm:
    heading: DocumentHeading
    html: str

    @property
    def body_html(self) -> str:
        match = MAIN.search(self.html)
        return match.group(1) if match else self.html


def form_heading(located: Located, *, is_part: bool = False) -> DocumentHeading:
    return DocumentHeading(
        title=str(located.form.label),
        account_name=located.account.name,
        on=timezone.localdate(),
        is_part=is_part,
    )


def form_render(request: HttpRequest, located: Located, *, is_part: bool = False) -> RenderedForm:
    """The form's own page, rendered by its own view as a document (see base.html)."""
    heading = form_heading(located, is_part=is_part)
    request.document = heading  # type: ignore[attr-defined]  # read by the context processor
    response = ROUTES[ROUTES_BY_FORM[located.form]].page_view(request, **located.kwargs)
    if response.status_code != 200:
        raise Http404(_("This form cannot be printed."))
    return RenderedForm(heading, response.content.decode())


def meta_line(heading: DocumentHeading) -> str:
    return _("Account: {account} · Date: {date}").format(
        account=heading.account_name, date=heading.date_text
    )


def form_pdf(rendered: RenderedForm) -> bytes:
    return pdf_from_html(rendered.html)


def form_docx(rendered: RenderedForm) -> bytes:
    return docx_from_html(
        heading=rendered.heading,
        meta_line=meta_line(rendered.heading),
        body_html=rendered.body_html,
    )


def document_filename(heading: DocumentHeading, extension: str) -> str:
    """`<account>-<form>-<date>.<extension>`, without characters a file system refuses."""
    parts = [heading.account_name, heading.title, heading.date_text]
    stem = "-".join(UNSAFE_IN_FILENAME.sub("-", part).strip("-.") for part in parts)
    return f"{stem}.{extension}"


def packs_for_account(*, account: Account) -> QuerySet[DocumentPack]:
    return (
        DocumentPack.objects.filter(account=account)
        .select_related("created_by")
        .defer("content")
        .order_by("-created_at")[:20]
    )

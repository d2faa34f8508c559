"""Writes of documents: request a whole-account pack, and build it (the background job's work)."""

import logging

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kam.accounts.access import account_get_for_user, can_change_account, require
from kam.accounts.models import Account
from kam.core.exceptions import ApplicationError
from kam.documents.catalog import LANDSCAPE_FORMS, Located, pack_contents
from kam.documents.choices import PackStatus
from kam.documents.models import DocumentPack
from kam.documents.rendering import DocumentHeading, pdf_from_html
from kam.documents.selectors import document_filename, form_render
from kam.users.models import User

logger = logging.getLogger(__name__)

FIRST_YEAR, LAST_YEAR = 2000, 2100


@transaction.atomic
def pack_create(*, actor: User, account: Account, year: int, language: str) -> DocumentPack:
    """Queue a pack of every form of `account` for `year`; the job starts after the commit."""
    require(can_change_account(actor, account))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ApplicationError(_("Enter a year between 2000 and 2100."))
    pack = DocumentPack(account=account, year=year, language=language, created_by=actor)
    pack.full_clean()
    pack.save()
    from kam.documents.tasks import build_document_pack

    transaction.on_commit(lambda: build_document_pack.enqueue(str(pack.uuid)))
    return pack


def _document_request(user: User, query: dict[str, str]) -> HttpRequest:
    """A GET request of `user` for a page view, as the pages get it (no browser involved)."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = "/"
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
    parameters = QueryDict(mutable=True)
    parameters.update(query)
    request.GET = parameters  # type: ignore[assignment]  # a plain QueryDict, as views read it
    request.user = user
    request.session = SessionBase()
    return request


def _pack_heading(pack: DocumentPack) -> DocumentHeading:
    return DocumentHeading(
        title=_("Account pack {year}").format(year=pack.year),
        account_name=pack.account.name,
        on=timezone.localdate(),
    )


def _set(pack: DocumentPack, **values: object) -> None:
    DocumentPack.objects.filter(pk=pack.pk).update(**values)


def _render_parts(pack: DocumentPack, parts: list[Located]) -> list[dict[str, object]]:
    htmls: list[dict[str, object]] = []
    for part in parts:
        request = _document_request(pack.created_by, part.query)
        html = form_render(request, part, is_part=True).html
        htmls.append({"html": html, "is_landscape": part.form in LANDSCAPE_FORMS})
        _set(pack, progress=F("progress") + 1, updated_at=timezone.now())
    return htmls


def pack_build(*, pack_uuid: str) -> DocumentPack:
    """Render every form of the pack (progress after each), then the one PDF. A failure is
    kept on the pack with a message the user can act on."""
    pack = DocumentPack.objects.select_related("account", "created_by").get(uuid=pack_uuid)
    with translation.override(pack.language):
        try:
            account = account_get_for_user(pack.created_by, pack.account.uuid)
            parts = pack_contents(user=pack.created_by, account=account, year=pack.year)
            # the last step is laying out the one PDF
            _set(pack, status=PackStatus.RUNNING, progress=0, total=len(parts) + 1, error="")
            htmls = _render_parts(pack, parts)
            heading = _pack_heading(pack)
            html = render_to_string("documents/pack.html", {"document": heading, "parts": htmls})
            content = pdf_from_html(html)
        except Exception:  # the job's boundary: every failure is shown on the pack
            logger.exception("Document pack %s failed", pack_uuid)
            _set(
                pack,
                status=PackStatus.FAILED,
                finished_at=timezone.now(),
                error=_(
                    "The pack could not be built. Try again; if it fails again, tell an "
                    "administrator (the error is in the server log)."
                ),
            )
        else:
            _set(
                pack,
                status=PackStatus.DONE,
                progress=F("total"),
                content=content,
                filename=document_filename(heading, "pdf"),
                finished_at=timezone.now(),
            )
    pack.refresh_from_db()
    return pack


def pack_default_year() -> int:
    return timezone.localdate().year

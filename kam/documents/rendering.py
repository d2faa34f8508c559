"""HTML → PDF (WeasyPrint) for the documents: the heading every document carries, the CSS page
counter in the user's language and a URL fetcher that reads only our own static files."""

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# WeasyPrint resolves "/static/…" against this made-up origin; the fetcher maps it to files.
BASE_URL = "https://kam.invalid/"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot close its <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3C ").replace(">", "\\3E ") + '"'


def page_counter_css() -> SafeString:
    """The CSS `content` of the page number: "第 1 页 / 共 3 页" in 中文, "Page 1 of 3" in en."""
    text = _("Page {page} of {pages}")
    parts = []
    for chunk in (
        text.replace("{pages}", "\x00pages\x00").replace("{page}", "\x00page\x00").split("\x00")
    ):
        if chunk in {"page", "pages"}:
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(css_string(chunk))
    return mark_safe(" ".join(parts))  # noqa: S308  # built from escaped CSS strings only


@dataclass(frozen=True)
class DocumentHeading:
    """What the base layout shows on a document instead of the navigation."""

    title: str
    account_name: str
    on: date
    is_part: bool = False

    @property
    def date_text(self) -> str:
        return self.on.isoformat()

    @property
    def running_header_css(self) -> SafeString:
        return mark_safe(css_string(self.account_name))  # noqa: S308  # escaped CSS string

    @property
    def running_date_css(self) -> SafeString:
        return mark_safe(css_string(self.date_text))  # noqa: S308  # escaped CSS string

    @property
    def page_counter_css(self) -> SafeString:
        return page_counter_css()


def _static_path(url: str) -> Path | None:
    static_prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
    if not url.startswith(static_prefix):
        return None
    found = finders.find(url[len(static_prefix) :].split("?")[0])
    return Path(found) if isinstance(found, str) else None


def _mime_type(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
        path.suffix, "application/octet-stream"
    )


def _fetcher() -> object:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Only our static files (the stylesheet); never the network or other files."""

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            path = _static_path(url)
            if path is None:
                raise ValueError(url)
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": _mime_type(path)}
            )

    return StaticOnlyFetcher()


def pdf_from_html(html: str) -> bytes:
    """One PDF from one HTML document (fonts subset and embedded by WeasyPrint)."""
    from weasyprint import HTML  # heavy import: only where a PDF is made

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf()

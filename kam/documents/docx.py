"""HTML of a document → Word (.docx) with python-docx: the same rendered page as the PDF, read as
headings, paragraphs, definition lists and tables (what the print layout hides is left out)."""

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docx import Document as new_document
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from kam.documents.rendering import DocumentHeading

# What the print layout hides (app.css @media print, base.html in document mode) or a reader
# cannot use on paper: navigation, buttons, forms, scripts, charts' JSON, screen-reader text.
SKIPPED_TAGS = {"script", "style", "nav", "form", "button", "select", "input", "textarea", "svg"}
SKIPPED_CLASSES = {
    "no-print",
    "breadcrumbs",
    "page-actions",
    "header-actions",
    "actions",
    "button",
    "filters",
    "pagination",
    "tabs",
    "subtabs",
    "messages",
    "sr-only",
    "chart",
    "document-heading",
}
BLOCK_TAGS = {"p", "div", "section", "li", "ul", "ol", "dl", "header", "footer", "article", "br"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 3, "h5": 3, "h6": 3}
VOID_TAGS = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"}
EAST_ASIAN_FONT = "Microsoft YaHei"


@dataclass
class _Table:
    rows: list[list[tuple[str, bool]]] = field(default_factory=list)
    cell: list[str] | None = None
    is_header_cell: bool = False


class _DocxWriter(HTMLParser):
    """Walks the body of a rendered document and writes it into a python-docx Document."""

    def __init__(self, document: Document) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.text: list[str] = []
        self.heading = 0
        self.label = ""
        self.table: _Table | None = None

    @property
    def skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        skipped = (
            tag in SKIPPED_TAGS
            or bool(classes & SKIPPED_CLASSES)
            or "hidden" in values
            or values.get("aria-hidden") == "true"
        )
        if tag not in VOID_TAGS:
            self.stack.append((tag, skipped))
        if self.skipping:
            return
        if tag in HEADINGS or tag in BLOCK_TAGS or tag in {"dt", "dd", "tr"}:
            self._flush()
        if tag in HEADINGS:
            self.heading = HEADINGS[tag]
        elif tag == "table":
            self.table = _Table()
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
        elif tag in {"td", "th"} and self.table is not None:
            self.table.cell, self.table.is_header_cell = [], tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        was_skipping = self.skipping
        while self.stack:
            open_tag, _skipped = self.stack.pop()
            if open_tag == tag:
                break
        if was_skipping:
            return
        if tag in {"td", "th"} and self.table is not None and self.table.cell is not None:
            if not self.table.rows:
                self.table.rows.append([])
            text = " ".join("".join(self.table.cell).split())
            self.table.rows[-1].append((text, self.table.is_header_cell))
            self.table.cell = None
        elif tag == "table" and self.table is not None:
            self._write_table(self.table)
            self.table = None
        elif tag == "dt":
            self.label = self._take()
        elif tag in HEADINGS or tag in BLOCK_TAGS or tag == "dd":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.table is not None:
            if self.table.cell is not None:
                self.table.cell.append(data)
            return
        self.text.append(data)

    def _take(self) -> str:
        text = " ".join("".join(self.text).split())
        self.text = []
        return text

    def _flush(self) -> None:
        text = self._take()
        if self.heading:
            if text:
                self.document.add_heading(text, level=self.heading)
            self.heading = 0
            return
        if not text and not self.label:
            return
        paragraph = self.document.add_paragraph()
        if self.label:
            paragraph.add_run(self.label + "：").bold = True
            self.label = ""
        paragraph.add_run(text)

    def _write_table(self, table: _Table) -> None:
        rows = [row for row in table.rows if any(text for text, _header in row)]
        if not rows:
            return
        width = max(len(row) for row in rows)
        grid = self.document.add_table(rows=len(rows), cols=width)
        grid.style = "Table Grid"
        for row_index, row in enumerate(rows):
            for column, (text, is_header) in enumerate(row):
                cell_paragraph = grid.cell(row_index, column).paragraphs[0]
                cell_paragraph.add_run(text).bold = is_header
        self.document.add_paragraph()


def _set_fonts(document: Document) -> None:
    """Chinese text in a CJK font in every style Word uses here."""
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        style = document.styles[style_name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(10)


def _new_document(heading: DocumentHeading) -> Document:
    document = new_document()
    _set_fonts(document)
    properties = document.core_properties
    properties.title = heading.title
    properties.subject = heading.account_name
    return document


def _write_heading(document: Document, heading: DocumentHeading, meta_line: str) -> None:
    document.add_heading(heading.title, level=0)
    document.add_paragraph(meta_line)


def docx_from_html(*, heading: DocumentHeading, meta_line: str, body_html: str) -> bytes:
    """One .docx: the title, the account and the date, then the page's body."""
    document = _new_document(heading)
    _write_heading(document, heading, meta_line)
    writer = _DocxWriter(document)
    writer.feed(body_html)
    writer.close()
    writer._flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

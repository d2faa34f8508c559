"""Template context shared by every page."""

from django.http import HttpRequest


def document(request: HttpRequest) -> dict[str, object]:
    """`document`: set when a page renders as a PDF or Word document (kam.documents), so the
    base layout drops navigation and scripts and shows the document's heading instead."""
    return {"document": getattr(request, "document", None)}

from django.urls import URLPattern, path

from kam.documents import views
from kam.documents.catalog import EXPORT_ROUTES
from kam.documents.choices import FileFormat

app_name = "documents"


def _export_patterns() -> list[URLPattern]:
    """`<page>pdf/` and `<page>docx/` beside each form's page, with the page's own uuid."""
    return [
        path(
            f"{route.route}{file_format}/",
            views.export_view,
            {"route_name": route.name, "file_format": file_format},
            name=f"{route.name}_{file_format}",
        )
        for route in EXPORT_ROUTES
        for file_format in FileFormat.values
    ]


urlpatterns = [
    *_export_patterns(),
    path("accounts/<uuid:account_uuid>/documents/", views.packs_view, name="packs"),
    path("document-packs/<uuid:pack_uuid>/", views.pack_view, name="pack"),
    path(
        "document-packs/<uuid:pack_uuid>/download/", views.pack_download_view, name="pack_download"
    ),
]

"""The whole-account pack as a background job (enqueued by `services.pack_create`)."""

from django_tasks import task

from kam.documents.services import pack_build


@task()
def build_document_pack(pack_uuid: str) -> str:
    """Build the pack; returns its status."""
    return str(pack_build(pack_uuid=pack_uuid).status)

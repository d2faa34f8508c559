"""The import's background jobs: check the rows of a batch, then import its valid rows.

Both are idempotent: a job run again (a retry, or a killed worker's job handed back to the
queue) finishes the batch, or does nothing when it is already past that step."""

from django_tasks import task

from kam.imports import services


@task()
def check_import_batch(batch_uuid: str) -> str:
    """Check every row of the batch; it then waits on its preview page. Returns the status."""
    return services.import_batch_check(batch_uuid=batch_uuid)


@task()
def apply_import_batch(batch_uuid: str) -> str:
    """Import the batch's valid rows in one transaction. Returns the status."""
    return services.import_batch_apply(batch_uuid=batch_uuid)

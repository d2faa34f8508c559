"""The administrators' job list: who sees it, what it shows, the retry button, query count."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.audit.models import AuditEntry
from kam.jobs.tests.tasks_for_tests import add, always_fails
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator() -> object:
    return UserFactory(username="admin1", role="administrator")


def _failed_job(settings: object) -> DBTaskResult:
    settings.KAM_JOB_MAX_ATTEMPTS = 1  # type: ignore[attr-defined]
    result = always_fails.enqueue("disk full")
    call_command("run_worker", "--batch", "--interval", "0", stdout=StringIO())
    return DBTaskResult.objects.get(pk=result.id)


def test_it_lists_a_failed_job_with_its_error_for_an_administrator(
    client_for: object, administrator: object, settings: object
) -> None:
    job = _failed_job(settings)
    response = client_for(administrator).get(reverse("jobs:list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="job-{job.pk}"' in html
    assert "RuntimeError: disk full" in html
    assert "后台任务" in html


def test_the_retry_button_puts_a_failed_job_back_and_is_audited(
    client_for: object, administrator: object, settings: object
) -> None:
    job = _failed_job(settings)
    response = client_for(administrator).post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == TaskResultStatus.READY
    entry = AuditEntry.objects.get(object_uuid=job.pk)
    assert entry.actor == administrator
    assert entry.changes == {"status": ["FAILED", "READY"]}


def test_retrying_a_job_that_has_not_failed_changes_nothing(
    client_for: object, administrator: object
) -> None:
    result = add.enqueue(1, 2)
    before = database_fingerprint()
    response = client_for(administrator).post(reverse("jobs:retry", args=[result.id]))
    assert response.status_code == 302
    assert database_fingerprint() == before


def test_directors_and_managers_may_neither_see_nor_retry_jobs(
    client_for: object, director: object, owner: object, settings: object
) -> None:
    job = _failed_job(settings)
    before = database_fingerprint()
    for user in (director, owner):
        client = client_for(user)
        assert client.get(reverse("jobs:list")).status_code == 403
        assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 403
    assert database_fingerprint() == before


def test_an_unknown_job_is_a_404(client_for: object, administrator: object) -> None:
    url = reverse("jobs:retry", args=["00000000-0000-0000-0000-000000000000"])
    assert client_for(administrator).post(url).status_code == 404


def test_the_job_list_reads_a_constant_number_of_queries(
    client_for: object, administrator: object
) -> None:
    client = client_for(administrator)
    add.enqueue(1, 1)
    few = count_queries(lambda: client.get(reverse("jobs:list")))
    for number in range(30):
        add.enqueue(number, 1)
    assert count_queries(lambda: client.get(reverse("jobs:list"))) == few

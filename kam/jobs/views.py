"""The administrators' background-job list: status, attempts, the error, a retry button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kam.accounts.access import can_administer_system, require
from kam.core.views import paginate, querystring_without_page
from kam.jobs.selectors import JobRow, job_counts, jobs_list
from kam.jobs.services import job_retry
from kam.users.http import AuthenticatedHttpRequest


@login_required
@require_GET
def job_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_administer_system(request.user))
    status = request.GET.get("status", "")
    page = paginate(request, jobs_list(status=status))
    counts = job_counts()
    context = {
        "page": page,
        "rows": [JobRow(job) for job in page.object_list],
        "status": status if status in TaskResultStatus.values else "",
        "statuses": [(value, label, counts[value]) for value, label in TaskResultStatus.choices],
        "querystring": querystring_without_page(request),
    }
    return render(request, "jobs/list.html", context)


@login_required
@require_POST
def job_retry_view(request: AuthenticatedHttpRequest, job_id: str) -> HttpResponse:
    require(can_administer_system(request.user))
    job = DBTaskResult.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404
    if job.status != TaskResultStatus.FAILED:
        messages.error(request, _("Only a failed job can be retried."))
    else:
        job_retry(actor=request.user, job=job)
        messages.success(request, _("The job is back in the queue."))
    return redirect("jobs:list")

"""The nightly refresh of the software's GitHub figures, recorded as a job (jobs.tasks)."""

from celery import shared_task
from django.utils import timezone

from jobs.models import ImportJob, JobKind, JobState
from jobs.tasks import finish
from portal.content import bump_content_version_on_commit

from .github import refresh_software


@shared_task
def refresh_software_figures() -> dict:
    """Stars, forks and the latest release of every repository on GitHub. A repository that fails
    keeps its last figures; the job says which and why."""
    job = ImportJob.objects.create(
        kind=JobKind.REFRESH_SOFTWARE, state=JobState.RUNNING, started_at=timezone.now()
    )
    summary = refresh_software()
    bump_content_version_on_commit()
    total = summary["refreshed"] + len(summary["failed"])
    notes = [f"{summary['refreshed']} of {total} repositories refreshed", *summary["failed"]]
    state = JobState.SUCCEEDED if not summary["failed"] or summary["refreshed"] else JobState.FAILED
    finish(job, state, report={"notes": notes, **summary}, done=summary["refreshed"], total=total)
    return summary

"""Moving in from the admin: a zipped site is uploaded, checked by a background job (the preview), then
imported on confirmation by another, with progress on the job's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import ImportJob, JobKind, JobState
from people.models import Person
from publications.models import Publication

from .test_real_sites import SITES, zipped

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def test_an_uploaded_site_is_previewed_then_imported_in_the_background(
    staff_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("nkdailab.zip", zipped(SITES / "hugo-blox-nkdailab"), "application/zip")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff_client.post(reverse("admin:jobs_importjob_site"), {"archive": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert (job.kind, job.state, job.dry_run, len(callbacks)) == (JobKind.SITE, JobState.QUEUED, True, 1)
    assert 'http-equiv="refresh"' in staff_client.get(response["Location"]).content.decode(), "shows progress"

    callbacks[0]()  # the worker's dry run
    job.refresh_from_db()
    assert job.state == JobState.PREVIEW and job.report["counts"]["created"] == 9
    assert Person.objects.count() == Publication.objects.count() == 0, "the preview saves nothing"
    page = staff_client.get(response["Location"]).content.decode()
    assert "Confirm the import" in page and "content/en/authors/He Zhihai/_index.md" in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.state, len(callbacks)) == (JobState.QUEUED, 1), "queued for a worker, not run in the request"
    callbacks[0]()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and (job.progress_done, job.progress_total) == (9, 9)
    assert Publication.objects.count() == 3 and Person.objects.filter(name_zh_hans="何志海").exists()
    assert not job.source_file, "the archive is deleted once imported"


def test_a_file_that_is_not_a_zip_is_refused_on_the_form(staff_client):
    upload = SimpleUploadedFile("site.zip", b"not a zip at all", "application/zip")
    response = staff_client.post(reverse("admin:jobs_importjob_site"), {"archive": upload})
    assert response.status_code == 200 and "not a zip archive" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_hostile_archive_fails_its_check_with_the_reason_and_writes_nothing(
    staff_client, django_capture_on_commit_callbacks
):
    from .test_small_sites import hugo_site, zip_of

    upload = SimpleUploadedFile("evil.zip", zip_of(hugo_site(**{"../evil.md": b"x"})), "application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("admin:jobs_importjob_site"), {"archive": upload})
    job = ImportJob.objects.get()
    assert job.state == JobState.FAILED and "leaves the site's folder" in job.error
    assert not Person.objects.exists()


def test_members_without_the_right_cannot_import_a_site(member_client):
    response = member_client.get(reverse("admin:jobs_importjob_site"))
    assert response.status_code in (302, 403)

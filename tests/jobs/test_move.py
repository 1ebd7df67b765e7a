"""The jobs moved from `publications` to their own app: on a copy of the demo database with jobs made
before the move, migrating keeps every job, its report (the log of what it did), its heartbeat, the
permissions granted on jobs and the admin's log entries about them."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jobs.models import ImportJob, JobHeartbeat, JobState
from people.models import Person
from portal.demo.loader import load_demo
from publications.models import Publication

# (the projects and software of `activities`, and the found papers of `watch`, came after the move, their
# tables linked to papers of then)
BEFORE_THE_MOVE = [
    ("publications", "0014_job_queued_at"), ("jobs", None), ("activities", None), ("watch", None),
]  # fmt: skip
REPORT = {
    "counts": {"created": 2, "updated": 1, "skipped": 1},
    "rows": [{"place": "entry 1", "action": "created", "title": "Processing in Memory"}],
    "notes": ["1 entry skipped: a duplicate of entry 1"],
}


def migrate(targets):
    """Migrate to `targets`; the models as they were there (every other app at its latest)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    named = dict(targets)
    nodes = [(app, named.get(app, name)) for app, name in executor.loader.graph.leaf_nodes()]
    return executor.loader.project_state([(app, name) for app, name in nodes if name]).apps


@pytest.mark.django_db(transaction=True)
def test_moving_the_jobs_app_keeps_every_job_its_log_and_what_points_at_it():
    load_demo()
    papers, owner = Publication.objects.count(), Person.objects.order_by("pk").first()
    editor = User.objects.create_user("job-editor")
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    old = migrate(BEFORE_THE_MOVE)
    assert "publications_importjob" in connection.introspection.table_names()
    OldJob = old.get_model("publications", "ImportJob")
    OldBeat = old.get_model("publications", "JobHeartbeat")
    OldType, OldPermission = old.get_model("contenttypes", "ContentType"), old.get_model("auth", "Permission")
    done = OldJob.objects.create(kind="import", format="bibtex", source="@misc{a, title={A}, year=2024}",
                                 owner_id=owner.pk, created_by_id=editor.pk, state="succeeded", report=REPORT,
                                 progress_done=4, progress_total=4, attempts=2)  # fmt: skip
    running = OldJob.objects.create(kind="site", state="running", source_name="lab.zip", error="attempt 1")
    OldBeat.objects.create(job_id=running.pk, beat_at="2026-12-06T10:00:00Z", done=3, total=9)
    job_type = OldType.objects.get(app_label="publications", model="importjob")
    watchers = old.get_model("auth", "Group").objects.create(name="Job watchers")
    watchers.permissions.add(OldPermission.objects.get(content_type=job_type, codename="view_importjob"))
    old.get_model("admin", "LogEntry").objects.create(
        user_id=editor.pk, content_type_id=job_type.pk, object_id=str(done.pk), object_repr=f"#{done.pk}",
        action_flag=2, action_time="2026-12-06T10:00:00Z",
    )  # fmt: skip

    migrate(latest)
    tables = connection.introspection.table_names()
    assert "jobs_importjob" in tables and "publications_importjob" not in tables
    moved = ImportJob.objects.get(pk=done.pk)
    assert (moved.report, moved.owner, moved.created_by, moved.state, moved.attempts) == (
        REPORT,
        owner,
        editor,
        JobState.SUCCEEDED,
        2,
    )
    assert (moved.progress_done, moved.progress_total) == (4, 4)
    assert JobHeartbeat.objects.get(job_id=running.pk).done == 3
    assert ImportJob.objects.get(pk=running.pk).error == "attempt 1"
    assert ImportJob.objects.count() == 2 and Publication.objects.count() == papers
    # what pointed at the jobs' content type now points at the jobs app's
    assert ContentType.objects.get_for_model(ImportJob).pk == job_type.pk
    assert not ContentType.objects.filter(app_label="publications", model="importjob").exists()
    granted = Group.objects.get(name="Job watchers").permissions.get()
    assert (granted.content_type.app_label, granted.codename) == ("jobs", "view_importjob")
    assert LogEntry.objects.get(object_id=str(done.pk)).get_edited_object() == moved
    # a later job gets an id of its own (the table's counter moved with it)
    assert ImportJob.objects.create(kind="import").pk > running.pk


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_with_the_jobs():
    job = ImportJob.objects.create(kind="import", report=REPORT, state=JobState.PREVIEW)
    old = migrate(BEFORE_THE_MOVE)
    assert old.get_model("publications", "ImportJob").objects.get(pk=job.pk).report == REPORT
    assert ContentType.objects.filter(app_label="publications", model="importjob").exists()
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert ImportJob.objects.get(pk=job.pk).state == JobState.PREVIEW

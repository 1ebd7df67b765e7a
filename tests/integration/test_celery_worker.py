"""A real Celery worker on the configured broker, against the test database."""

import time

import pytest

from people.models import Person
from portal.tasks import rerender_markdown
from tests.people.factories import PersonFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_runs_a_queued_task_against_the_database(worker):
    person = PersonFactory(bio_en="Rendered by a *worker*")
    Person.objects.filter(pk=person.pk).update(bio_html_en="")

    assert not rerender_markdown.app.conf.task_always_eager  # the work must cross the broker
    rerender_markdown.delay()

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        person.refresh_from_db()
        if person.bio_html_en:
            break
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.5)
    assert person.bio_html_en == "<p>Rendered by a <em>worker</em></p>"

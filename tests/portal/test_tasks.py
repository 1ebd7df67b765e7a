import pytest
from django.core.management import call_command

from people.models import Person
from portal.content import current_content_version
from portal.tasks import rerender_markdown
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # the content version moves on commit
def test_rerender_fixes_stale_html_and_leaves_the_rest():
    stale = PersonFactory(bio_en="New *renderer*")
    fresh = PersonFactory(bio_en="Already fine")
    PublicationFactory(abstract_en="An **abstract**")
    Person.objects.filter(pk=stale.pk).update(bio_html_en="<p>old output</p>")
    fresh_updated_at = Person.objects.get(pk=fresh.pk).updated_at
    before = current_content_version()[0]

    assert call_command("rerender_markdown") is None
    stale.refresh_from_db()
    assert stale.bio_html_en == "<p>New <em>renderer</em></p>"
    assert Person.objects.get(pk=fresh.pk).updated_at == fresh_updated_at
    assert current_content_version()[0] > before
    assert rerender_markdown() == 0  # idempotent: nothing left to change


def test_tasks_run_in_process_when_no_broker_is_configured(settings):
    from portal.celery import app

    if settings.CELERY_BROKER_URL:
        pytest.skip("a broker is configured here; the worker path is covered by tests/integration")
    assert app.conf.task_always_eager is True
    stale = PersonFactory(bio_en="*x*")
    Person.objects.filter(pk=stale.pk).update(bio_html_en="")
    result = rerender_markdown.delay()
    assert result.get() == 1

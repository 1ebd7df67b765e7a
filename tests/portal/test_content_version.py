import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from portal.content import current_content_version
from tests.achievements.factories import AchievementFactory
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory

# Real commits: the version moves when a change commits, so these tests must let transactions commit.
pytestmark = pytest.mark.django_db(transaction=True)


def version():
    return current_content_version()[0]


def test_saving_content_bumps_the_version():
    before = version()
    publication = PublicationFactory()
    after_create = version()
    assert after_create > before
    publication.title_en = "Changed"
    publication.save()
    assert version() > after_create


def test_deleting_content_bumps_the_version():
    person = PersonFactory()
    before = version()
    person.delete()
    assert version() > before


def test_changing_related_people_bumps_the_version():
    achievement, person = AchievementFactory(), PersonFactory()
    before = version()
    achievement.people.add(person)
    assert version() == before + 1
    achievement.people.clear()
    assert version() == before + 2


def test_version_carries_the_time_of_the_change():
    PublicationFactory()
    _version, changed_at = current_content_version()
    assert changed_at is not None


def test_a_rolled_back_change_does_not_count():
    PublicationFactory()
    before = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        PublicationFactory()
        raise RuntimeError("abandoned")
    assert version() == before


def test_many_changes_in_one_transaction_count_once():
    before = version()
    with transaction.atomic():
        publications = [PublicationFactory() for _ in range(5)]
        for publication in publications:
            publication.delete()
        assert version() == before  # nothing is visible before the commit
    assert version() == before + 1


def test_bulk_publish_in_the_admin_bumps_the_version(staff_client):
    publication = PublicationFactory(is_published=False)
    before = version()
    staff_client.post(
        reverse("admin:publications_publication_changelist"),
        {"action": "publish", "_selected_action": [publication.pk]},
    )
    assert version() > before


def test_logging_in_is_not_a_content_change(client):
    get_user_model().objects.create_user("someone", password="a-long-password-1")
    before = version()
    # django-axes watches every login, so authenticate() is given the request a login form would send
    assert client.login(request=RequestFactory().post("/admin/login/"), username="someone",
                        password="a-long-password-1")  # fmt: skip
    assert version() == before

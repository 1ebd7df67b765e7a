"""The site dumps to portable JSON and loads into an empty database with everything intact."""

import pytest
from django.core.management import call_command

from achievements.models import Achievement, AchievementFigure
from people.models import Person
from portal.demo.loader import load_demo
from publications.models import Authorship, Publication, Venue

APPS = ["portal", "people", "publications", "achievements"]


def snapshot():
    return {
        "publications": sorted(
            Publication.objects.values_list("slug", "title_en", "title_zh_hans", "doi", "year")
        ),
        "authors": list(
            Authorship.objects.order_by("publication__slug", "position").values_list(
                "publication__slug",
                "position",
                "name",
                "person__slug",
                "is_corresponding",
                "is_equal_contribution",
            )
        ),
        "people": sorted(Person.objects.values_list("slug", "name_en", "name_zh_hans", "bio_html_zh_hans")),
        "figures": sorted(
            AchievementFigure.objects.values_list("achievement__slug", "order", "image", "caption_zh_hans")
        ),
        "achievement people": sorted(Achievement.objects.values_list("slug", "people__slug")),
        "venues": Venue.objects.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_dump_and_load_into_an_empty_database_keeps_everything(tmp_path):
    load_demo()
    before = snapshot()
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *APPS, format="json", output=str(backup), verbosity=0)

    call_command("flush", "--noinput", verbosity=0)
    assert Publication.objects.count() == 0

    call_command("loaddata", str(backup), verbosity=0)
    assert snapshot() == before

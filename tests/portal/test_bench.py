import pytest
from django.core.management import call_command

from devtools.bench import BenchSize, make_bench_data
from people.models import Person
from portal.demo.loader import load_demo
from publications.models import Authorship, Publication

pytestmark = pytest.mark.django_db

SMALL = BenchSize(publications=300, people=40, venues=30, achievements=12, heavy_author_papers=60)


def test_bench_data_has_the_requested_shape():
    counts = make_bench_data(SMALL)
    assert counts["publications"] == Publication.objects.count() == 300
    assert counts["people"] == 40 and counts["achievements"] == 12
    assert 2 * 300 <= Authorship.objects.count() <= 8 * 300
    pi = Person.objects.get(slug="bench-person-0")
    assert Authorship.objects.filter(person=pi).count() == 60
    assert Person.objects.filter(aliases__isnull=False).distinct().count() == 40
    years = set(Publication.objects.values_list("year", flat=True))
    assert min(years) == 2001 and max(years) == 2025
    assert Publication.objects.filter(venue__ccf_rank="A").exists()


def test_bench_data_is_deterministic_and_replaces_itself():
    make_bench_data(SMALL, seed=7)
    first = list(
        Publication.objects.order_by("slug").values_list("slug", "title_en", "year", "venue__acronym")
    )
    make_bench_data(SMALL, seed=7)
    assert (
        list(Publication.objects.order_by("slug").values_list("slug", "title_en", "year", "venue__acronym"))
        == first
    )


def test_bench_data_leaves_other_content_alone():
    load_demo()
    demo = Publication.objects.count()
    call_command("make_bench_data", "--publications=50", "--people=10", "--achievements=2", "--venues=5",
                 "--heavy-author-papers=5", verbosity=0)  # fmt: skip
    assert Publication.objects.count() == demo + 50
    call_command("make_bench_data", "--clear", verbosity=0)
    assert Publication.objects.count() == demo

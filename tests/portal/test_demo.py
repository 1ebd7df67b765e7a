import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from achievements.models import Achievement, AchievementFigure
from people.models import Honor, Person, PersonAlias, ResearchArea
from portal.demo.data import DEMO_PASSWORD
from portal.demo.loader import load_demo, parse_authors
from portal.models import Lab
from publications.models import Authorship, Award, Collection, CollectionEntry, Publication, Venue

pytestmark = pytest.mark.django_db

MODELS = [
    Lab, ResearchArea, Person, PersonAlias, Honor, Venue, Publication, Authorship, Award,
    Collection, CollectionEntry, Achievement, AchievementFigure,
]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_twice_gives_the_same_counts(settings):
    settings.DEMO_MODE = True
    load_demo()
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert get_user_model().objects.filter(username="demo").count() == 1


def test_demo_has_what_the_issue_asks_for():
    load_demo()
    lab_works = Publication.objects.filter(is_lab_work=True)
    assert lab_works.count() >= 30
    assert Authorship.objects.filter(is_corresponding=True).exists()
    assert Authorship.objects.filter(is_equal_contribution=True).count() >= 4
    assert Award.objects.filter(kind="best_paper").count() == 2
    assert Award.objects.filter(kind="best_paper_nomination").count() == 1
    assert Publication.objects.filter(venue__ccf_rank="A").count() >= 20
    assert Achievement.objects.exclude(title_en="").exclude(title_zh_hans="").count() >= 5
    assert {"million", "inspire", "ndpbridge"} <= set(Achievement.objects.values_list("slug", flat=True))
    assert AchievementFigure.objects.count() >= 2
    collection = Collection.objects.get()
    assert collection.entries.count() >= 10 and collection.entries.filter(is_highlighted=True).exists()
    assert not collection.entries.filter(publication__is_lab_work=True).exists()
    pi = Person.objects.get(role="pi")
    assert pi.name_zh_hans == "蒋力" and pi.honors.count() == 4 and pi.research_areas.exists()
    faculty = Person.objects.get(slug="zhuoran-song")
    assert faculty.name_zh_hans == "宋卓然" and faculty.bio_html_en and faculty.bio_html_zh_hans
    assert Lab.load().name_zh_hans


def test_demo_links_authors_through_names_and_aliases():
    load_demo()
    song = Person.objects.get(slug="zhuoran-song")
    chinese_paper = Publication.objects.get(title_zh_hans="深度神经网络专用架构与压缩技术演进")
    assert chinese_paper.authorships.get(position=1).person == song
    # a Chinese-only title falls back for English readers instead of showing nothing
    assert chinese_paper.title_en in ("", None)


def test_demo_account_exists_only_in_demo_mode(settings):
    settings.DEMO_MODE = False
    load_demo()
    assert not get_user_model().objects.filter(username="demo").exists()


def test_demo_account_cannot_log_in_outside_demo_mode(settings):
    settings.DEMO_MODE = True
    load_demo()
    assert authenticate(username="demo", password=DEMO_PASSWORD) is not None
    settings.DEMO_MODE = False
    assert authenticate(username="demo", password=DEMO_PASSWORD) is None


def test_author_marks_are_parsed():
    assert parse_authors("Li Jiang=, Zhuoran Song=*, Xiaoyao Liang") == [
        {"name": "Li Jiang", "is_corresponding": False, "is_equal_contribution": True},
        {"name": "Zhuoran Song", "is_corresponding": True, "is_equal_contribution": True},
        {"name": "Xiaoyao Liang", "is_corresponding": False, "is_equal_contribution": False},
    ]

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

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


def log_in(username):
    """authenticate() as the admin's login form calls it (django-axes needs the request)."""
    return authenticate(RequestFactory().post("/admin/login/"), username=username, password=DEMO_PASSWORD)


@pytest.mark.parametrize("username", ["demo", "demo-member", "demo-editor"])
def test_demo_accounts_cannot_log_in_outside_demo_mode(settings, username):
    settings.DEMO_MODE = True
    load_demo()
    assert log_in(username) is not None
    settings.DEMO_MODE = False
    assert log_in(username) is None


def test_the_demo_has_an_account_of_each_role(settings):
    from accounts.roles import EDITOR, LAB_ADMIN, MEMBER, role_of

    settings.DEMO_MODE = True
    load_demo()
    load_demo()  # again: still one of each, still linked
    users = {user.username: user for user in get_user_model().objects.all()}
    assert {name: role_of(user) for name, user in users.items()} == {
        "demo": LAB_ADMIN, "demo-editor": EDITOR, "demo-member": MEMBER,
    }  # fmt: skip
    assert users["demo-member"].person.slug == "zongwu-wang"
    assert users["demo-member"].person.role == "phd"


def test_author_marks_are_parsed():
    assert parse_authors("Li Jiang=, Zhuoran Song=*, Xiaoyao Liang") == [
        {"name": "Li Jiang", "is_corresponding": False, "is_equal_contribution": True},
        {"name": "Zhuoran Song", "is_corresponding": True, "is_equal_contribution": True},
        {"name": "Xiaoyao Liang", "is_corresponding": False, "is_equal_contribution": False},
    ]


@pytest.fixture
def demo_left_behind(settings, client):
    """A site that started from the demo: the demo account with an API token and a browser session
    made while demo mode was on, then demo mode turned off."""
    from rest_framework.authtoken.models import Token

    settings.DEMO_MODE = True
    load_demo()
    demo = get_user_model().objects.get(username="demo")
    token = Token.objects.create(user=demo)
    client.force_login(demo)
    settings.DEMO_MODE = False
    return token


def test_demo_token_is_refused_outside_demo_mode(demo_left_behind, client):
    client.logout()
    headers = {"HTTP_AUTHORIZATION": f"Token {demo_left_behind.key}"}
    draft = Publication.objects.create(title_en="A draft", year=2025, slug="a-draft", is_published=False)
    written = client.post(
        "/api/v1/publications/",
        {"title": {"en": "Written with a demo token"}, "year": 2025, "kind": "conference"},
        content_type="application/json",
        **headers,
    )
    assert written.status_code == 401
    assert not Publication.objects.filter(title_en="Written with a demo token").exists()
    assert client.get(f"/api/v1/publications/{draft.slug}/", **headers).status_code == 401


def test_demo_session_is_refused_outside_demo_mode(demo_left_behind, client):
    draft = Publication.objects.create(title_en="A draft", year=2025, slug="a-draft", is_published=False)
    assert client.get(f"/api/v1/publications/{draft.slug}/").status_code == 404
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert client.get(f"/en/publications/{draft.slug}/").status_code == 404


def test_demo_token_works_in_demo_mode(demo_left_behind, client, settings):
    settings.DEMO_MODE = True
    client.logout()
    answer = client.post(
        "/api/v1/publications/",
        {"title": {"en": "Written in demo mode"}, "year": 2025, "kind": "conference"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {demo_left_behind.key}",
    )
    assert answer.status_code == 201


def test_the_demos_figures_are_drawn_with_a_font_that_has_their_glyphs():
    from PIL import Image, ImageDraw, ImageFont

    from portal.demo.pictures import demo_font, font_file

    if not font_file():
        pytest.skip("no Noto Sans CJK here: scripts/install-pdf installs it (make test runs it)")
    font = demo_font(18)
    assert isinstance(font, ImageFont.FreeTypeFont) and "CJK" in font.path

    def pixels(text):
        image = Image.new("L", (40, 30), 0)
        ImageDraw.Draw(image).text((4, 2), text, fill=255, font=font)
        return image.tobytes()

    missing = pixels("\U0010fffd")  # a character no font has: the font's "missing" box (or nothing)
    for character in "×加速":
        drawn = pixels(character)
        assert any(drawn) and drawn != missing, character


def test_every_demo_person_has_a_portrait_that_the_site_serves(client, django_capture_on_commit_callbacks):
    from people.models import Person

    with django_capture_on_commit_callbacks(execute=True):  # variants are made once the load commits
        load_demo()
    load_demo()  # again: still one portrait each
    people = list(Person.objects.all())
    assert people and all(person.photo for person in people)
    assert len({person.photo.name for person in people}) == len(people)
    page = client.get("/en/people/li-jiang/").content.decode()
    li_jiang = Person.objects.get(slug="li-jiang")
    assert f'src="{li_jiang.photo_profile.url}"' in page  # the page's variant (portal.images)
    assert client.get(li_jiang.photo.url)["Content-Type"] == "image/png"
    assert client.get(li_jiang.photo_profile.url)["Content-Type"] == "image/webp"


def test_the_demos_figures_are_drawn_at_twice_the_size_they_are_shown_at():
    load_demo()
    assert set(AchievementFigure.objects.values_list("width", "height")) == {(1280, 720)}
    teasers = Publication.objects.exclude(teaser="")
    charts = teasers.filter(teaser_width=1280, teaser_height=720)  # a write-up's first figure
    floorplans = teasers.filter(teaser_width=1440, teaser_height=900)  # selected papers without a chart
    assert charts.count() == 2 and floorplans.count() == 4 and teasers.count() == 6
    assert set(floorplans.values_list("featured", flat=True)) == {True}
    assert all(paper.teaser_caption_en and paper.teaser_caption_zh_hans for paper in teasers)
    lab, areas = Lab.load(), ResearchArea.objects.all()
    assert (lab.banner.width, lab.banner.height) == (1200, 800)  # shown at 600×400
    assert {(area.image.width, area.image.height) for area in areas} == {(640, 400)}  # shown at 320×200
    people = Person.objects.exclude(photo="")
    assert people.count() == Person.objects.count() and {(p.photo.width, p.photo.height) for p in people} == {
        (320, 400)
    }

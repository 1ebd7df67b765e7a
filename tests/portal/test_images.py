"""Image variants (portal.images): made once when an upload is saved, at twice the size pages show
them, and shown with their width and height; pages never open, check or generate a file."""

import io
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from PIL import Image

from achievements.models import AchievementFigure
from people.models import Person
from portal import images
from publications.models import Publication
from tests.achievements.factories import AchievementFactory
from tests.conftest import png_bytes
from tests.people.factories import PersonFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def stored_size(name):
    with default_storage.open(name) as stored:
        image = Image.open(stored)
        return image.format, image.size


def img_tags(response):
    return re.findall(r"<img [^>]*>", response.content.decode())


def attributes(tag):
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def upload(name="photo.png", width=900, height=1200):
    return SimpleUploadedFile(name, png_bytes(width, height), content_type="image/png")


def test_a_saved_portrait_gets_its_two_variants_drawn_at_twice_the_size_shown(client, commit):
    with commit():
        person = PersonFactory(photo=upload(), is_published=True)

    assert stored_size(person.photo_card.name) == ("WEBP", (128, 160))
    assert stored_size(person.photo_profile.name) == ("WEBP", (320, 400))

    card = next(tag for tag in img_tags(client.get("/en/people/")) if 'class="photo"' in tag)
    assert attributes(card) | {"src": None} == attributes(card) | {
        "src": None, "width": "160", "height": "200", "loading": "lazy"
    }  # fmt: skip
    assert attributes(card)["src"] == person.photo_profile.url  # the people grid shows large photos
    profile = next(tag for tag in img_tags(client.get(person.get_absolute_url())) if 'class="photo"' in tag)
    assert attributes(profile)["src"] == person.photo_profile.url
    assert (attributes(profile)["width"], attributes(profile)["height"]) == ("160", "200")
    assert "loading" not in attributes(profile)  # at the top of the page: loaded at once


@pytest.mark.parametrize(
    ("size", "shown", "drawn"),
    [((2000, 1000), (720, 360), (1440, 720)), ((300, 200), (300, 200), (300, 200))],
    ids=["large upload", "small upload"],
)
def test_a_figure_keeps_its_size_and_its_variants_keep_its_proportions(client, commit, size, shown, drawn):
    achievement = AchievementFactory(is_published=True)
    with commit():
        figure = AchievementFigure.objects.create(
            achievement=achievement, image=upload("figure.png", *size), caption_en="Speed-up"
        )
    figure.refresh_from_db()
    assert (figure.width, figure.height) == size
    assert stored_size(figure.image_large.name) == ("WEBP", drawn)

    tag = next(tag for tag in img_tags(client.get(achievement.get_absolute_url())) if "Speed-up" in tag)
    assert attributes(tag)["src"] == figure.image_large.url
    assert (int(attributes(tag)["width"]), int(attributes(tag)["height"])) == shown


def test_the_fitted_size_is_the_box_or_the_upload_whichever_is_narrower():
    assert images.fitted_size(2000, 1000, 720) == (720, 360)
    assert images.fitted_size(300, 200, 720) == (300, 200)
    assert images.fitted_size(721, 1442, 720) == (720, 1440)
    assert images.fitted_size(None, 100, 720) == (None, None)


def test_a_teaser_shows_as_a_thumbnail_in_lists_and_large_with_its_caption_on_its_page(client, commit):
    with commit():
        paper = PublicationFactory(
            teaser=upload("teaser.png", 1600, 900), teaser_caption_en="Where the time goes", is_published=True
        )
    assert stored_size(paper.teaser_thumbnail.name) == ("WEBP", (320, 200))

    listed = client.get("/en/publications/")
    assert any(
        attributes(tag).get("src") == paper.teaser_thumbnail.url and 'width="160" height="100"' in tag
        for tag in img_tags(listed)
    )
    page = client.get(paper.get_absolute_url())
    tag = next(tag for tag in img_tags(page) if attributes(tag).get("src") == paper.teaser_large.url)
    assert 'width="720" height="405"' in tag
    assert "<figcaption>Where the time goes</figcaption>" in page.content.decode()


def test_pages_do_not_touch_the_storage(client, monkeypatch):
    """A page builds variant URLs only: with every file gone, it renders the same tags."""
    person = PersonFactory(photo=upload(), is_published=True)
    figure = AchievementFigure.objects.create(
        achievement=AchievementFactory(is_published=True, featured=True), image=upload("f.png", 800, 400)
    )
    before = [img_tags(client.get(url)) for url in ("/en/", person.get_absolute_url())]

    def refuse(*args, **kwargs):
        raise AssertionError("a page touched the storage")

    for method in ("open", "exists", "size", "save"):
        monkeypatch.setattr(default_storage, method, refuse)
    cache.clear()  # render again rather than serve the cached pages
    after = [img_tags(client.get(url)) for url in ("/en/", person.get_absolute_url())]
    assert after == before and any(figure.image_card.url in tag for tag in after[0])


def test_a_record_whose_upload_went_missing_still_loads_and_shows(client):
    figure = AchievementFigure.objects.create(
        achievement=AchievementFactory(is_published=True), image=upload("f.png", 800, 400)
    )
    AchievementFigure.objects.filter(pk=figure.pk).update(width=None, height=None)
    default_storage.delete(figure.image.name)

    loaded = AchievementFigure.objects.get(pk=figure.pk)  # Django's ImageField would open the file here
    assert (loaded.width, loaded.height) == (None, None)
    response = client.get(figure.achievement.get_absolute_url())
    assert response.status_code == 200
    tag = next(tag for tag in img_tags(response) if figure.image_large.url in tag)
    assert "width" not in attributes(tag)  # size unknown: no made-up size


def test_content_stored_without_a_name_gets_its_size_when_the_record_is_saved():
    figure = AchievementFigure(achievement=AchievementFactory())
    figure.image.save("chart.png", ContentFile(png_bytes(640, 360)), save=False)
    figure.save()
    figure.refresh_from_db()
    assert (figure.width, figure.height) == (640, 360)


def test_the_migration_reads_the_size_of_uploads_stored_before_sizes_were_kept():
    paper = PublicationFactory(teaser=upload("t.png", 500, 300))
    figure = AchievementFigure.objects.create(
        achievement=AchievementFactory(), image=upload("f.png", 400, 100)
    )
    Publication.objects.update(teaser_width=None, teaser_height=None)
    AchievementFigure.objects.update(width=None, height=None)

    images.record_sizes("publications", "Publication", "teaser")(apps, None)
    images.record_sizes("achievements", "AchievementFigure", "image")(apps, None)

    assert Publication.objects.values_list("teaser_width", "teaser_height").get(pk=paper.pk) == (500, 300)
    assert AchievementFigure.objects.values_list("width", "height").get(pk=figure.pk) == (400, 100)


def test_generateimages_makes_variants_that_are_missing(commit):
    with commit():
        person = PersonFactory(photo=upload())
    default_storage.delete(person.photo_card.name)
    assert not default_storage.exists(person.photo_card.name)
    cache.clear()  # what imagekit remembers of existing files, gone as after a restore or a restart

    call_command("generateimages", "people:person:photo_card", verbosity=0)
    assert stored_size(person.photo_card.name) == ("WEBP", (128, 160))


def test_variants_of_an_upload_stored_by_update_are_made_on_request():
    """The demo stores portraits with update() (no save signal) and asks for the variants itself."""
    person = PersonFactory()
    person.photo.save("p.png", ContentFile(png_bytes(90, 120)), save=False)
    Person.objects.filter(pk=person.pk).update(photo=person.photo.name)
    assert not default_storage.exists(person.photo_card.name)
    images.generate_variants(person)
    assert default_storage.exists(person.photo_card.name) and default_storage.exists(
        person.photo_profile.name
    )


def test_the_api_gives_the_teaser_and_its_caption_in_both_languages(client):
    paper = PublicationFactory(
        teaser=upload("t.png", 320, 200), teaser_caption_en="Speed-up", teaser_caption_zh_hans="加速比",
        is_published=True,
    )  # fmt: skip
    body = client.get(f"/api/v1/publications/{paper.slug}/").json()
    assert body["teaser"].endswith(paper.teaser.url)
    assert body["teaser_caption"] == {"en": "Speed-up", "zh-hans": "加速比"}


def test_variants_are_webp_even_for_a_transparent_png(commit):
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(buffer, format="PNG")
    with commit():
        paper = PublicationFactory(
            teaser=SimpleUploadedFile("t.png", buffer.getvalue(), content_type="image/png")
        )
    with default_storage.open(paper.teaser_thumbnail.name) as stored:
        image = Image.open(stored)
        assert image.format == "WEBP" and image.mode == "RGBA"


def test_a_file_put_in_place_by_name_gets_its_size_when_the_record_is_saved(commit):
    """A site import stores the file itself and puts its name on a record that had another image."""
    figure = AchievementFigure.objects.create(
        achievement=AchievementFactory(), image=upload("a.png", 800, 400)
    )
    figure = AchievementFigure.objects.get(pk=figure.pk)
    figure.image.name = default_storage.save("achievements/b.png", ContentFile(png_bytes(300, 600)))
    with commit():
        figure.save()
    figure.refresh_from_db()
    assert (figure.width, figure.height) == (300, 600)
    assert stored_size(figure.image_large.name) == ("WEBP", (300, 600))


def test_a_save_that_is_rolled_back_makes_no_variant(commit):
    """A dry run, a refused import or a member's proposal kept for review leaves no file behind."""
    with commit():
        try:
            with transaction.atomic():
                person = PersonFactory(photo=upload())
                raise RuntimeError("refused")
        except RuntimeError:
            pass
    assert default_storage.exists(person.photo.name)  # the upload itself is the caller's to discard
    assert not default_storage.exists(person.photo_card.name)


def test_an_upload_that_cannot_be_read_is_logged_and_the_save_stands(commit, caplog):
    person = PersonFactory()
    person.photo.name = "people/gone.png"
    with commit():
        person.save()
    assert "not made" in caplog.text and Person.objects.get(pk=person.pk).photo.name == "people/gone.png"

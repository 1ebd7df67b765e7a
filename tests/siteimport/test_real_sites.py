"""import_site on excerpts of real sites of each generator (tests/data/sites/, sources in its README):
everything they hold arrives, authors are linked to the imported people, a second run changes nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from news.models import NewsItem
from people.models import Person
from portal.images import fitted_size
from portal.models import Lab
from publications.models import Authorship, Publication
from siteimport.save import import_site

pytestmark = pytest.mark.django_db
SITES = Path(__file__).resolve().parents[1] / "data" / "sites"


def zipped(folder: Path) -> bytes:
    """The site as GitHub serves it: every file under one `<repo>-main/` folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}-main/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


def test_a_chinese_labs_hugo_blox_site_comes_in_whole_in_both_languages():
    report = import_site(SITES / "hugo-blox-nkdailab")
    assert report.counts == {"created": 9, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    lab = Lab.load()
    assert (lab.name_en, lab.name_zh_hans) == ("NKD AI Lab", "南方科技大学人工智能实验室")

    he = Person.objects.get(name_en="Zhihai He")
    assert he.name_zh_hans == "何志海", "the display title is the Chinese name"
    assert he.title_en == "Chair Professor of SUSTech"
    assert he.title_zh_hans == "南方科技大学讲席教授、博士生导师"
    assert he.bio_en.startswith("Zhihai He , chair professor")
    assert he.bio_zh_hans.startswith("何志海，南方科技大学")
    assert he.google_scholar_id == "wtr6OgkAAAAJ" and he.email == "hezh@sustech.edu.cn"
    assert he.role == "faculty" and not he.is_alumnus
    assert he.photo.name.startswith("people/site-") and he.photo.storage.exists(he.photo.name)

    kan = Person.objects.get(name_zh_hans="阚哲涵")
    stint = (kan.role, kan.joined_on.year, kan.left_on.year)
    assert stint == ("master", 2021, 2023), "an alumnus, with the years of his course"
    zhang = Person.objects.get(name_en="Ce Zhang")
    assert zhang.is_alumnus and zhang.role == "undergraduate"

    assert Publication.objects.count() == 3
    scai = Publication.objects.get(title_en__startswith="Self-Correctable")
    assert (scai.kind, scai.venue.acronym, scai.year, scai.featured) == ("conference", "CVPR", 2023, True)
    assert scai.video_url.startswith("https://www.youtube.com/") and scai.pdf_url.endswith(".pdf")
    linked = list(scai.authorships.order_by("position").values_list("name", "person__slug"))
    assert linked == [("Zhehan Kan", kan.slug), ("Shuoshuo Chen", None), ("Ce Zhang", zhang.slug),
                      ("Yushun Tang", None), ("Zhihai He", he.slug)]  # fmt: skip
    eccv = Publication.objects.get(title_en__startswith="Self-Constrained")
    assert eccv.venue.acronym == "ECCV" and "Structural inference" in eccv.keywords

    assert NewsItem.objects.count() == 2
    aaai = NewsItem.objects.get(date="2025-02-26")
    assert aaai.title_en.startswith("He Zhihai's group") and aaai.title_zh_hans.startswith("南科大电子系"), (
        "the post in content/en and content/zh is one item in two languages"
    )
    kan_post = NewsItem.objects.get(date="2022-10-23")
    assert kan_post.image.name.startswith("news/site-") and kan_post.image.storage.exists(kan_post.image.name)
    assert set(kan_post.publications.all()) == {eccv}, "linked by the paper's title"
    assert {"fig1.png" in w["message"] for w in report.warnings} == {True, False}


def test_importing_a_site_again_changes_nothing():
    import_site(SITES / "hugo-blox-nkdailab")
    counts = (Person.objects.count(), Publication.objects.count(), NewsItem.objects.count(),
              Authorship.objects.count())  # fmt: skip
    photo = Person.objects.get(name_en="Zhihai He").photo.name
    again = import_site(SITES / "hugo-blox-nkdailab")
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 9, "skipped": 0, "refused": 0}
    assert counts == (Person.objects.count(), Publication.objects.count(), NewsItem.objects.count(),
                      Authorship.objects.count())  # fmt: skip
    assert Person.objects.get(name_en="Zhihai He").photo.name == photo


def test_an_al_folio_site_brings_its_owner_papers_with_teasers_and_news(commit):
    with commit():
        report = import_site(SITES / "al-folio-liaudat")
    owner = Person.objects.get(name_en="Tobías I. Liaudat")
    assert owner.photo and owner.google_scholar_id == "5YLM_sEAAAAJ" and owner.github == "tobias-liaudat"
    assert owner.bio_en.startswith("I am a staff research scientist")
    assert "Tobias Liaudat" in owner.aliases.values_list("name", flat=True), "from Jekyll Scholar's names"
    sprunck = Publication.objects.get(arxiv_id="2510.27663")
    assert sprunck.teaser.name.startswith("papers/teasers/site-") and sprunck.featured
    assert sprunck.teaser_width == sprunck.teaser.width and sprunck.teaser_height == sprunck.teaser.height
    assert default_storage.exists(sprunck.teaser_thumbnail.name), "its list variant made by the import"
    assert default_storage.exists(owner.photo_card.name) and default_storage.exists(owner.photo_profile.name)
    assert sprunck.code_url == "https://github.com/aleph-group/Priors_selection"
    assert sprunck.authorships.get(person=owner).name == "Tobias Liaudat"
    mars = Publication.objects.get(doi="10.48550/arxiv.2507.21270")
    assert mars.teaser and mars.authorships.filter(person=owner).exists()
    centofanti = Publication.objects.get(doi="10.1051/0004-6361/202452224")
    assert (centofanti.year, centofanti.volume, centofanti.pages) == (2025, "694", "A228"), "year given twice"
    assert centofanti.teaser and centofanti.authorships.filter(person=owner).exists()
    assert report.counts == {"created": 7, "updated": 0, "unchanged": 0, "skipped": 0, "refused": 0}
    assert any("year given twice" in w["message"] for w in report.warnings)
    assert NewsItem.objects.count() == 3
    again = import_site(SITES / "al-folio-liaudat")
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 7, "skipped": 0, "refused": 0}


def test_an_academicpages_site_brings_its_owners_papers_and_files():
    report = import_site(SITES / "academicpages-xiaoyang-lu")
    owner = Person.objects.get(name_en="Xiaoyang Lu")
    assert owner.google_scholar_id == "PS_CX0AAAAAJ" and not owner.orcid and not owner.email
    chrome = Publication.objects.get(title_en__startswith="CHROME")
    assert (chrome.venue.acronym, chrome.year, chrome.kind) == ("HPCA", 2024, "conference")
    assert chrome.pdf.name.startswith("papers/site-") and chrome.pdf.read(5) == b"%PDF-"
    assert chrome.abstract_en.startswith("Cache management is a critical aspect")
    assert "[slides]" not in chrome.abstract_en, "a line of links into the old site is left out"
    assert chrome.authors_cut_short and chrome.authorships.get().person == owner
    messages = " ".join(w["message"] for w in report.warnings)
    assert "CHROME_slides.pdf' points nowhere" in messages and "'profile.png' is not in images/" in messages
    assert "yourorcidurl" in messages
    assert import_site(SITES / "academicpages-xiaoyang-lu").counts["unchanged"] == 3


def test_a_zipped_site_imports_like_its_folder(tmp_path):
    archive = tmp_path / "site.zip"
    archive.write_bytes(zipped(SITES / "hugo-blox-nkdailab"))
    report = import_site(str(archive))
    assert report.counts["created"] == 9 and report.format == "site (hugo-blox)"


def test_a_dry_run_writes_nothing_not_even_files(media_root):
    report = import_site(SITES / "al-folio-liaudat", dry_run=True)
    assert report.counts["created"] == 7 and report.dry_run
    assert Person.objects.count() == Publication.objects.count() == NewsItem.objects.count() == 0
    assert not any(Path(media_root).rglob("*.*")) if Path(media_root).exists() else True


def test_the_command_prints_the_report_and_takes_the_generator(capsys):
    call_command("import_site", str(SITES / "academicpages-xiaoyang-lu"), "--generator", "academicpages")
    out = capsys.readouterr().out
    assert "created   _publications/HPCA2024.md" in out and "3 created" in out
    with pytest.raises(CommandError, match="not a site this portal knows"):
        call_command("import_site", str(SITES / "academicpages-xiaoyang-lu" / "files"))


def test_the_imported_site_shows_on_the_pages_in_both_languages(client, commit):
    with commit():
        import_site(SITES / "hugo-blox-nkdailab")
        import_site(SITES / "al-folio-liaudat")
    people = client.get("/zh-hans/people/").content.decode()
    assert "何志海" in people and "阚哲涵" in people
    he = Person.objects.get(name_en="Zhihai He")
    page = client.get(f"/zh-hans/people/{he.slug}/").content.decode()
    assert "南方科技大学讲席教授" in page and "Self-Correctable and Adaptable Inference" in page
    sprunck = Publication.objects.get(arxiv_id="2510.27663")
    paper = client.get(f"/en/publications/{sprunck.slug}/").content.decode()
    width, height = fitted_size(sprunck.teaser_width, sprunck.teaser_height, 720)
    assert f'src="{sprunck.teaser_large.url}" alt="Teaser figure" width="{width}" height="{height}"' in paper
    post = NewsItem.objects.get(date="2022-10-23")
    assert f'src="{post.image_large.url}"' in client.get(f"/zh-hans/news/{post.slug}/").content.decode()
    assert default_storage.exists(post.image_large.name) and post.image_width == post.image.width

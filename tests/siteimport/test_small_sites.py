"""Small sites written here: hostile ones, refused whole with a clear message and nothing written (paths
out of the site, symbolic links out of it, a file too large, a zip bomb, an SVG with script), and the
shapes the real sites in tests/data/sites/ do not have."""

import datetime
import io
import zipfile

import pytest

from news.models import NewsItem
from people.models import Person
from portal.imports import ImportFailed
from publications.models import Publication
from siteimport.save import import_site
from tests.conftest import png_bytes

pytestmark = pytest.mark.django_db

AUTHOR = """---
title: 宋卓然
first_name: Zhuoran
last_name: Song
user_groups:
  - Faculty
---
Works on processing-in-memory.
"""
POST = "---\ntitle: Our paper was accepted\ndate: 2025-03-01\n---\nNDPBridge was accepted by ISCA.\n"


def hugo_site(**extra) -> dict[str, bytes]:
    files = {
        "config/_default/hugo.yaml": b"title: PIM Lab\n",
        "content/authors/admin/_index.md": AUTHOR.encode(),
        "content/authors/admin/avatar.png": png_bytes(),
        "content/post/accepted/index.md": POST.encode(),
    }
    return {**files, **extra}


def zip_of(files: dict[str, bytes], *, symlink: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo("content/authors/admin/link.md")
            info.external_attr = 0o120777 << 16
            archive.writestr(info, symlink)
    return buffer.getvalue()


def assert_nothing_written(media_root):
    assert Person.objects.count() == Publication.objects.count() == NewsItem.objects.count() == 0
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_a_small_site_of_our_own_imports(media_root):
    report = import_site(zip_of(hugo_site()))
    assert report.counts["created"] == 3
    person = Person.objects.get()
    assert person.name_zh_hans == "宋卓然" and person.photo


@pytest.mark.parametrize("name", ["../evil.md", "/etc/passwd", "content/../../evil.md", "C:/evil.md"])
def test_a_path_out_of_the_site_is_refused(name, media_root):
    with pytest.raises(ImportFailed, match="leaves the site's folder"):
        import_site(zip_of(hugo_site(**{name: b"---\ntitle: x\n---\n"})))
    assert_nothing_written(media_root)


def test_a_symbolic_link_in_an_archive_is_refused(media_root):
    with pytest.raises(ImportFailed, match="symbolic link"):
        import_site(zip_of(hugo_site(), symlink="../../../etc/passwd"))
    assert_nothing_written(media_root)


def folder_of(files: dict[str, bytes], folder):
    """The site as a checked-out folder."""
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_a_symbolic_link_leaving_a_folder_is_refused(tmp_path, media_root):
    site = folder_of(hugo_site(), tmp_path / "site")
    outside = tmp_path / "secret.md"
    outside.write_text("secret")
    (site / "content/post/secret.md").symlink_to(outside)
    with pytest.raises(ImportFailed, match="symbolic link that leaves the site"):
        import_site(str(site))
    assert_nothing_written(media_root)


def test_a_200_mb_image_is_refused_before_it_is_read(tmp_path, media_root):
    site = folder_of(hugo_site(), tmp_path / "site")
    with open(site / "content/authors/admin/avatar.png", "r+b") as handle:
        handle.truncate(200 * 2**20)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(ImportFailed, match=r"200\.0 MB; a site's files may be 50 MB at most"):
        import_site(str(site))
    assert_nothing_written(media_root)


def test_a_zip_bomb_is_refused(media_root):
    bomb = b"\0" * (60 * 2**20)  # packs to about 60 KB
    with pytest.raises(ImportFailed, match="zip bomb|may be 50 MB"):
        import_site(zip_of(hugo_site(**{"static/bomb.bin": bomb})))
    assert_nothing_written(media_root)


def test_an_archive_of_many_small_members_that_unpacks_to_100_times_its_size_is_refused(media_root):
    """No member alone is a bomb (each 1 MB or less), but the archive unpacks to some 1,000 times its
    packed size: refused whole, before any of it is read."""
    members = {f"static/filler-{number}.bin": b"\0" * 2**20 for number in range(40)}
    archive = zip_of(hugo_site(**members))
    with pytest.raises(ImportFailed, match="100 times its packed size"):
        import_site(archive)
    assert_nothing_written(media_root)


def test_an_svg_with_script_is_refused(media_root):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    files = hugo_site()
    del files["content/authors/admin/avatar.png"]
    files["content/authors/admin/avatar.svg"] = svg
    with pytest.raises(ImportFailed, match="SVG image with script"):
        import_site(zip_of(files))
    assert_nothing_written(media_root)


def test_an_image_that_is_not_one_is_left_out_with_a_warning(media_root):
    report = import_site(zip_of(hugo_site(**{"content/authors/admin/avatar.png": b"not an image"})))
    assert Person.objects.get().photo.name == ""
    assert any("not an image that can be read" in w["message"] for w in report.warnings)


def test_front_matter_that_cannot_be_read_names_the_file(media_root):
    bad = {"content/authors/admin/_index.md": b"---\ntitle: [unclosed\n---\n"}
    with pytest.raises(ImportFailed, match="content/authors/admin/_index.md"):
        import_site(zip_of(hugo_site(**bad)))
    assert_nothing_written(media_root)


def test_something_that_is_not_a_site_is_refused():
    with pytest.raises(ImportFailed, match="neither a site's folder nor a zip archive"):
        import_site(b"just some bytes")


BUNDLE = """---
title: 'NDPBridge: Enabling Cross-Bank Coordination in Near-DRAM-Bank Processing Architectures'
authors:
  - admin
  - Li Jiang
author_notes:
  - 'Equal contribution'
  - 'Corresponding author'
date: '2024-06-29T00:00:00Z'
publication_types: ['paper-conference']
publication: In *Proceedings of the 51st Annual International Symposium on Computer Architecture*
publication_short: In *ISCA 2024*
featured: true
url_pdf: 'paper.pdf'
url_code: 'https://github.com/example/ndpbridge'
url_slides: 'slides.pdf'
image:
  caption: 'The NDPBridge architecture'
---
"""
PDF = b"%PDF-1.4\n%%EOF\n"


def test_a_hugo_publication_bundle_brings_its_authors_teaser_and_pdf(media_root):
    files = hugo_site(**{
        "content/publication/ndpbridge/index.md": BUNDLE.encode(),
        "content/publication/ndpbridge/featured.png": png_bytes(40, 20),
        "content/publication/ndpbridge/paper.pdf": PDF,
    })  # fmt: skip
    report = import_site(zip_of(files))
    paper = Publication.objects.get()
    song = Person.objects.get()
    assert (paper.kind, paper.year, paper.featured) == ("conference", 2024, True)
    assert paper.code_url == "https://github.com/example/ndpbridge"
    assert paper.teaser.name.startswith("papers/teasers/site-") and paper.pdf.read(5) == b"%PDF-"
    authors = list(paper.authorships.order_by("position").values_list(
        "name", "person", "is_equal_contribution", "is_corresponding"
    ))  # fmt: skip
    assert authors == [("Zhuoran Song", song.pk, True, False), ("Li Jiang", None, False, True)], (
        "an author id is the author's name; author_notes mark equal contribution and the corresponding author"
    )
    assert any("url_slides 'slides.pdf' points nowhere" in w["message"] for w in report.warnings)


def test_a_site_too_large_to_read_is_refused(settings, media_root):
    settings.SITE_IMPORT_MAX_BYTES = 2000
    with pytest.raises(ImportFailed, match="more than 2,000 bytes"):
        import_site(zip_of(hugo_site(**{"content/post/big/index.md": POST.encode() + b"x" * 3000})))
    assert_nothing_written(media_root)


@pytest.mark.parametrize(
    ("citation", "title", "authors"),
    [
        # Citation strings as academicpages sites write them (IEEE-like, APA, and names joined by "and").
        ("A. Alvarez-Gila, J. van de Weijer, and E. Garrote, “Adversarial Networks for Spatial Context-Aware "
         "Spectral Image Reconstruction from RGB,” presented at the 1st International Workshop, 2017.",
         "Adversarial Networks for Spatial Context-Aware Spectral Image Reconstruction from RGB",
         ["A. Alvarez-Gila", "J. van de Weijer", "E. Garrote"]),
        ("Choromanski, K., Sehanobish, A., Lin, H., & Weller, A. (2023, July). Efficient graph field "
         "integrators meet point clouds. In Proceedings of the 40th ICML (pp. 5978-6004). PMLR.",
         "Efficient Graph Field Integrators Meet Point Clouds",
         ["K. Choromanski", "A. Sehanobish", "H. Lin", "A. Weller"]),
        ('Arkema, Logan and Sherr, Micah "Residue-Free Computing" <i>Proceedings on Privacy Enhancing '
         "Technologies</i>, vol. 2021, no.4, 2021, pp.389-405.",
         "Residue-Free Computing", ["Logan Arkema", "Micah Sherr"]),
        ("", "A Paper", []),
    ],
)  # fmt: skip
def test_authors_are_read_from_an_academicpages_citation(citation, title, authors):
    from siteimport.content import plain
    from siteimport.jekyll import authors_of_citation

    assert authors_of_citation(plain(citation), title) == authors


def test_what_the_lab_edited_here_stays_and_a_second_run_saves_nothing(media_root):
    from django.core.files.base import ContentFile

    person = Person(slug="zhuoran-song", name="Zhuoran Song", name_zh_hans="宋卓然", bio_en="Our own words.")
    person.photo.save("mine.png", ContentFile(png_bytes(12, 12)), save=False)
    person.save()
    own_photo = person.photo.name
    report = import_site(zip_of(hugo_site()))
    person.refresh_from_db()
    assert person.photo.name == own_photo, "a photo uploaded here is the lab's, not replaced by the site's"
    assert person.bio_en == "Our own words.", "a field filled here is not overwritten"
    assert next(row for row in report.rows if row.place.endswith("_index.md")).action in {
        "updated",
        "unchanged",
    }
    stamp = Person.objects.get().updated_at
    again = import_site(zip_of(hugo_site()))
    assert again.counts["created"] == again.counts["updated"] == 0
    assert Person.objects.get().updated_at == stamp, "nothing saved when nothing changed"


def test_a_jekyll_sites_people_page_is_read_as_a_roster_before_its_papers(media_root):
    """A Chinese lab's academicpages site keeps its people on `_pages/people.md` (bold names under
    role headings, a cohort year alone on a line): before, none of its 27 people came in."""
    people = (
        "---\ntitle: People\npermalink: /people/\n---\n{% include base_path %}\n"
        "## 教师\n**唐 伟 副教授/博导**\n## 博士生\n2023\n* **[赵祥君](https://example.org/zxj)**\n"
        "## 硕士生\n2025\n* **朱斯杰**\n"
    )
    paper = (
        '---\ntitle: "InSAR over the Taiyuan basin"\ncollection: publications\ndate: 2023-05-20\n'
        "venue: 'Journal of Hydrology'\ncitation: 'Xiangjun Zhao, Wei Tang. (2023). InSAR over the Taiyuan "
        "basin. Journal of Hydrology.'\n---\n"
    )
    files = {
        "_config.yml": b"title: InSAR Lab\nauthor:\n  name: Wei Tang\n",
        "_pages/people.md": people.encode(),
        "_publications/2023-05-20-paper.md": paper.encode(),
    }
    report = import_site(zip_of(files), generator="academicpages")
    assert not report.counts["refused"], report.rows
    zhao = Person.objects.get(name_zh_hans="赵祥君")
    assert (zhao.memberships.get().role, zhao.memberships.get().start_on.year) == ("phd", 2023)
    assert Person.objects.get(name_zh_hans="朱斯杰").memberships.get().role == "master"
    assert any(row.place.startswith("_pages/people.md, line") for row in report.rows)
    again = import_site(zip_of(files), generator="academicpages")
    assert (again.counts["created"], again.counts["updated"]) == (0, 0)


def test_a_chinese_hugo_site_is_filed_in_chinese_and_its_research_areas_read_in_order(media_root):
    """A Chinese lab's Hugo Blox site declaring only `zh:` put its lab name and research areas into the
    English fields, and 阵列信号处理 became the slug `liexinhaochuli-zhen` (read as a person's name)."""
    author = "---\ntitle: 赵宇\nrole: 教授，博士生导师\n"
    author += "interests:\n  - 阵列信号处理\n  - AI4DB\n---\n研究大模型。\n"
    files = {
        "config/_default/hugo.yaml": "title: 通用人工智能团队\n".encode(),
        "config/_default/languages.yaml": b"zh:\n languageCode: zh-Hans\n",
        "content/authors/zhaoyu/_index.md": author.encode(),
    }
    import_site(zip_of(files))
    from people.models import ResearchArea
    from portal.models import Lab

    lab = Lab.load()
    assert (lab.name_en, lab.name_zh_hans) == (None, "通用人工智能团队")
    area = ResearchArea.objects.get(slug="zhen-lie-xin-hao-chu-li")
    assert (area.name_en, area.name_zh_hans) == (None, "阵列信号处理")
    assert ResearchArea.objects.get(slug="ai4db").name_en == "AI4DB"
    zhao = Person.objects.get(name_zh_hans="赵宇")
    assert zhao.title_zh_hans == "教授，博士生导师" and zhao.bio_zh_hans.startswith("研究大模型")


def test_a_themes_own_example_posts_are_not_the_labs_news(media_root):
    """al-folio ships `_news/announcement_*.md`, academicpages sample talks: a real lab left them in."""
    files = {
        "_config.yml": b"title: A Lab\nfirst_name: Ann\nlast_name: Lee\n",
        "_news/announcement_1.md": b"---\ndate: 2015-10-22\n---\nA simple inline announcement.\n",
        "_news/2024-paper.md": b"---\ndate: 2024-05-01\n---\nOur paper was accepted by ISCA.\n",
    }
    report = import_site(zip_of(files), generator="al-folio")
    assert list(NewsItem.objects.values_list("body_en", flat=True)) == ["Our paper was accepted by ISCA."]
    assert any("the theme's own example" in w["message"] for w in report.warnings)


def test_a_hugo_authors_links_and_the_start_of_the_position_they_hold(media_root):
    """The shape of a Chinese lab's Hugo Blox author pages (held-out corpus, SWUFE): the homepage as a
    `home` icon or as `[访问个人主页](…)` in the text, a publisher's author page among the socials, and
    the career line `**2024/11-至今** 西南财经大学 … 博士后`: all were dropped, the stint had no start."""
    author = (
        "---\ntitle: 杜华明\nfirst_name: Huaming\nlast_name: Du\nrole: 博士后\n"
        "organizations:\n  - name: 西南财经大学\nuser_groups:\n  - Postdocs\n"
        "social:\n  - icon: ieee\n    link: https://ieeexplore.ieee.org/author/37089000000\n"
        "  - icon: dblp\n    link: https://dblp.org/pid/173/7760.html\n"
        "  - icon: envelope\n    link: '#contact'\n"
        "---\n杜华明，现任博士后。\n\n[访问个人主页](https://hm.example.org/)\n\n#### 职业经历\n"
        "- **2024/11-至今** 西南财经大学 计算机与人工智能学院 博士后\n"
        "- **2020/09-2024/06** 西南财经大学 博士生\n"
    )
    former = (
        "---\ntitle: 李明\nuser_groups:\n  - 已毕业学生\n"
        "education:\n  courses:\n    - course: 管理学博士\n"
        "      institution: 西南财经大学\n      year: 2020.09-2024.06\n"
        "---\n"
    )
    head = (
        "---\ntitle: 赵宇\nrole: 教授\norganizations:\n  - name: 西南财经大学\nuser_groups:\n  - 教师\n---\n"
    )
    files = {
        "config/_default/hugo.yaml": "title: 通用人工智能团队\n".encode(),
        "content/authors/du/_index.md": author.encode(),
        "content/authors/li/_index.md": former.encode(),
        "content/authors/zhao/_index.md": head.encode(),
    }
    report = import_site(zip_of(files))
    assert not report.counts["refused"]
    du = Person.objects.get(name_zh_hans="杜华明")
    assert (du.homepage, du.dblp) == ("https://hm.example.org/", "173/7760")
    assert du.links == ["https://ieeexplore.ieee.org/author/37089000000"]
    assert du.profile_links == [("IEEE Xplore", "https://ieeexplore.ieee.org/author/37089000000")]
    stint = du.memberships.get()
    assert (stint.role, stint.start_on, stint.start_precision) == (
        "postdoc",
        datetime.date(2024, 11, 1),
        "month",
    )
    li = Person.objects.get(name_zh_hans="李明").memberships.get()
    assert (li.role, li.start_on, li.end_on) == ("phd", datetime.date(2020, 9, 1), datetime.date(2024, 6, 1))
    again = import_site(zip_of(files))
    assert again.counts["created"] == again.counts["updated"] == 0


def test_a_hugo_page_that_names_the_venue_outweighs_a_cite_bib_written_for_arxiv(media_root):
    """A lab's page updated on acceptance (`publication: WWW 2025`) beside the `cite.bib` written when the
    paper was on arXiv: the paper was stored as an arXiv preprint of 2024."""
    page = (
        "---\ntitle: Graph Prompts for Recommendation\ndate: 2025-04-28\n"
        "publication_types: ['paper-conference']\n"
        "publication: 'In *The ACM Web Conference 2025*'\npublication_short: 'WWW 2025'\n---\n"
    )
    cite = (
        "@article{yang2024graph,\n  title={Graph Prompts for Recommendation},\n"
        "  author={Yang, Li and Chen, Xingyan},\n"
        "  journal={arXiv preprint arXiv:2401.01234},\n  year={2024}\n}\n"
    )
    files = hugo_site(
        **{
            "content/publication/graph/index.md": page.encode(),
            "content/publication/graph/cite.bib": cite.encode(),
        }
    )
    report = import_site(zip_of(files))
    paper = Publication.objects.get(title_en="Graph Prompts for Recommendation")
    assert (paper.year, paper.kind, paper.arxiv_id) == (2025, "conference", "2401.01234")
    assert "Web Conference" in str(paper.venue or paper.venue_text)
    assert any("the page's kept" in warning["message"] for warning in report.warnings)

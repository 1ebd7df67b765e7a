"""A site's projects, repositories, talks and courses from real sites: a Chinese lab's Hugo Blox projects
(tables under programme headings), an al-folio lab's project and repositories, an academicpages lab's
talks and course (tests/data/sites/, sources in its README); and the shapes of Hugo events, al-folio
teachings and academicpages portfolio pages, which no real lab site at hand has."""

import datetime
from pathlib import Path

import pytest

from activities.models import Course, Project, Software, Talk
from news.models import NewsItem
from people.models import Person
from portal.models import Lab
from siteimport.save import import_site
from tests.siteimport.test_small_sites import hugo_site, zip_of

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"
SWUFE = DATA / "corpus" / "held-out" / "sites" / "swufe-agi-hugo-blox"
ASISYS = DATA / "sites" / "al-folio-asisys"
CUMTB = DATA / "corpus" / "held-out" / "sites" / "cumtb-insar-academicpages"
GYC = DATA / "sites" / "academicpages-gyc-lab"


def test_a_chinese_labs_projects_listed_under_programme_headings_each_come_in_with_its_leader(media_root):
    """content/project/{national,provincial,company}: 国家科研项目 as table rows (项目名称 | 时间 | 主持人)
    under 国家自然科学基金面上项目 / 青年项目, companies' projects as "**name**，leader" items."""
    report = import_site(SWUFE)
    projects = Project.objects.all()
    assert projects.count() == 15
    assert (
        sorted(projects.values_list("kind", flat=True))
        == ["industry"] * 3 + ["national"] * 7 + ["provincial"] * 5
    )
    grant = Project.objects.get(title_zh_hans="金融风险因素融合深度学习模型及风险传染关键技术研究")
    assert grant.programme_zh_hans == "国家自然科学基金面上项目" and grant.years == "2024–2027"
    assert grant.principal_investigator == Person.objects.get(name_zh_hans="赵宇")
    assert list(grant.people.all()) == [grant.principal_investigator]
    company = Project.objects.get(title_zh_hans="智慧法律⼤模型合同审查应⽤系统")
    assert company.funder_zh_hans == "北京市邦盛(成都)律师事务所" and company.kind == "industry"
    assert not Project.objects.filter(principal_investigator__isnull=True).exists()
    assert report.counts["refused"] == 0
    again = import_site(SWUFE)
    assert again.counts["created"] == again.counts["updated"] == 0 and Project.objects.count() == 15


def test_an_al_folio_labs_project_and_repositories_come_in_and_the_themes_examples_stay_out(media_root):
    report = import_site(ASISYS)
    assert str(Lab.load().name) == "ASISys" and not Person.objects.filter(name_en="ASISys").exists()
    project = Project.objects.get()
    assert project.title_en == "Adrenaline" and project.url == "https://github.com/ASISys/Adrenaline"
    assert project.summary_en.startswith("Accelerating LLM Inference in Prefill-Decoding Disaggregation")
    assert "{% include" not in project.summary_en and "## TL;DR" in project.summary_en
    software = Software.objects.get()
    assert (software.name, software.repository) == ("Adrenaline", "https://github.com/ASISys/Adrenaline")
    warned = [w["message"] for w in report.warnings]
    assert sum("the theme's own example, not the lab's repository" in message for message in warned) == 7
    assert any("assets/img/12.jpg" in message for message in warned)
    assert Software.objects.get().tagline_en.startswith("Accelerating LLM Inference")
    again = import_site(ASISYS)
    assert again.counts["created"] == again.counts["updated"] == 0


EVENT = """---
title: Processing in memory, ten years on
event: DAC 2025 Tutorial
event_url: https://www.dac.com/
location: Moscone West
date: 2025-06-23T09:00:00Z
authors:
  - admin
url_slides: https://example.org/pim-slides.pdf
url_video: https://www.youtube.com/watch?v=abc
abstract: What changed since the first PIM accelerators.
---
"""


def test_a_hugo_event_is_a_talk_with_its_speaker_slides_and_video(media_root):
    """The shape of Hugo Blox's event pages (its `event` archetype: event, event_url, location, date,
    authors, url_slides, url_video, abstract)."""
    import_site(zip_of(hugo_site(**{"content/event/dac-tutorial/index.md": EVENT.encode()})))
    talk = Talk.objects.get()
    assert (talk.title_en, talk.event_en, talk.place_en) == (
        "Processing in memory, ten years on",
        "DAC 2025 Tutorial",
        "Moscone West",
    )
    assert talk.kind == "tutorial" and talk.date == datetime.date(2025, 6, 23)
    assert talk.slides_url.endswith("pim-slides.pdf") and talk.video_url.startswith(
        "https://www.youtube.com/"
    )
    assert [person.name_zh_hans for person in talk.speakers.all()] == ["宋卓然"]
    assert not NewsItem.objects.filter(title_en__contains="ten years").exists()


TEACHING = """---
layout: course
title: Computer Architecture
description: Pipelines, caches and memory-centric computers.
instructor: Ann Lee
year: 2024
term: Fall
location: Room 301
course_id: CS2305
---
Weekly labs build a processor.
"""
# al-folio's own sample course (its _teachings/introduction-to-machine-learning.md), as a lab leaves it
SAMPLE_TEACHING = """---
layout: course
title: Introduction to Machine Learning
instructor: Prof. Example
year: 2023
term: Fall
---
"""


def test_al_folio_teachings_come_in_and_the_themes_sample_course_stays_out(media_root):
    files = {
        "_config.yml": b"first_name: Ann\nlast_name: Lee\n",
        "_bibliography/papers.bib": b"",
        "_teachings/architecture.md": TEACHING.encode(),
        "_teachings/introduction-to-machine-learning.md": SAMPLE_TEACHING.encode(),
    }
    report = import_site(zip_of(files), generator="al-folio")
    course = Course.objects.get()
    assert (course.title_en, course.code, course.year, course.season) == (
        "Computer Architecture",
        "CS2305",
        2024,
        "autumn",
    )
    assert course.description_en.startswith("Pipelines") and [p.name_en for p in course.teachers.all()] == [
        "Ann Lee"
    ]
    assert any("the theme's own example, not the lab's course" in w["message"] for w in report.warnings)


TALK = """---
title: "Memory-centric AI"
collection: talks
type: "Invited talk"
venue: "Tsinghua University"
date: 2024-06-12
location: "Beijing, China"
---
Abstract.
"""
COURSE = """---
title: "Parallel Computing"
collection: teaching
type: "Graduate course"
venue: "SJTU"
date: 2024-03-01
---
"""


def test_academicpages_talks_teaching_and_portfolio_are_talks_courses_and_projects(media_root):
    files = {
        "_config.yml": b"author:\n  name: Ann Lee\n",
        "_publications/x.md": b"---\ntitle: A paper\ndate: 2024-01-01\n---\n",
        "_talks/2024-06-talk.md": TALK.encode(),
        "_teaching/2024-spring.md": COURSE.encode(),
        "_portfolio/pim.md": b'---\ntitle: "PIM simulator"\nexcerpt: "A simulator"\n---\nCycle-level.\n',
    }
    import_site(zip_of(files), generator="academicpages")
    talk = Talk.objects.get()
    assert (talk.kind, talk.event_en, talk.place_en, talk.date) == (
        "invited",
        "Tsinghua University",
        "Beijing, China",
        datetime.date(2024, 6, 12),
    )
    course = Course.objects.get()
    assert (course.level, course.season, course.year, course.institution_en) == (
        "graduate",
        "spring",
        2024,
        "SJTU",
    )
    assert Project.objects.get().title_en == "PIM simulator"
    assert not NewsItem.objects.exists()


def test_a_labs_site_that_kept_the_themes_sample_talks_gets_no_talks(media_root):
    """The held-out academicpages site of a Chinese lab kept academicpages' four sample talks."""
    report = import_site(CUMTB)
    assert (
        not Talk.objects.exists()
        and not NewsItem.objects.filter(title_en__contains="relevant topic").exists()
    )
    assert sum("not the lab's talk" in w["message"] for w in report.warnings) == 4


def test_a_labs_academicpages_talks_and_course_arrive_with_their_own_dates_and_no_sample_text(media_root):
    """tests/data/sites/academicpages-gyc-lab: a lab's four talks and a course written over the theme's
    sample files, dated as labs write ("2024.6.25-28") while the file names keep the samples' 2012–2014,
    their pages still holding the samples' sentences and example links."""
    report = import_site(GYC)
    talks = {talk.date: talk for talk in Talk.objects.all()}
    assert sorted(talks) == [
        datetime.date(2024, 6, 25),
        datetime.date(2024, 8, 9),
        datetime.date(2025, 7, 18),
        datetime.date(2025, 8, 26),
    ]
    chinese = talks[datetime.date(2025, 7, 18)]
    assert chinese.title_zh_hans.startswith("基于层级分布的发卡涡构造壁湍流") and not chinese.title_en
    assert (chinese.kind, chinese.event_zh_hans, chinese.place_zh_hans) == (
        "contributed",
        "长沙国际会议中心",
        "长沙, 中国",
    )
    assert all(
        "This is a description" not in (talk.abstract_en or "") + (talk.abstract_zh_hans or "")
        and "example" not in (talk.abstract_en or "")
        for talk in talks.values()
    )
    assert talks[datetime.date(2024, 6, 25)].abstract_en.startswith("Yuchen Ge, Xianwen Zhu, Yaomin Zhao")
    course = Course.objects.get()
    assert (course.title_en, course.year, course.season, course.level) == (
        "Computational Fluid Dynamics",
        2024,
        "spring",
        "undergraduate",
    )
    assert course.institution_en == "Peking University, College of Engineering" and not course.description_en
    assert report.counts["refused"] == 0
    again = import_site(GYC)
    assert again.counts["created"] == again.counts["updated"] == 0

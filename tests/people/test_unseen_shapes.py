"""Shapes of rosters and honours pages from labs the importers were not written against (the corpus in
tests/data/corpus; each test names the shape it stands for)."""

import pytest

from people.honors import import_honors
from people.models import Honor, Person
from people.roster import import_roster

pytestmark = pytest.mark.django_db


def stint(name):
    return Person.objects.get(name_en=name).memberships.get()


def test_students_as_html_table_rows_and_list_items_under_headings():
    """ "Students as HTML table rows (<tr><td>…) under # headings": 0 of 22 people imported before."""
    text = (
        "# PhD Students\n<table>\n<tr><th>Name</th><th>Since</th></tr>\n"
        "<tr><td><a href='https://a.example/'>Ada Quin</a></td><td>2022</td></tr>\n"
        "<tr><td>Bo Reyes</td><td>2023</td></tr>\n</table>\n"
        "<h2>Postdocs</h2>\n<ul>\n  <li>\n    <a href='https://c.example/'>\n"
        "      C&eacute;line Roy\n    </a>\n  </li>\n</ul>\n"
    )
    report = import_roster(text)
    assert report.counts["created"] == 3 and not report.counts["refused"]
    assert (stint("Ada Quin").role, stint("Ada Quin").start_on.year) == ("phd", 2022)
    assert Person.objects.get(name_en="Ada Quin").homepage == "https://a.example/"
    assert stint("Bo Reyes").start_on.year == 2023
    assert stint("Céline Roy").role == "postdoc"


def test_several_people_on_one_line_and_cohort_years_on_their_own_lines():
    """A real Chinese lab's page: links side by side on a text line, names joined by 、, a year
    alone on a line for the cohort below it."""
    text = (
        "## Teachers\n[李侃](https://x.example/lk)\n## Students\n### Ph.D\n"
        "[马智超](https://x.example/mzc)  [冯少雄](https://x.example/fsx)\n"
        "## 硕士生\n2024\n* 雷一鸣、曾羚、李兴冲\n2023\n* **李永辉**\n"
    )
    report = import_roster(text)
    assert report.counts["created"] == 7, report.rows
    assert Person.objects.get(name_zh_hans="李侃").memberships.get().role == "faculty"
    assert Person.objects.get(name_zh_hans="冯少雄").memberships.get().role == "phd"
    assert Person.objects.get(name_zh_hans="曾羚").memberships.get().start_on.year == 2024
    assert Person.objects.get(name_zh_hans="李永辉").memberships.get().start_on.year == 2023
    assert import_roster(text).counts["created"] == 0


def test_a_name_in_bold_on_a_text_line_with_the_role_or_title_beside_it():
    """ "**Dr. Sanem Arslan Yılmaz** — Principal Investigator" under ## Faculty; "**唐 伟 副教授/博导**"
    (a teacher's title, not a destination); "- Orhan Güneş - Master Student" under Graduate Students."""
    text = (
        "## Faculty\n<img src='a.jpg'>\n**Dr. Sanem Arslan Yılmaz** — Principal Investigator\n"
        "## 教师\n**唐 伟 副教授/博导**\n"
        "## Graduate Students\n- Orhan Güneş - Master Student\n- Zuhal Altuntaş - PhD Student (Co-advisor)\n"
        "## Past Students\n- Sadık Akgedik — Undergraduate Researcher\n"
    )
    report = import_roster(text)
    assert not report.counts["refused"], report.rows
    assert stint("Sanem Arslan Yılmaz").role == "pi"
    tang = Person.objects.get(name_zh_hans="唐伟")
    assert tang.memberships.get().destination == "" and tang.title_zh_hans == "副教授/博导"
    assert stint("Orhan Güneş").role == "master" and stint("Zuhal Altuntaş").role == "phd"
    past = stint("Sadık Akgedik")
    assert past.role == "undergraduate" and past.end_on is not None and past.end_precision == "none"


def test_the_year_of_an_honour_wherever_it_stands_and_its_description_beneath():
    """ "Best Paper Award … in 2024 (4 out of 1000 submissions)", "National Scholarship 2012",
    "Title, Body, September 2013. (0.2%)", "(only 3 students)", and "**Title** (UMD), *2023*\\" with a
    "• description" line beneath: before, each was refused for "no year at the start"."""
    text = (
        "- Best Paper Award at DATE in 2024 (4 out of 1000 submissions)\n"
        "- National Scholarship 2012\n"
        "- China National Scholarship, Ministry of Education of China, September 2013. (0.2%)\n"
        "- Outstanding Graduate, Tsinghua University, 2016 (only 3 students)\n"
        "**Gustave J. Hokenson Fellowship** (UMD), *2023*\\\n"
        "• Nominated by the faculty for academic excellence.\\\n"
    )
    report = import_honors(text)
    assert report.counts["created"] == 5 and not report.counts["refused"], report.rows
    best = Honor.objects.get(year=2024)
    assert (best.title, best.note) == ("Best Paper Award at DATE", "4 out of 1000 submissions")
    assert Honor.objects.get(year=2012).title == "National Scholarship"
    china = Honor.objects.get(year=2013)
    assert (china.title, china.awarding_body, china.note) == (
        "China National Scholarship", "Ministry of Education of China", "0.2%",
    )  # fmt: skip
    assert Honor.objects.get(year=2016).note == "only 3 students"
    fellowship = Honor.objects.get(year=2023)
    assert (fellowship.title, fellowship.awarding_body) == ("Gustave J. Hokenson Fellowship", "UMD")
    assert fellowship.note.startswith("Nominated by the faculty")
    assert import_honors(text).counts["created"] == 0

"""Shapes of rosters and honours pages from labs the importers were not written against (the corpus in
tests/data/corpus; each test names the shape it stands for)."""

import datetime
from pathlib import Path

import pytest

from people.honors import import_honors
from people.models import Honor, Person
from people.roster import import_roster
from publications.models import Authorship

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


def test_dates_anywhere_in_a_roster_line_and_what_is_not_a_destination():
    """Shapes of unseen labs' rosters: `from Sep 2022 to Dec 2025` (8 alumni refused before), `since
    Sep 2024`, "B.E. from Fudan University" (stored as the destination), "(Ph.D. student. Co-advised
    with Prof. Li)", "Current: Software Engineer, Alibaba Group", "Renjing Hou 侯人靖(2023): High-level
    synthesis" (the topic stored as the destination), full stops of "Co., Ltd." kept, "To be added"."""
    text = (
        "## PhD Students 博士研究生\n"
        "- Renjing Hou 侯人靖(2023): High-level synthesis\n"
        "- Wei Zhang (Ph.D. student. Co-advised with Prof. Li)\n"
        "- Ming Li, B.E. from Fudan University, since Sep 2024\n"
        "- To be added\n"
        "- 王五（2026）\n"
        "## Alumni\n"
        "- Alice Wang, from Sep 2022 to Dec 2025, Current: Software Engineer, Alibaba Group\n"
        "- Bob Chen (2021-2024), now at Huawei Technologies Co., Ltd.\n"
        "Carl Du, MS @ Brown University, 2025<br>\n"
    )
    report = import_roster(text)
    assert report.counts["created"] == 7 and not report.counts["refused"], report.rows
    assert any(row.reason == "a placeholder, not a person" for row in report.rows)
    hou = Person.objects.get(name_zh_hans="侯人靖").memberships.get()
    assert (hou.role, hou.start_on.year, hou.destination) == ("phd", 2023, "")
    assert stint("Wei Zhang").destination == ""
    ming = stint("Ming Li")
    assert (ming.start_on, ming.start_precision, ming.destination) == (datetime.date(2024, 9, 1), "month", "")
    alice = stint("Alice Wang")
    assert (alice.start_on, alice.end_on) == (datetime.date(2022, 9, 1), datetime.date(2025, 12, 31))
    assert alice.destination_en == "Software Engineer, Alibaba Group"
    assert stint("Bob Chen").destination_en == "Huawei Technologies Co., Ltd."
    carl = stint("Carl Du")
    assert (carl.end_on.year, carl.destination_en) == (2025, "MS @ Brown University")
    assert Person.objects.get(name_zh_hans="王五").memberships.get().start_on.year == 2026


def test_people_a_roster_adds_are_linked_to_the_papers_stored_before_them():
    """Before, a roster's new people were linked to their papers only when the papers were imported
    again; and a supervisor's own page records them as the supervisor's students."""
    from publications.importers import import_publications

    paper = "@article{a, title={Fast PIM}, author={Ann Quin and Bo Reyes}, journal={J}, year={2024}}"
    import_publications(paper, "bibtex")
    owner = Person.objects.create(slug="prof", name="Cara Diaz", name_en="Cara Diaz", role="pi")
    report = import_roster(
        "## PhD students\n- Ann Quin (2022)\n## Alumni\n- Bo Reyes (2019-2023)\n", supervisor=owner
    )
    assert report.counts["created"] == 2
    names = dict(Authorship.objects.values_list("name", "person__name_en"))
    assert names == {"Ann Quin": "Ann Quin", "Bo Reyes": "Bo Reyes"}
    assert stint("Bo Reyes").supervisions.get().supervisor == owner


def test_initials_with_a_middle_initial_are_not_a_member_with_one_given_name():
    """ "Li, H. R." was linked to the member Haomin Li on initials alone; "L.-M. Rousseau" is still
    Louis-Martin Rousseau and "H. Li" still Haomin Li."""
    from people.names import NameIndex

    index = NameIndex([(1, ["Haomin Li"], "", ""), (2, ["Louis-Martin Rousseau"], "", "")])
    assert index.match("Li, H. R.").person_id is None
    assert index.match("H. Li").person_id == 1
    assert index.match("L.-M. Rousseau").person_id == 2


CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def test_people_as_html_cards_a_name_in_bold_and_the_line_beneath_it():
    """A real lab's page (dev corpus, CUHK): `<div class="person-card">…<b>Name</b><br>MAE Ph.D (2022
    Fall)` under `## Post Doc` and `## Ph.D. Students`, a name in bold around a link, and the professor
    named in the heading itself (`## Professor: LIU Yun-Hui`). 2 of 11 people were read before."""
    report = import_roster((CORPUS / "dev/people/cuhk-legged-robot-people.md").read_text(encoding="utf-8"))
    assert report.counts["created"] == 11 and not report.counts["skipped"]
    assert stint("LIU Yun-Hui").role == "faculty"
    assert stint("Cao Hanwen").role == "postdoc"
    assert (stint("Dong Jinhu").role, stint("Dong Jinhu").start_on.year) == ("phd", 2022)
    assert stint("Dong Jinhu").destination == ""  # "MAE Ph.D (2022 Fall)" is the programme and its start
    hongbo = Person.objects.get(name_en="Zhang Hongbo")
    assert hongbo.homepage == "https://lifelongyuan.github.io/personal_pages/"
    assert stint("Liu Diwen").start_on.year == 2026


def test_a_position_under_no_heading_is_a_member_of_the_faculty():
    """The shape of an al-folio owner's line: "Tenured Full Professor | Doctoral supervisor" was read as
    a PhD student (the word "Doctoral") or as naming no role."""
    report = import_roster("- Jane Doe, Tenured Full Professor | Doctoral supervisor\n- Bo Li, PhD student\n")
    assert report.counts["created"] == 2
    jane = Person.objects.get(name_en="Jane Doe")
    assert (stint("Jane Doe").role, jane.title) == ("faculty", "Tenured Full Professor | Doctoral supervisor")
    assert stint("Bo Li").role == "phd"


def test_what_is_left_of_a_template_names_nobody():
    """A members page that loops over the site's member pages leaves "→" where a name would be."""
    report = import_roster(
        "## Past Members\n\n- <a href=''> </a> → \n- Ada Quin, PhD 2020, now at Example Labs\n"
    )
    assert report.counts["created"] == 1 and Person.objects.count() == 1

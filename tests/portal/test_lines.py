"""The one reader of line-based lists (portal.lines), and what each importer gains from it: a shape the
reader learns (an underlined heading, a table, a comment over several lines) is read by the roster,
news, honours and publication-list importers alike."""

import pytest

from news.importers import parse_news
from people.honors import parse_honors
from people.models import Role
from people.roster import parse_roster
from portal.lines import read_lines
from publications.importers.markdown import parse_markdown_list

LIST = """---
title: Our lab
layout: page
---
Members
=======

Faculty
-------
- **Prof. Li Wei** (2010–)
  - Now also at the institute
<!-- a member who asked to be left out
- Someone Hidden
-->
| Name | Years |
|:-----|------:|
| Zhang San | 2020–2024 |

## 2024年 ##
1) [C1] First entry
• a bullet
Some prose
***
{% include footer.html %}
<script src="counter.js"></script>
"""


def test_each_line_says_what_it_is_and_which_headings_it_is_under():
    lines = list(read_lines(LIST))
    assert [(line.number, line.kind, line.text) for line in lines] == [
        (5, "heading", "Members"),
        (8, "heading", "Faculty"),
        (10, "item", "**Prof. Li Wei** (2010–)"),
        (11, "item", "Now also at the institute"),
        (15, "header", "Name | Years"),
        (17, "row", "Zhang San | 2020–2024"),
        (19, "heading", "2024年"),
        (20, "item", "[C1] First entry"),
        (21, "item", "a bullet"),
        (22, "text", "Some prose"),
    ]
    by_number = {line.number: line for line in lines}
    assert [heading.text for heading in by_number[10].headings] == ["Members", "Faculty"]
    assert (by_number[8].level, by_number[19].level) == (2, 2)
    assert by_number[11].indent == 2 and by_number[10].indent == 0
    assert by_number[17].cells == ["Zhang San", "2020–2024"]
    assert [heading.text for heading in by_number[20].headings] == ["Members", "2024年"], (
        "a level-2 heading ends another"
    )
    assert (by_number[20].year, by_number[10].year, by_number[20].marker) == (2024, None, "1)")
    assert by_number[20].place == "line 20" and by_number[17].is_item and not by_number[22].is_item


@pytest.mark.parametrize(
    "heading, year, alone",
    [
        ("2024", 2024, True),
        ("**2024年**", 2024, True),
        ("Publications in 2019", 2019, False),
        ("Talks", None, False),
    ],
)
def test_a_heading_names_its_year(heading, year, alone):
    line = list(read_lines(f"## {heading}\n- item\n"))[1]
    assert line.year == year and line.heading.is_year is alone


def test_a_rule_or_an_empty_file_is_nothing():
    assert list(read_lines("")) == [] and list(read_lines("---\n\n***\n- - -\n")) == []


def test_a_roster_with_underlined_headings_and_a_hidden_member():
    entries, skipped = parse_roster(LIST.split("| Name")[0])
    assert [(entry.name, entry.role) for entry in entries] == [("Li Wei", Role.FACULTY)]
    assert skipped == []


def test_news_kept_in_a_table_under_an_underlined_year():
    text = "News\n====\n\n| Date | What |\n|---|---|\n| 2024.07 | Paper accepted at MICRO |\n"
    entries, skipped = parse_news(text)
    assert [(entry.date.isoformat(), entry.text, entry.place) for entry in entries] == [
        ("2024-07-01", "Paper accepted at MICRO", "line 6")
    ]
    assert skipped == []


def test_news_months_take_the_year_heading_above_a_subheading():
    entries, _skipped = parse_news("## 2023\n### Awards\n- **November**: Best paper at ICCAD\n")
    assert [(entry.date.isoformat(), entry.text) for entry in entries] == [
        ("2023-11-01", "Best paper at ICCAD")
    ]


def test_honours_with_bullets_and_a_comment_over_several_lines():
    text = "Honours\n-------\n<!--\n- 2019 Not this one\n-->\n• 2024 Best Paper Award, DAC 2024\n"
    entries, skipped = parse_honors(text)
    assert [(entry.place, entry.year) for entry in entries] == [("line 6", 2024)]


def test_a_publication_list_under_underlined_year_headings():
    text = (
        "2024\n----\n"
        "1. Li Wei, Zhang San. A Processing-in-Memory Accelerator. In DAC 2024.\n\n"
        "2023\n----\n"
        "- Zhang San. Near-Data Processing for Graphs. In MICRO 2023.\n"
    )
    entries, skipped = parse_markdown_list(text)
    assert sorted((entry.year, entry.title) for entry in entries) == [
        (2023, "Near-Data Processing for Graphs"),
        (2024, "A Processing-in-Memory Accelerator"),
    ]
    assert skipped == []


def test_a_comment_hides_what_it_holds_wherever_it_starts():
    """Labs comment out people and news in the middle of a line, over several lines: the lines inside
    were read as entries (and the comment's start cut the line it began on into the report)."""
    text = "## PhD\n- Ada Quin (2021) <!-- left in 2023\n- Bo Reyes (2020)\n-->\n- Cy Wu (2022)\n"
    text += "<!-- unclosed\n- Di"
    lines = list(read_lines(text))
    assert [(line.number, line.text) for line in lines] == [
        (1, "PhD"),
        (2, "Ada Quin (2021)"),
        (5, "Cy Wu (2022)"),
    ]

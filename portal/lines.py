"""One reader for the line-based lists labs keep: a roster, news, honours, a publication list.

A file is read once into lines that say what they are: a heading (with its level), a list item (with
its marker and indent), a table row (its cells), or text. Every line carries the headings above it,
outermost first, so an importer asks `line.year` or `line.headings` instead of keeping its own state.
What is never content is left out here, for every importer alike: blank lines, front matter, HTML
comments (on one line or several), rules, bare layout tags and template tags.

Markdown's two heading styles are read (`## 2024` and a line underlined with `===` or `---`), as are
the list markers `-`, `*`, `+`, `•`, `1.` and `1)`, and pipe tables (their separator row dropped,
their first row marked as the table's header).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# "## 2024", and "##Top" as labs write it too (two hashes or more: "#tag" is no heading)
HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|(?<=##)(?=[^\s#]))(.*?)\s*#*\s*$")
UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
ITEM = re.compile(r"^(\s*)([-*+•]|\d+[.)])\s+(.*\S)\s*$")
RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
# A line that begins with a script, style, div, br or hr tag is layout; other tags only when alone.
LAYOUT_TAG = re.compile(
    r"^<(?:/?(?:script|style|div)|br|hr)\b|^</?(?:span|section|p|center|table|thead|tbody)\b[^>]*>$", re.I
)
TEMPLATE_TAG = re.compile(r"^\{[%{#].*[%}#]\}$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str

    @property
    def year(self) -> int | None:
        """The year the heading names ("## 2024", "### 2024年", "Publications in 2019"), if one."""
        found = YEAR.search(self.text)
        return int(found.group(1)) if found else None

    @property
    def is_year(self) -> bool:
        """The heading is a year and nothing else ("## 2024", "**2024年**")."""
        return bool(re.fullmatch(r"\W*((?:19|20)\d\d)\s*年?\W*", self.text))


@dataclass
class Line:
    number: int  # in the file, from 1
    kind: str  # "heading", "item", "row", "header" (a table's first row), "text" or "blank"
    text: str  # without the list marker, the heading's hashes, the row's pipes
    raw: str  # the line as written
    indent: int = 0
    marker: str = ""
    level: int = 0  # a heading's
    cells: list[str] = field(default_factory=list)
    headings: tuple[Heading, ...] = ()  # those above the line, outermost first

    @property
    def place(self) -> str:
        return f"line {self.number}"

    @property
    def is_item(self) -> bool:
        """A list item or a table row: an entry of the list, where text lines are prose or go on."""
        return self.kind in ("item", "row")

    @property
    def year(self) -> int | None:
        """The year named by the nearest heading above that names one."""
        return next((heading.year for heading in reversed(self.headings) if heading.year), None)

    @property
    def heading(self) -> Heading | None:
        """The heading the line is under (the innermost)."""
        return self.headings[-1] if self.headings else None


def front_matter_end(lines: list[str]) -> int:
    """How many lines the YAML front matter at the top takes (0 for none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    return next((index + 1 for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), 0)


def table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


HTML_BLOCKS = re.compile(r"<(?:li|tr|h[1-6]|b|strong)\b", re.I)


class HtmlToLines(HTMLParser):
    """HTML lists, tables and headings written into a Markdown page, as the Markdown lines they stand
    for: `<li>` (over as many lines as it takes) an item, `<tr>` an item of its cells joined by ", "
    (a row of `<th>` only, the header, left out), `<h2>` a heading, `<br>` a line end, `<b>` bold, `<a
    href="https://…">words</a>` a link; the text of the rest is kept, its other tags dropped. (An item
    over several lines becomes one: the lines after it are numbered as they now stand.)"""

    HEADINGS = {f"h{level}": level for level in range(1, 7)}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.inside = 0  # within an item or a heading: its lines run together
        self.cells: list[str] | None = None
        self.link: str = ""
        self.row_start = 0
        self.after_break = False

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.out.append("\n- ")
            self.inside += 1
        elif tag == "tr":
            self.row_start = len(self.out)
            self.out.append("\n- ")
            self.inside += 1
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.out.append(", " if self.cells else "")
            self.cells.append(tag)
        elif tag in self.HEADINGS:
            self.out.append("\n" + "#" * self.HEADINGS[tag] + " ")
            self.inside += 1
        elif tag == "br":
            self.out.append("\n")
            self.after_break = True
        elif tag in ("b", "strong"):
            self.out.append("**")
            self.inside += 1
        elif tag in ("p", "div"):
            self.out.append("\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href if href.startswith(("http://", "https://")) else ""
            self.out.append("[" if self.link else "")

    def handle_endtag(self, tag):
        if tag in ("li", "tr") or tag in self.HEADINGS:
            self.inside = max(0, self.inside - 1)
            self.out.append("\n")
            if tag == "tr":
                if self.cells and set(self.cells) == {"th"}:  # the header row names columns, no one
                    del self.out[self.row_start :]
                self.cells = None
        elif tag in ("b", "strong"):
            self.inside = max(0, self.inside - 1)
            self.out.append("**")
        elif tag == "a" and self.link:
            self.out.append(f"]({self.link})")
            self.link = ""
        elif tag in ("ul", "ol", "table", "p", "div"):
            self.out.append("\n")

    def handle_data(self, data):
        if self.after_break:  # "<b>Name</b><br>\n  MAE Ph.D": the break is the line's end, once
            data, self.after_break = re.sub(r"^[ \t]*\n", "", data), False
        if self.inside or self.link:
            data = " ".join(data.split()) and f" {' '.join(data.split())} "
        self.out.append(data)

    def text(self) -> str:
        text = "".join(self.out)
        text = re.sub(r"\[\s+", "[", re.sub(r"\s+\]\(", "](", text))  # "[ Name ](…)"
        text = re.sub(r"[ \t]+,", ",", text)
        text = re.sub(r"\*\*[ \t]*([^*\n]*?)[ \t]*\*\*", r"**\1**", text)  # "** Name **" -> "**Name**"
        text = re.sub(r"\*\*\*\*", "", text)
        return "\n".join(re.sub(r"^(\s*(?:-|#+)) {2,}", r"\1 ", line).rstrip() for line in text.split("\n"))


def flatten_html(text: str) -> str:
    """Text whose lists, tables and headings are HTML, as Markdown lines; other text as it was."""
    if not HTML_BLOCKS.search(text):
        return text
    parser = HtmlToLines()
    parser.feed(text)
    parser.close()
    return parser.text()


def read_lines(text: str, *, blanks: bool = False) -> Iterator[Line]:
    """The lines of a list that say something, each with what it is and the headings above it; with
    `blanks`, blank lines too (kind "blank"), for lists where a blank line ends an entry. HTML lists,
    tables and headings in the page are read as the Markdown they stand for."""
    # a comment hides what it holds wherever it starts ("- Ada <!-- left in 2023") and its lines keep
    # their numbers
    text = re.sub(r"(?s)<!--.*?(?:-->|$)", lambda comment: "\n" * comment.group().count("\n"), text)
    lines = flatten_html(text).splitlines()
    headings: list[Heading] = []
    start = front_matter_end(lines)
    previous_row = False
    for index in range(start, len(lines)):
        raw, number = lines[index], index + 1
        stripped = raw.strip()
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not stripped or LAYOUT_TAG.match(stripped) or TEMPLATE_TAG.match(stripped):
            previous_row = False
            if blanks and not stripped:
                yield Line(number, "blank", "", raw, headings=tuple(headings))
            continue
        if (found := HEADING.match(raw)) or (
            UNDERLINE.match(following) and not ITEM.match(raw) and not stripped.startswith("|")
            and not UNDERLINE.match(raw) and not RULE.match(raw)
        ):  # fmt: skip
            level = len(found.group(1)) if found else (1 if following.strip().startswith("=") else 2)
            heading = Heading(level, found.group(2) if found else stripped)
            headings = [kept for kept in headings if kept.level < level] + [heading]
            previous_row = False
            yield Line(number, "heading", heading.text, raw, level=level, headings=tuple(headings[:-1]))
            continue
        if RULE.match(raw) or UNDERLINE.match(raw):
            previous_row = False
            continue
        if stripped.startswith("|") or (previous_row and "|" in stripped):
            if TABLE_SEPARATOR.match(stripped):
                continue
            cells = table_cells(stripped)
            header = not previous_row and TABLE_SEPARATOR.match(following.strip() or "x") is not None
            previous_row = True
            text_of_row = " | ".join(cell for cell in cells if cell)
            if text_of_row:
                yield Line(number, "header" if header else "row", text_of_row, raw, cells=cells,
                           headings=tuple(headings))  # fmt: skip
            continue
        previous_row = False
        indent = len(raw) - len(raw.lstrip())
        if item := ITEM.match(raw):
            yield Line(number, "item", item.group(3), raw, indent, item.group(2), headings=tuple(headings))
        else:
            yield Line(number, "text", stripped, raw, indent, headings=tuple(headings))

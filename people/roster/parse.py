"""Reading a roster page into entries: headings, names, roles, periods, supervision, destinations."""

import functools
import re
from dataclasses import dataclass, field

from portal.imports import MONTHS
from portal.lines import Heading, Line, read_lines
from portal.models import MAX_YEAR, MIN_YEAR

from ..models import Role
from ..names import CJK
from .words import (
    ABBREVIATED,
    ALUMNI_HEADING,
    ANY_LINK,
    CO_SUPERVISED,
    DASH,
    DEGREES,
    EARLIER_DEGREE,
    FROM_TO,
    LINK,
    MONTH_YEAR,
    NOW,
    PERIOD,
    PLACEHOLDER,
    POSITION,
    PROGRAMME,
    ROLE_HEADINGS,
    ROLE_WORDS,
    SENTENCE_STOP,
    SUPERVISED,
    WITH,
)


def dated(text: str) -> str:
    """Month names as numbers and "from … to …" as a range, for the period reader: "from Sep 2022 to
    Dec 2025" is 2022.09-2025.12, "since Sep 2024" since 2024.09, "2022 Fall" Fall 2022."""
    text = MONTH_YEAR.sub(lambda m: f"{m.group(2)}.{MONTHS[m.group(1).casefold()]:02d}", text)
    text = re.sub(
        r"(?i)^((?:19|20)\d\d)\s+(spring|summer|fall|autumn|winter)$", r"\2 \1", text
    )  # "2022 Fall"
    return FROM_TO.sub(r"\1-\2", text)


def without_stop(text: str) -> str:
    """The text without its closing full stop, unless the stop ends an abbreviation ("Co., Ltd.")."""
    text = text.strip()
    return text if ABBREVIATED.search(text) else text.rstrip(".").strip()


HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|ms|mrs)\.?\s+", re.I)
TAG = re.compile(r"<[^>]*>")


@dataclass
class RosterEntry:
    place: str
    name: str
    role: str  # Role; MEMBER when the roster does not say
    is_alumnus: bool
    name_en: str = ""
    name_zh_hans: str = ""
    homepage: str = ""
    start: tuple[int, int | None] | None = None  # (year, month)
    end: tuple[int, int | None] | None = None
    supervision: str = ""  # "main", "co" or ""
    degree: str = ""
    destination: str = ""
    destination_url: str = ""
    title: str = (
        ""  # a current member's position as the page prints it ("副教授/博导", "Associate Professor")
    )
    co_supervisors: list[str] = field(default_factory=list)  # named with the supervision ("with A. B")
    broad: bool = (
        False  # the role is the heading's broad one ("Faculty", "Graduate students"): the item may narrow it
    )
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        def text(point):
            return "" if point is None else f"{point[0]}" + (f".{point[1]:02d}" if point[1] else "")

        period = (
            f"{text(self.start)}–{text(self.end)}" if (self.start or self.end or not self.is_alumnus) else ""
        )
        return f"{self.name} — {Role(self.role).label}{(' ' + period) if period else ''}"


@functools.lru_cache(maxsize=256)
def heading_role(text: str) -> tuple[str | None, bool]:
    """(role, is alumni) a heading names; (None, False) for a heading that names neither."""
    folded = " ".join(text.casefold().replace("*", " ").split())
    role = next((role for role, pattern in ROLE_HEADINGS if re.search(pattern, folded)), None)
    return role, bool(ALUMNI_HEADING.search(folded))


def split_names(name: str) -> tuple[str, str]:
    """(English, Chinese) of "Zhuoran Song (宋卓然)", "宋卓然 Zhuoran Song", "宋卓然/Zhuoran Song"."""
    chinese = "".join(CJK.findall(name))
    latin = " ".join(re.sub(r"[\u3400-\u9fff\uf900-\ufaff()（）/|·]", " ", name).split())
    return latin, chinese


def parse_point(year: str, month: str | None, place_problems: list[str]) -> tuple[int, int | None] | None:
    number = int(year)
    if not MIN_YEAR <= number <= MAX_YEAR:
        place_problems.append(f"the year {number} is not between {MIN_YEAR} and {MAX_YEAR}")
        return None
    if month is not None and not 1 <= int(month) <= 12:
        place_problems.append(f"the month {month} is not a month")
        return None
    return number, int(month) if month else None


def split_groups(text: str) -> tuple[str, list[str]]:
    """The text outside top-level parentheses, and what each holds; a Markdown link's "(url)" is
    part of the text it is in, and brackets nest ("(2025, [SJTU](https://…))")."""
    outside, groups, depth, current = [], [], 0, []
    for index, char in enumerate(text):
        if char in "(（" and not (depth == 0 and index and text[index - 1] == "]"):
            if depth:
                current.append(char)
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
            if depth:
                current.append(char)
            else:
                groups.append("".join(current))
                current = []
                outside.append(" ")
        elif depth:
            current.append(char)
        else:
            outside.append(char)
    return "".join(outside), groups


def split_parts(text: str) -> list[str]:
    """Comma- and semicolon-separated parts (and sentences: "Ph.D. student. Co-advised with …"), not
    splitting inside a Markdown link's text."""
    text = SENTENCE_STOP.sub("; ", text)
    return [
        part.strip().strip("*_ ").strip()
        for part in split_parts_on(text, ",，;；")
        if part.strip().strip("*_ ")
    ]


def split_parts_on(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += {"[": 1, "]": -1, "(": 1, ")": -1}.get(char, 0)
        if char in separators and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def link_text(text: str) -> tuple[str, str]:
    """Text with its Markdown links as their words, and the first link's address."""
    first = ANY_LINK.search(text)
    return " ".join(ANY_LINK.sub(r"\1", text).split()), (first.group(2) if first else "")


def take_name(text: str) -> tuple[str, str, str]:
    """(name, homepage, the rest) of an item: the bold or italic name that leads it, a leading link, or
    the words before the first parenthesis, comma or dash."""
    if marked := re.match(r"^(\*\*|__|\*|_)(?P<name>(?:\[[^\]]*\]\([^)]*\)|[^*_])+?)\1(?P<rest>.*)$", text):
        name, rest = marked.group("name").strip(), marked.group("rest")
    elif linked := re.match(r"^\[(?P<name>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)(?P<rest>.*)$", text):
        name, rest = linked.group("name"), linked.group("rest")
        name = re.sub(r"\*\*|__|^\*|\*$", "", name).strip()
        return HONORIFIC.sub("", name), linked.group("url"), rest
    else:
        outside, _groups = split_groups(text)
        cut = re.search(r"[(（,，:：]|\s[-–—]\s", text)
        name, rest = (text[: cut.start()], text[cut.start() :]) if cut else (text, "")
    if link := LINK.match(name.strip(" *`")):  # "**[Name](…/personal_pages/)**": the address as written
        return HONORIFIC.sub("", re.sub(r"[*_`]", "", link.group(1)).strip()), link.group(2), rest
    name = " ".join(re.sub(r"[*_`]", "", name).split()).strip(" -–—:：")
    if link := LINK.match(name):
        return HONORIFIC.sub("", link.group(1).strip()), link.group(2), rest
    return HONORIFIC.sub("", name), "", rest


def parse_entry(
    text: str, place: str, role: str, is_alumnus: bool, role_required: bool = False, broad: bool = False
) -> RosterEntry:
    """One roster item. `role`: what the heading says (MEMBER: nothing); `role_required`: under no role
    or alumni heading, so the item must say its role."""
    text = " ".join(TAG.sub(" ", text).split())
    lead = []
    if bracket := re.match(r"^\[(?P<inside>[^\]]*)\](?!\()\s*", text):  # "[2024, Master student] **Name**"
        lead, text = [bracket.group("inside")], text[bracket.end() :]
    name, homepage, rest = take_name(text.strip())
    entry = RosterEntry(
        place=place, name=name, role=role, is_alumnus=is_alumnus, homepage=homepage, broad=broad
    )
    entry.name_en, entry.name_zh_hans = split_names(entry.name)
    if not entry.name:
        entry.problems.append("no name")
    elif len(entry.name) > 200:
        entry.problems.append("the name is longer than 200 characters")
    destination, url, parts = split_item(re.sub(r"\*\*|__", "", rest), lead)
    unread = [
        bare
        for part in parts
        if (bare := without_stop(part.strip().strip("*_ "))) and not read_part(entry, bare)
    ]
    if unread and not destination:
        destination, url = link_text(", ".join(unread))
    elif unread:
        entry.warnings.append(f"{', '.join(unread)!r} is not a year, a role or a supervision: left out")
    if destination and not entry.is_alumnus and destination.lstrip().startswith((":", "：")):
        topic = destination.lstrip(" :：")  # "Renjing Hou 侯人靖(2023): High-level synthesis"
        entry.warnings.append(f"{topic!r} is what they work on, not where they went: left out")
        destination = ""
    if destination and not entry.is_alumnus and POSITION.search(destination):
        entry.title, destination = (
            destination[:300],
            "",
        )  # "**唐 伟 副教授/博导**": their title, not a destination
        if entry.role == Role.MEMBER:  # "Tenured Full Professor | Doctoral supervisor" under no heading
            entry.role = (
                Role.PI if re.search(r"(?i)\b(?:head|director)\b|负责人", entry.title) else Role.FACULTY
            )
    if destination:
        entry.destination, entry.destination_url = destination, url
        if not entry.is_alumnus:
            entry.warnings.append(f"{destination!r} is not a year or a supervision: kept as the destination")
    if role_required and entry.role == Role.MEMBER:
        entry.problems.append("no role: neither its heading nor the item says one (## PhD students, Postdoc)")
    if entry.is_alumnus and entry.end is None:
        entry.warnings.append("an alumnus without the year they left: kept as having left by now")
    if entry.start and entry.end and entry.end < entry.start:
        entry.problems.append("the stint ends before it starts")
    if len(entry.destination) > 300:
        entry.problems.append("the destination is longer than 300 characters")
    return entry


def split_item(rest: str, lead: list[str]) -> tuple[str, str, list[str]]:
    """(destination, its link, the parts to read) of what follows an item's name: a "Now …" sentence
    or a " - …" after the parentheses is where an alumnus went; details appended with "; " are read
    like the rest."""
    destination, url = "", ""
    parts = [part for group in lead for part in split_parts(group)]
    for number, segment in enumerate(split_parts_on(rest, ";；")):
        if number and (co := CO_SUPERVISED.match(segment.strip(" ."))):  # a detail: "Co-supervised with …"
            parts.append(co.group(0))
            continue
        if now := NOW.search(segment):  # "… 2023. Now Postdoctoral researcher at the [University](…)."
            if not destination:
                destination, url = link_text(without_stop(now.group("where")))
            segment = segment[: now.start()]
        outside, groups = split_groups(segment)
        pieces = DASH.split(outside)
        parts += split_parts(pieces[0]) + [part for group in groups for part in split_parts(group)]
        for after in pieces[1:]:  # " - co-supervision with A. Legrain", " - Data scientist at Ivado Labs"
            after = without_stop(after)
            said = after.split(" (")[0]
            if (
                CO_SUPERVISED.match(after)
                or SUPERVISED.match(after)
                or PROGRAMME.match(said)
                or any(words.match(said) for _role, words in ROLE_WORDS)
            ):
                parts += split_parts(after)  # " - Master Student", " — PhD Student (Co-advisor)"
            elif after and not destination:
                destination, url = link_text(after)
    return destination, url, parts


def read_part(entry: RosterEntry, text: str) -> bool:
    """Read one part of an item into the entry: a supervision, a period, a programme ("Ph.D. started in
    2022"), a role word; whether it was one of them."""
    if co := CO_SUPERVISED.match(text) or WITH.match(text):
        entry.supervision = "co"
        if co.group("with"):
            names = re.split(r",|\band\b|&|、|和", link_text(co.group("with"))[0])
            entry.co_supervisors += [name.strip(" .") for name in names if name.strip(" .")]
    elif SUPERVISED.match(text):
        entry.supervision = "main"
    elif period := PERIOD.match(dated(text)):
        read_period(entry, period, dated(text))
    elif not entry.is_alumnus and EARLIER_DEGREE.match(text):
        entry.warnings.append(f"{text!r} is where they studied before: left out")
    elif programme := PROGRAMME.match(text):
        degree, role = next(
            (d, r) for d, r, pattern in DEGREES if re.fullmatch(pattern, programme.group("what"), re.I)
        )
        if entry.role == Role.MEMBER or entry.broad:
            entry.role, entry.broad = role, False
        if entry.is_alumnus and entry.role == role:
            entry.degree = degree  # an alumnus's programme is the degree they left with
        if programme.group("year"):
            point = parse_point(programme.group("year"), None, entry.problems)
            began = programme.group("how") in ("started in", "starting in", "starts in", "since", "from")
            if began or not entry.is_alumnus:
                entry.start = point
            else:
                entry.end = point
    elif (entry.role == Role.MEMBER or entry.broad) and (
        word := next((r for r, w in ROLE_WORDS if w.match(text)), None)
    ):
        entry.role, entry.broad = word, False
    else:
        return False
    return True


def read_period(entry: RosterEntry, period: re.Match[str], text: str) -> None:
    first = parse_point(period.group(1), period.group(2), entry.problems)
    second = parse_point(period.group(4), period.group(5), entry.problems) if period.group(4) else None
    if period.group("dash"):  # a range, open or closed
        entry.start, entry.end = first, second
        if second:
            entry.is_alumnus = True  # "2019-2022": the stint has ended, whatever the heading
        else:
            entry.is_alumnus = False  # "2023 - current"
    elif re.match(r"(?i)since\b", text) or not entry.is_alumnus:
        entry.start = first  # "(2025)" under a role: the year they joined
    else:
        entry.end = first  # "(2024)" under alumni: the year they left


NAME_LINK = re.compile(r"\[(?P<name>[^\]]{1,80})\]\((?P<url>[^)\s]*)\)")
BOLD_LINE = re.compile(r"^(\*\*|__)(?P<name>\[[^\]]{1,80}\]\([^)\s]*\)|[^*_]{1,80})\1(?P<rest>.*)$")
CJK_TITLE = re.compile(
    r"\s*(?:副?教授|讲师|副?研究员|助理研究员|博导|硕导|博士生导师|硕士生导师)[/／、,，\s]*"
)


def one_per_name(line: Line) -> list[str]:
    """The items a line stands for: itself, or one per person where it names several — links side by
    side ("[张三](…)  [李四](…)"), names joined by "、" (张三、李四、王五)."""
    links = list(NAME_LINK.finditer(line.text))
    if len(links) > 1 and not NAME_LINK.sub("", line.text).strip(" ,，、;；|·/"):
        return [link.group(0) for link in links]
    parts = [part.strip() for part in re.split(r"[、，,]\s*", line.text)]
    if len(parts) > 1 and all(re.fullmatch(r"[\u3400-\u9fff·]{2,5}", part) for part in parts):
        return parts
    return [line.text]


HEADING_PERSON = re.compile(
    r"^(?P<role>[^:：]{2,40})[:：]\s*(?P<name>[^\W\d_][\w.' -]{1,60}|[\u3400-\u9fff·]{2,8})$"
)
# the short line under a name in bold, on a card of its own: "MAE Ph.D (2022 Fall)", not a sentence
CARD_DETAIL = re.compile(r"^(?!.*[.!?。！？]\s)[^|]{1,80}$")


def person_line(line: Line) -> str | None:
    """A text line that names a person as a list item would: "**Dr. Name** — Principal Investigator",
    "**唐 伟 副教授/博导**", "[张三](…)  [李四](…)"; None for prose."""
    text = line.text.rstrip(" \\")
    if bold := BOLD_LINE.match(text):
        name, rest = bold.group("name").strip(), bold.group("rest")
        if CJK.search(name) and (title := CJK_TITLE.search(name)):  # "唐 伟 副教授/博导"
            name, rest = name[: title.start()], f" ({name[title.start() :].strip(' /、')}){rest}"
        name = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", name)
        if len(name.split()) <= 6 and not re.search(r"[.!?。！？:：]$", name):
            return f"**{name}**{rest}"
    if NAME_LINK.match(text) and not NAME_LINK.sub("", text).strip(" ,，、;；|·/"):
        return text
    return None


def parse_roster(text: str) -> tuple[list[RosterEntry], list[tuple[str, str, str]]]:
    """The entries of a roster, and (place, text, why) of items under no role or alumni heading that
    say no role either. An item indented under another ("  - Now PhD student at …") belongs to it; a
    line that is only a year ("2025", "2024级") under a role heading is the year the people below it
    began; a text line that names people in bold or as links is read as items."""
    items: list[tuple[Line, str, list[str], int | None]] = []  # item, its text, its details, its cohort
    skipped: list[tuple[str, str, str]] = []
    block = 0
    cohort: int | None = None
    for line in read_lines(text):
        if line.kind == "heading":
            block, cohort = len(items), None  # an item below a heading is never a detail of one above it
            if (person := HEADING_PERSON.match(line.text)) and heading_role(person.group("role"))[0]:
                # "## Professor: LIU Yun-Hui": the heading names its one person
                under = (*line.headings, Heading(line.level, person.group("role")))
                heading_line = Line(line.number, "text", person.group("name"), "", headings=under)
                items.append((heading_line, person.group("name"), [], None))
            continue
        if year := re.fullmatch(r"\W*((?:19|20)\d\d)\s*(?:级|届|cohort)?\W*", line.text):
            cohort = int(year.group(1))
            continue
        if not line.is_item and re.search(r"(?i)<br\s*/?>\s*$", line.raw):  # "Name, MS @ Brown, 2025<br>"
            line = Line(line.number, "item", re.sub(r"(?i)<br\s*/?>\s*$", "", line.text), line.raw,
                        line.indent, headings=line.headings)  # fmt: skip
        if not line.is_item:
            if (person_text := person_line(line)) is None:
                if (
                    len(items) > block
                    and items[-1][0].number == line.number - 1
                    and CARD_DETAIL.match(line.text)
                ):
                    items[-1][2].append(line.text)  # "**Dong Jinhu**" / "MAE Ph.D (2022 Fall)": one card
                continue
            as_item = Line(line.number, "text", person_text, "")
            items += [(line, part, [], cohort) for part in one_per_name(as_item)]
            continue
        if len(items) > block and line.indent > items[-1][0].indent + 1:
            items[-1][2].append(line.text)  # a detail of the item above
            continue
        items += [(line, part, [], cohort) for part in one_per_name(line)]
    entries = []
    for line, text_of_item, details, cohort in items:
        body = "; ".join([text_of_item, *details])
        # (role, alumni) of the headings that apply, outermost first
        context = [heading_role(heading.text) for heading in line.headings]
        said = [heading for heading, _left in context if heading]
        alumni = any(left for _heading, left in context)
        named = bool(said) or alumni
        role = said[-1] if said else Role.MEMBER
        broad = role in ("graduate", Role.FACULTY)
        entry = parse_entry(body, line.place, Role.PHD if role == "graduate" else role, alumni,
                            role_required=not named, broad=broad)  # fmt: skip
        if PLACEHOLDER.match(entry.name):
            skipped.append((line.place, body[:80], "a placeholder, not a person"))
            continue
        if entry.name and not re.search(r"[^\W\d_]", entry.name):  # "→" left of a template's loop
            skipped.append((line.place, body[:80], "no name: marks only"))
            continue
        if not named and entry.role == Role.MEMBER:
            why = "not under a role or alumni heading, and it names no role"
            skipped.append((line.place, body[:80], why))
            continue
        if cohort and entry.start is None and not entry.is_alumnus:
            entry.start = (cohort, None)
        entries.append(entry)
    return entries, skipped

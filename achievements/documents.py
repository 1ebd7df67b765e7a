"""The annual report as files: a PDF (WeasyPrint, from the same HTML as the page, with a print
stylesheet and a CJK font) and a Word document (python-docx) institutes can edit.

Both are made from `report.annual_report` and kept in storage under the content version, language and
year, so an edit shows in the next download and an unchanged year is served as it was made. A PDF of a
large year takes seconds (about 2 s for 300 papers and 20 achievements on two cores, the Word file
0.5 s: scripts/bench_report.py; portal/pdf.py says where the time goes), so with a broker a worker
makes it while the page asking for it waits and refreshes.
"""

import contextlib
import io
import mimetypes
import re
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from portal.cache import version_token
from portal.pdf import collector_paused, css_urls, linked_urls, make_pdf
from portal.templatetags.portal import localized, punct

from .report import annual_report

FOLDER = "reports"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def stored_name(kind: str, year: int, language: str, staff: bool, version: str) -> str:
    """Where a made document is kept: in the storage all processes share (a worker makes the PDF, the
    web servers serve it), named by the content version it shows, so an edit makes a new one. The name
    is keyed with the site's secret: a staff copy (drafts included) cannot be guessed from outside."""
    digest = salted_hmac("annual-report", f"{version}|{staff}").hexdigest()[:24]
    return f"{FOLDER}/{year}-{language}-{'staff' if staff else 'public'}-{digest}.{kind}"


def stored_document(kind: str, year: int, language: str, staff: bool, version: str) -> bytes | None:
    name = stored_name(kind, year, language, staff, version)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def make_document(kind: str, year: int, language: str, staff: bool) -> str:
    """Make and keep the document of the current content; returns its stored name ("" when the year
    has nothing to report). Earlier versions of the same document are deleted."""
    from django.utils import translation

    version = version_token()
    name = stored_name(kind, year, language, staff, version)
    if default_storage.exists(name):
        return name
    with translation.override(language), collector_paused():
        report = annual_report(year, SimpleNamespace(is_staff=staff), version)
        if not report.achievements and not report.papers:
            return ""
        data = report_pdf(report, staff) if kind == "pdf" else report_docx(report)
    prefix = name.rsplit("-", 1)[0] + "-"
    with contextlib.suppress(FileNotFoundError, NotImplementedError):
        for old in default_storage.listdir(FOLDER)[1]:
            if f"{FOLDER}/{old}".startswith(prefix) and old.endswith(f".{kind}"):
                default_storage.delete(f"{FOLDER}/{old}")
    default_storage.save(name, io.BytesIO(data))
    return name


def local_file(url: str) -> tuple[bytes, str] | None:
    """(content, type) of a static or media file the report links to, or None."""
    path = unquote(urlsplit(url).path)
    static, media = "/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/")
    content = None
    if path.startswith(static):
        name = path[len(static) :]
        found = finders.find(name)
        if not found and settings.STATIC_ROOT:
            from django.contrib.staticfiles.storage import staticfiles_storage

            found = staticfiles_storage.path(name) if staticfiles_storage.exists(name) else None
        if found:
            with open(found, "rb") as handle:
                content = handle.read()
    elif path.startswith(media):
        name = path[len(media) :]
        if ".." not in name.split("/") and default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
    if content is None:
        return None
    return content, mimetypes.guess_type(path)[0] or "application/octet-stream"


def report_pdf(report, staff: bool) -> bytes:
    html = render_to_string("achievements/report_document.html", {"report": report, "staff": staff})
    return pdf_of(html)


def pdf_of(html: str) -> bytes:
    """A PDF of a document of the portal (the report, a CV), its static and media files read here
    first: nothing is fetched from the network, and a helper laying out part of it needs no storage."""
    files = {}
    for url in linked_urls(html):
        found = local_file(url)
        if found is None:
            continue  # a page the document links to, or a file that is gone: WeasyPrint says which
        files[url] = found
        if found[1] == "text/css":
            for link in css_urls(url, found[0]):
                files.setdefault(link, local_file(link))
    files = {url: found for url, found in files.items() if found is not None}
    return make_pdf(html, files, settings.PDF_PARALLEL_FROM)


def report_docx(report) -> bytes:
    """Headings, numbered achievements with their figures and captions, and tables of papers."""
    from docx import Document
    from docx.shared import Cm

    document = Word(Document())
    lab_styles(document.document)
    # the cover as the PDF's: the lab, then the report's title on a line of its own (a title of both
    # broke as "2024 年 / 度成果报告")
    if report.lab:
        document.paragraph(localized(report.lab, "name")[0], "Subtitle")
    document.heading(_("Annual report %(year)s") % {"year": report.year}, 0)

    document.heading(_("The year in figures"), 1)
    rows = [(_("Papers"), report.papers)]
    rows += [
        (f"CCF-{rank}" if rank != "none" else _("No CCF rank"), count) for rank, count in report.rank_rows
    ]
    rows += [(_("Best paper awards"), report.best_papers)]
    if report.citations is not None:
        rows += [(_("Citations gained in the year"), report.citations)]
    rows += [(_("Projects running"), len(report.projects)), (_("Talks"), len(report.talks))]
    rows += [(_("Members who joined"), len(report.joined)), (_("Members who left"), len(report.left))]
    document.table([(_("What"), _("How many")), *((str(label), str(number)) for label, number in rows)])

    document.heading(_("Achievements"), 1)
    for item in report.achievements:
        achievement = item.achievement
        name = translated(achievement, "title")
        if achievement.short_name and achievement.short_name not in name:
            name = f"{achievement.short_name}{colon()}{name}"
        document.heading(_("Achievement %(number)s: %(title)s") % {"number": item.number, "title": name}, 2)
        for paragraph in plain_paragraphs(translated(achievement, "summary")):
            document.paragraph(paragraph)
        for paragraph in plain_paragraphs(translated(achievement, "body")):
            document.paragraph(paragraph)
        for numbered in item.figures:
            figure = numbered.figure
            try:
                with figure.image.open("rb") as handle:
                    document.document.add_picture(io.BytesIO(handle.read()), width=Cm(14))
            except (OSError, ValueError):
                pass  # a missing file still leaves its caption, so the numbering holds
            caption = translated(figure, "caption")
            label = _("Figure %(number)s") % {"number": numbered.number}
            document.paragraph(f"{label}{colon() + caption if caption else ''}", "Caption")
        if item.papers:
            document.paragraph(_("Related publications"), "Heading 3")
            for paper in item.papers:
                document.paragraph(citation_line(paper), "List Bullet")
        if item.people:
            document.paragraph(_("People") + colon() + names(item.people))

    document.heading(_("Publications"), 1)
    for group in report.groups:
        document.heading(f"{group.label}{punct('open')}{len(group.papers)}{punct('close')}", 2)
        rows = [(_("Code"), _("Paper"), _("Venue"), "CCF")]
        rows += [
            (f"[{code}]" if code else "", citation_line(paper, venue=False), paper.venue_label,
             paper.ccf_rank or "—")
            for code, paper in group.papers
        ]  # fmt: skip
        document.table(rows, PAPER_COLUMNS)

    if report.awards or report.honors:
        document.heading(_("Awards and honours"), 1)
        for award in report.awards:
            document.paragraph(f"{award}{colon()}{translated(award.publication, 'title')}", "List Bullet")
        for honor in report.honors:
            who = names([honor.person]) if honor.person_id else _("The lab")
            document.paragraph(f"{who}{colon()}{translated(honor, 'title')}", "List Bullet")
    activities_docx(document, report)
    if report.joined or report.left:
        document.heading(_("People who joined and left"), 1)
        for stint in report.joined:
            document.paragraph(
                f"{_('Joined')}{colon()}{names([stint.person])} ({stint.get_role_display()})",
                style="List Bullet",
            )
        for stint in report.left:
            document.paragraph(
                f"{_('Left')}{colon()}{names([stint.person])} ({stint.get_role_display()})",
                style="List Bullet",
            )
    if report.news:
        document.heading(_("News"), 1)
        for item in report.news:
            text = translated(item, "title") or " ".join(plain_paragraphs(translated(item, "body")))[:300]
            document.paragraph(f"{item.date_label} {text}", "List Bullet")
    buffer = io.BytesIO()
    document.document.save(buffer)
    return buffer.getvalue()


def activities_docx(document, report) -> None:
    """The year's projects, software and talks, as the page lists them."""
    if report.projects:
        document.heading(_("Projects"), 1)
        for project in report.projects:
            funder, programme = localized(project, "funder")[0], localized(project, "programme")[0]
            parts = [funder, programme, project.grant_number, str(project.get_role_display()), project.years]
            details = punct("comma").join(part for part in parts if part)
            new = f" · {_('new')}" if project.is_new else ""
            document.paragraph(
                f"{translated(project, 'title')}{punct('open')}{details}{punct('close')}{new}",
                style="List Bullet",
            )
    if report.software:
        document.heading(pgettext("many", "Software"), 1)
        for item in report.software:
            tagline = translated(item, "tagline")
            line = (
                item.name
                + (colon() + tagline if tagline else "")
                + (f" · {item.repository}" if item.repository else "")
            )
            document.paragraph(line, "List Bullet")
    if report.talks:
        document.heading(_("Talks"), 1)
        for talk in report.talks:
            who = names(talk.speakers.all())
            event = localized(talk, "event")[0]
            kind = str(talk.get_kind_display()) + (punct("comma") + event if event else "")
            document.paragraph(
                f"{talk.date:%Y.%m.%d} {who + colon() if who else ''}{translated(talk, 'title')}"
                f"{punct('open')}{kind}{punct('close')}",
                style="List Bullet",
            )


SERIF = ("Noto Serif", "Noto Serif CJK SC")  # (Latin, East Asian): the PDF's body and headings
SANS = ("Noto Sans", "Noto Sans CJK SC")


def set_fonts(style, fonts: tuple[str, str], size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = fonts[0]  # creates the run fonts element the East Asian font is set on
    style.element.rPr.rFonts.set(qn("w:eastAsia"), fonts[1])
    style.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    style.font.italic = False  # Word's caption and subtitle slant; Han characters never do
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold


def lab_styles(document) -> None:
    """The PDF's page and type in Word: A4 with its margins, Noto Serif (CJK) for text and Noto Sans
    (CJK) for headings in near-black, not Word's default template (Calibri, blue headings, Letter)."""
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(22), Mm(24)
        section.left_margin = section.right_margin = Mm(20)
    set_fonts(document.styles["Normal"], SERIF, 10.5)
    for name, size in (
        ("Title", 26),
        ("Subtitle", 14),
        ("Heading 1", 16),
        ("Heading 2", 13),
        ("Heading 3", 11),
    ):
        set_fonts(document.styles[name], SANS, size, bold=name.startswith("Heading") or name == "Title")
    set_fonts(document.styles["Caption"], SANS, 9)


PAPER_COLUMNS = (16, 116, 24, 14)  # mm: code, paper, venue, CCF, the 170 mm between the margins
CELL = "<w:tc>{properties}<w:p><w:r>{run}</w:r></w:p></w:tc>"
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Word:
    """A python-docx document written paragraph by paragraph and table by table, fast: python-docx
    looks a style up by scanning every style for the default one each time a paragraph is given one
    (a third of a 300-paper report's Word file), and fills a table a row and a cell at a time."""

    def __init__(self, document):
        self.document = document
        self.style_ids: dict[str, str] = {}

    def paragraph(self, text: str = "", style: str | None = None):
        """A paragraph at the end of the document, written as XML as python-docx would (its run's
        tabs and line breaks as <w:tab/> and <w:br/>), put before the section's settings in one step
        where python-docx searches the body for where it goes."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        from docx.text.paragraph import Paragraph

        properties = ""
        if style:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            properties = f'<w:pPr><w:pStyle w:val="{xml_text(self.style_ids[style])}"/></w:pPr>'
        run = f"<w:r>{run_content(text)}</w:r>" if text else ""
        element = parse_xml(f"<w:p {nsdecls('w')}>{properties}{run}</w:p>")
        body = self.document.element.body
        if body.sectPr is not None:
            body.sectPr.addprevious(element)
        else:
            body.append(element)
        return Paragraph(element, self.document._body)

    def heading(self, text: str, level: int = 1):
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def table(self, rows: list[tuple[str, ...]], widths_mm: tuple[int, ...] | None = None):
        """A grid of the rows, the first its header; with `widths_mm`, fixed column widths in the
        grid (LibreOffice, WPS) and in every cell (Word): the paper's column takes the width, not the
        authors squeezed into a quarter of it. The rows are written as one piece of XML: python-docx
        looks each row's cells and each cell's paragraph up by XPath, half the Word file's time for a
        year of 300 papers."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        from docx.shared import Mm

        table = self.document.add_table(rows=0, cols=len(rows[0]))
        table.style = "Table Grid"
        widths = [Mm(width) for width in widths_mm] if widths_mm else None
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
        properties = (
            [f'<w:tcPr><w:tcW w:w="{width.twips}" w:type="dxa"/></w:tcPr>' for width in widths]
            if widths
            else [""] * len(rows[0])
        )
        xml = "".join(
            "<w:tr>"
            + "".join(
                CELL.format(properties=cell_properties, run=run_content(value))
                for cell_properties, value in zip(properties, values, strict=True)
            )
            + "</w:tr>"
            for values in rows
        )
        for row in parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>"):
            table._tbl.append(row)
        return table


def run_content(text: str) -> str:
    """A run's text as python-docx writes it: pieces of <w:t>, a tab as <w:tab/>, a line break as
    <w:br/>."""
    pieces = re.split(r"(\t|\r\n|\n|\r)", str(text))
    return "".join(
        "<w:tab/>" if piece == "\t" else "<w:br/>" if piece in ("\n", "\r", "\r\n")
        else f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>' if piece else ""
        for piece in pieces
    )  # fmt: skip


def xml_text(value) -> str:
    """Text as the content of an XML element: escaped, without the control characters XML refuses
    (an imported title may hold one), its line breaks and tabs as spaces."""
    from xml.sax.saxutils import escape

    return escape(NOT_IN_XML.sub("", str(value)).replace("\t", " ").replace("\n", " "))


def colon() -> str:
    return punct("colon")


def names(people) -> str:
    """People's names as a list in the document's language ("蒋力、宋卓然"): a name is never marked
    as untranslated."""
    return punct("enum").join(localized(person, "name")[0] for person in people)


def translated(obj, field: str) -> str:
    """The text in the document's language, else in the other one with a visible mark."""
    value, code = localized(obj, field)
    if value and code != get_language():
        value += " " + (
            _("[not yet translated: in English]") if code == "en" else _("[not yet translated: in Chinese]")
        )
    return value


def plain_paragraphs(markdown: str) -> list[str]:
    """A Markdown text as plain paragraphs for Word: marks and link targets left out."""
    import re

    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown or "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>|[*_`#>]", "", text)
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def citation_line(paper, venue: bool = True) -> str:
    """Authors, title and, unless a table gives it, venue and year (papers come with_authors())."""
    authors = ", ".join(f"{a.name}{'*' if a.is_corresponding else ''}" for a in paper.authorships.all())
    parts = [authors, localized(paper, "title")[0]]
    if venue:
        parts.append(f"{paper.venue_label} {paper.year}".strip())
    return ". ".join(part for part in parts if part) + "."

"""A long PDF is laid out in two parts at once (portal/pdf.py): cut where a section or a group of
papers begins, in a helper process, then joined and numbered as one document. The demo's report is
short, so these tests lower the length from which a PDF is cut."""

import io
import logging
import re

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from portal.pdf import PART, parts

from .test_report import REPORT_2024, numbered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]
HEAD = '<!DOCTYPE html><html lang="en"><head><title>Report</title></head>'


def test_a_document_is_cut_at_the_mark_that_balances_its_halves():
    html = (
        f'{HEAD}<body class="report-document"><section class="cover">Cover</section><article class="report">'
        f"{PART}<section><p>{'a' * 100}</p></section>{PART}<section><p>{'b' * 300}</p></section>"
        f"{PART}<section><p>{'c' * 400}</p></section></article></body></html>"
    )
    first, second = parts(html)
    assert "b" * 300 in first and "c" * 10 not in first
    assert second.startswith(HEAD + '<body class="report-document"><article class="report">' + PART)
    assert "Cover" not in second and "c" * 400 in second, "the cover stays in the first part"
    short = HEAD + "<body><p>one piece</p></body></html>"
    assert parts(short) == [short], "no mark, no cut"


def test_a_cut_inside_a_list_of_papers_opens_the_list_again():
    """A group of papers may be cut every ten papers: the second part opens again the section and the
    list the cut fell in (their styles apply to the papers that follow), without their ids."""
    papers = "".join(
        f'{PART if n and n % 10 == 0 else ""}<li class="report-paper">Paper {n}</li>' for n in range(40)
    )
    html = (
        f'{HEAD}<body class="report-document"><section class="cover">Cover</section><article class="report">'
        f'{PART}<section class="report-publications" id="pubs"><h2 id="t">Publications</h2>'
        f'<ul class="report-papers">{papers}</ul></section></article></body></html>'
    )
    first, second = parts(html)
    assert "Paper 19</li>" in first and "Paper 20<" not in first
    reopened = '<body class="report-document"><article class="report"><section class="report-publications">'
    assert second.startswith(HEAD + reopened + '<ul class="report-papers">' + PART), second[:300]
    assert 'id="' not in second.split(PART, 1)[0], "ids stay with the first part"
    assert "Paper 39" in second and "Publications" not in second


def tree(outline, depth=0) -> list[tuple[int, str]]:
    """A PDF's bookmarks as (depth, title), in order."""
    found = []
    for item in outline:
        found += tree(item, depth + 1) if isinstance(item, list) else [(depth, item.title)]
    return found


def inked(content: bytes) -> list[float]:
    """How much of each page a reader sees inked above its foot (where the page number is): the share
    of pixels that are not white, the PDF rendered by PDFium as a viewer would."""
    import pypdfium2

    shares = []
    for page in pypdfium2.PdfDocument(content):
        image = page.render(scale=0.5, grayscale=True).to_pil()
        width, height = image.size
        body = image.crop((0, 0, width, int(height * 0.9)))
        histogram = body.histogram()
        shares.append(1 - sum(histogram[240:]) / (body.width * body.height))
    return shares


def pdf_text(content: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(content))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize(("language", "label"), [("en", "Achievement"), ("zh-hans", "成果")])
def test_a_report_made_in_two_parts_reads_as_one(client, demo, settings, caplog, language, label):
    settings.PDF_PARALLEL_FROM = 0
    cache.clear()
    whole_content = client.get(f"/{language}/achievements/2024/report.pdf").content
    whole, whole_pages = pdf_text(whole_content)
    settings.PDF_PARALLEL_FROM = 1000
    from portal.content import bump_content_version

    bump_content_version()  # a new version: the file is made again
    caplog.set_level(logging.INFO, logger="portal.pdf")
    response = client.get(f"/{language}/achievements/2024/report.pdf")
    assert response.status_code == 200
    assert any("in two parts" in record.getMessage() for record in caplog.records), "not cut: " + str(
        [record.getMessage() for record in caplog.records]
    )
    reader, pages = pdf_text(response.content)
    total = len(pages)
    assert "1 / " not in pages[0], "the cover is not numbered"
    for number, text in enumerate(pages[1:], start=2):
        assert f"{number} / {total}" in text, (number, text[-80:])
    text = " ".join(pages)
    assert numbered(text, label) == list(enumerate(REPORT_2024, start=1))

    def words(texts):  # the text but the page numbers, which move where a part starts a new page, and
        # the lists' bullets, which are read back in another order
        return [word for word in re.sub(r"\b\d+ / \d+\b", " ", " ".join(texts)).split() if word != "•"]

    assert words(pages) == words(whole_pages), "the same text as made in one piece"
    assert text.count("•") == " ".join(whole_pages).count("•")
    assert len(re.findall(r"\b\d+ / \d+\b", text)) == total - 1, "each page numbered once"
    assert total <= len(whole.pages) + 1, "one page more at most, where the second part begins"
    assert tree(reader.outline) == tree(whole.outline), "the same bookmarks, nested by heading level"
    seen, seen_whole = inked(response.content), inked(whole_content)
    assert all(share > 0.01 for share in seen), f"a page shows nothing but its number: {seen}"
    assert sum(seen) >= 0.9 * sum(seen_whole), "as much ink as the PDF made in one piece"
    assert reader.metadata.title == whole.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == whole.trailer["/Root"]["/Lang"]


def test_a_helper_that_stops_answering_costs_the_time_limit_not_the_pdf(client, demo, settings, caplog):
    """A helper stopped mid-work (here: frozen with SIGSTOP) is given up on after HELPER_TIMEOUT: the
    document is laid out in one piece, the helpers are ended and new ones serve the next PDF."""
    import os
    import signal

    from portal import pdf
    from portal.content import bump_content_version

    settings.PDF_PARALLEL_FROM = 1000
    cache.clear()
    assert client.get("/en/achievements/2024/report.pdf").status_code == 200  # the helpers started
    frozen = pdf.helpers(2)[1].process
    os.kill(frozen.pid, signal.SIGSTOP)
    try:
        limit, pdf.HELPER_TIMEOUT = pdf.HELPER_TIMEOUT, 3
        bump_content_version()
        caplog.set_level(logging.INFO, logger="portal.pdf")
        response = client.get("/en/achievements/2024/report.pdf")
    finally:
        pdf.HELPER_TIMEOUT = limit
        if frozen.poll() is None:
            os.kill(frozen.pid, signal.SIGCONT)
    assert response.status_code == 200
    messages = [record.getMessage() for record in caplog.records]
    assert any("laid out in one piece" in message for message in messages), messages
    _reader, pages = pdf_text(response.content)
    assert f"2 / {len(pages)}" in pages[1], "numbered as ever"
    assert frozen.wait(timeout=10) is not None, "the frozen helper was ended"
    caplog.clear()
    bump_content_version()
    assert client.get("/en/achievements/2024/report.pdf").status_code == 200
    assert any("in two parts" in record.getMessage() for record in caplog.records), "new helpers serve"
    assert all(running.process.pid != frozen.pid for running in pdf.helpers(2))

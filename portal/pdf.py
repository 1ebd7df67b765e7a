"""PDF documents of the portal (the annual report, a member's CV): WeasyPrint lays out the HTML the
portal rendered, reading the files it links to from what the caller gathered, never the network.

Where the time went (scripts/bench_report.py: 300 papers and 20 achievements, 46 pages, 2 cores):
WeasyPrint took 3.3 s of the report's 3.9 s (parsing 0.1, the cascade 0.5, layout 1.6, painting 0.7,
writing with the fonts cut down 0.3), and 0.65 s of it was Python's cyclic garbage collector walking
the growing box tree again and again. Layout is Pango's, about one call per run of text, so a paper
costs by its inline elements more than by its length. So:
- the collector waits while a document is made (`collector_paused`), and collects afterwards;
- the report's template gives a paper in the PDF one run of text but for its marks and badges;
- a long document (`settings.PDF_PARALLEL_FROM` characters of HTML, about 20 pages) is cut at the mark
  its template leaves between sections and groups of papers (`PART`) where the sizes balance best,
  and the two parts are laid out at once: the second by a helper process that keeps WeasyPrint and
  the fonts loaded (`python -m portal.pdf`, fed through a pipe), the first here. Their pages are
  joined (pypdf, which WeasyPrint needs anyway) and numbered by an overlay the helper lays out,
  while the first part is painted, with the document's own page rules for the whole count, so
  "12 / 46" reads as if made in one go. The second part starts a new page, as a section or a group
  of papers may anyway.
  If the helper cannot start or fails, the document is laid out here in one piece.
The report went from 3.9 s to about 2 s, most of it the two layouts side by side; a PDF made in two
parts is about 1.2x the size (each part embeds its own subset of the fonts).
"""

import atexit
import contextlib
import gc
import io
import logging
import os
import pickle
import queue
import re
import struct
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

logger = logging.getLogger(__name__)

# Documents are made on this made-up origin; their files are served from what the caller gathered
# (`linked_urls` says which), and anything else is refused: a document never fetches from the network.
ORIGIN = "https://report.invalid"
PART = "<!--part-->"
HELPER_TIMEOUT = 120  # seconds the helper may take over its part before it is given up on
MARGIN_BOXES = [
    *(f"{edge}-{place}" for edge in ("top", "bottom")
      for place in ("left-corner", "left", "center", "right", "right-corner")),
    *(f"{edge}-{place}" for edge in ("left", "right") for place in ("top", "middle", "bottom")),
]  # fmt: skip
UNNUMBERED = "@page { " + " ".join(f"@{box} {{ content: none !important }}" for box in MARGIN_BOXES) + " }"
LINKED = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"'#]+)["']""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a large document is built (a fifth of a PDF's
    time went to it), back on afterwards: what the document left is collected then as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def linked_urls(html: str) -> list[str]:
    """The portal's addresses a document links to (stylesheets, images, and pages it links to, which
    are not fetched), absolute, in order, once each."""
    from html import unescape
    from urllib.parse import urljoin

    found = (urljoin(ORIGIN + "/", unescape(link.strip())) for link in LINKED.findall(html))
    return list(dict.fromkeys(link for link in found if link.startswith(ORIGIN + "/")))


def css_urls(url: str, content: bytes) -> list[str]:
    """The files a stylesheet of the portal links to (fonts, images), made absolute."""
    from urllib.parse import urljoin

    text = content.decode("utf-8", "replace")
    found = (urljoin(url, link) for link in CSS_URL.findall(text) if not link.startswith("data:"))
    return [link for link in found if link.startswith(ORIGIN + "/")]


_fonts = threading.local()


def font_config():
    """WeasyPrint's fonts, loaded once per thread (Pango's font maps are not shared between threads)."""
    if not hasattr(_fonts, "config"):
        from weasyprint.text.fonts import FontConfiguration

        _fonts.config = FontConfiguration()
    return _fonts.config


def laid_out(html: str, files: dict, numbered: bool = True):
    """WeasyPrint's laid-out document; `files` maps each URL it links to, to (content, content type)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in files:
                raise ValueError(f"not a file of the portal: {url}")
            content, mime_type = files[url]
            return URLFetcherResponse(url, body=content, headers={"Content-Type": mime_type})

    stylesheets = None if numbered else [CSS(string=UNNUMBERED)]
    with collector_paused():
        return HTML(string=html, base_url=ORIGIN + "/", url_fetcher=Fetcher()).render(
            stylesheets=stylesheets, font_config=font_config()
        )


def render(html: str, files: dict, numbered: bool = True) -> bytes:
    """The PDF of one document (see `laid_out`)."""
    document = laid_out(html, files, numbered)
    with collector_paused():
        return document.write_pdf()


def bookmarks(document) -> list[tuple[int, int, str, float, bool]]:
    """A laid-out document's bookmarks (its headings) as (page, level, label, top in points, open)."""
    return [
        (index, level, label, float(page.height - top) * 0.75, state == "open")
        for index, page in enumerate(document.pages)
        for level, label, (_left, top), state in page.bookmarks
    ]


_last_part = {"pages": 0}


def render_part(html: str, files: dict) -> tuple[bytes, list]:
    """The helper's work: a part's PDF without margin boxes, and its bookmarks."""
    document = laid_out(html, files, numbered=False)
    with collector_paused():
        _last_part["pages"] = len(document.pages)
        return document.write_pdf(), bookmarks(document)


def numbers_after_part(html: str, pages_before: int, files: dict) -> tuple[bytes, int]:
    """The helper's next work: the page numbers for the pages before its last part and those of it,
    with the count they were laid out for (the caller checks it: a helper that died and was replaced
    meanwhile knows no last part)."""
    pages = pages_before + _last_part["pages"]
    return page_numbers(html, pages, files), pages


def parts(html: str) -> list[str]:
    """The document as two whole documents cut at the mark that best balances their sizes, or as
    itself when it has no mark. The second opens as the first did at its first mark (the head, and the
    body and article elements then open) without what came before (a cover); what a cut leaves open
    is closed by the HTML parser."""
    marks = [match.start() for match in re.finditer(re.escape(PART), html)]
    if not marks:
        return [html]
    cut = min(marks, key=lambda at: abs(len(html) - 2 * at))
    opening = html[: marks[0]]
    body = opening.find("<body")
    if body < 0:
        return [html]
    still_open: list[tuple[str, str]] = []
    for tag in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>", opening[body:]):
        closing, name, empty = tag.group(1), tag.group(2).lower(), tag.group(3)
        if empty or name in VOID:
            continue
        if not closing:
            still_open.append((name, tag.group(0)))
            continue
        for depth in range(len(still_open) - 1, -1, -1):
            if still_open[depth][0] == name:
                del still_open[depth:]
                break
    return [html[:cut], opening[:body] + "".join(tag for _name, tag in still_open) + html[cut:]]


def page_numbers(html: str, pages: int, files: dict) -> bytes:
    """A PDF of `pages` blank pages with only the document's margin boxes (its page numbers), laid out
    with its own stylesheets: what the parts leave out, for the whole."""
    body = html.find("<body")
    head = html[:body] if body >= 0 else "<!DOCTYPE html><html><head></head>"
    blank = '<div style="break-before: page"></div>' * (pages - 1)
    return render(f"{head}<body><div></div>{blank}</body></html>", files)


def joined(documents: list[tuple[bytes, list]], numbers: bytes) -> bytes:
    """The documents' pages in order, each with its page of `numbers` drawn over it, with the first
    document's title and language, and one tree of everyone's bookmarks by heading level."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import Fit, NameObject

    readers = [PdfReader(io.BytesIO(document)) for document, _marks in documents]
    writer = PdfWriter()
    outline, offset = [], 0
    for reader, (_document, marks) in zip(readers, documents, strict=True):
        writer.append(reader, import_outline=False)
        outline += [(offset + page, *rest) for page, *rest in marks]
        offset += len(reader.pages)
    overlay = PdfReader(io.BytesIO(numbers)).pages
    if len(overlay) != len(writer.pages):
        raise ValueError(f"{len(overlay)} numbered pages for {len(writer.pages)}")
    for page, number in zip(writer.pages, overlay, strict=True):
        if number.get_contents() is not None and number.get_contents().get_data().strip():
            page.merge_page(number)
            page.compress_content_streams()
    parents: list[tuple[int, object]] = []
    for page, level, label, top, is_open in outline:
        while parents and parents[-1][0] >= level:
            parents.pop()
        parent = parents[-1][1] if parents else None
        item = writer.add_outline_item(label, page, parent=parent, fit=Fit.xyz(top=top), is_open=is_open)
        parents.append((level, item))
    if readers[0].metadata:
        writer.add_metadata(readers[0].metadata)
    language = readers[0].trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def warm() -> None:
    """The helper's first work: WeasyPrint imported and the fonts loaded before a part arrives."""
    render("<!DOCTYPE html><html><body><p>Aa 中文</p></body></html>", {})


JOBS = {"render_part": render_part, "numbers_after_part": numbers_after_part, "warm": warm}


def write_frame(stream, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("!Q", len(data)) + data)
    stream.flush()


def read_frame(stream):
    """The next value on the stream; EOFError when it closed."""
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    (size,) = struct.unpack("!Q", head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # noqa: S301 (frames between this process and the helper it started)


class Helper:
    """The process that lays out second parts: `python -m portal.pdf`, started on first use by a
    process making PDFs and kept while it lives, reading work from a pipe only that process holds and
    ending when it closes. A plain child process, not multiprocessing's: a Celery prefork pool's child
    may not start those (it is a daemon, and its authentication key cannot be sent)."""

    def __init__(self):
        root = Path(__file__).resolve().parents[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "portal.pdf"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.results: queue.Queue = queue.Queue()
        self.busy = threading.Lock()
        threading.Thread(target=self.read_results, daemon=True, name="pdf-helper").start()
        self.submit("warm")

    def read_results(self) -> None:
        # read as they come, so the helper never waits on a full pipe while this process paints
        while True:
            try:
                self.results.put(read_frame(self.process.stdout))
            except (EOFError, OSError, pickle.UnpicklingError):
                self.results.put(("error", "the helper ended"))
                return

    def submit(self, job: str, *args) -> None:
        write_frame(self.process.stdin, (job, args))

    def result(self, timeout: float):
        """The value of the next job sent (the warm-up's is passed over)."""
        while True:
            outcome, value = self.results.get(timeout=timeout)
            if outcome == "error":
                raise RuntimeError(f"the PDF helper failed: {value}")
            if outcome == "ok":
                return value

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


_helper: Helper | None = None
_helper_lock = threading.Lock()


def helper() -> Helper:
    global _helper
    with _helper_lock:
        if _helper is None or _helper.process.poll() is not None:
            _helper = Helper()
            atexit.register(_helper.close)
        return _helper


def forget_helper() -> None:
    """After a failure: this helper is ended, and a new one starts on next use."""
    global _helper
    with _helper_lock:
        if _helper is not None:
            _helper.process.kill()
        _helper = None


def serve() -> None:
    """The helper's loop: jobs in on stdin; (outcome, value) out on what was stdout, which nothing else
    may write to (anything printed goes to stderr)."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    while True:
        try:
            job, args = read_frame(sys.stdin.buffer)
        except EOFError:
            return
        try:
            value = JOBS[job](*args)
        except Exception:
            write_frame(channel, ("error", traceback.format_exc()))
        else:
            write_frame(channel, ("warmed" if job == "warm" else "ok", value))


def make_pdf(html: str, files: dict, parallel_from: int = 60_000) -> bytes:
    """The document's PDF: a long one laid out in two parts at once (see the module's note). The
    helper lays out the second part, then, told the first part's page count, the page numbers, while
    the first is painted here."""
    pieces = parts(html) if 0 < parallel_from <= len(html) and os.name == "posix" else [html]
    if len(pieces) == 1:
        return render(html, files)
    with collector_paused():
        try:
            work = helper()
        except OSError:
            logger.warning("the PDF helper could not start: laid out in one piece", exc_info=True)
            return render(html, files)
        if not work.busy.acquire(blocking=False):  # another thread's PDF has it: one piece here
            return render(html, files)
        try:
            start = time.perf_counter()
            work.submit("render_part", pieces[1], files)
            first = laid_out(pieces[0], files, numbered=False)
            laid = time.perf_counter()
            work.submit("numbers_after_part", html, len(first.pages), files)
            painted = first.write_pdf()
            second = work.result(timeout=HELPER_TIMEOUT)
            pages = len(first.pages) + page_count(second[0])
            numbers, numbered_for = work.result(timeout=HELPER_TIMEOUT)
            if numbered_for != pages:
                numbers = page_numbers(html, pages, files)
            waited = time.perf_counter()
            whole = joined([(painted, bookmarks(first)), second], numbers)
        except Exception:  # the helper ended, took too long or sent what cannot be read
            logger.warning("the PDF helper failed: the document is laid out in one piece", exc_info=True)
            forget_helper()
            return render(html, files)
        finally:
            work.busy.release()
        logger.info(
            "a PDF of %d pages in two parts (%d and %d characters): the first laid out in %.2f s, "
            "painted and numbered in %.2f s, joined in %.2f s", pages,
            len(pieces[0]), len(pieces[1]), laid - start, waited - laid, time.perf_counter() - waited,
        )  # fmt: skip
        return whole


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


if __name__ == "__main__":
    serve()

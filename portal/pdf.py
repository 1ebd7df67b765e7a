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
  its template leaves between sections and every ten papers (`PART`) nearest `FIRST_SHARE` of its
  length, and the two parts are laid out at once by two helper processes that keep WeasyPrint and the fonts
  loaded (`python -m portal.pdf`, fed through pipes). Each says its page count once laid out; the
  second's helper, told the first's, lays out the page numbers after painting its part, with the
  document's own page rules for the whole count, so "12 / 46" reads as if made in one go. This
  process only joins the pages (pypdf, which WeasyPrint needs anyway), drawing each page's number
  over it as a form of its own (`drawn_over`). The second part starts a new page.
  If a helper cannot start, fails or stops answering, the document is laid out here in one piece.
The report went from 3.9 s to 1.7–2.2 s (1.5 s of it in `make_pdf`), then `make_pdf` a quarter less: a paper
in the PDF has no language span around its title and no bullet (each an inline or placed box of its
own: -26 % of the papers' layout, counted in instructions with callgrind), the halves are balanced
every ten papers, and the numbers are drawn over the pages as forms (`drawn_over`). Three things were
learnt the hard way: a message larger than a pipe holds waits until its helper reads it, holding up
the sender (the first part's painting once waited so for the second part, 0.5 s); a process that lays
out a document pays afterwards for collecting what it left (0.25 s for half the report), which the
helpers do while idle, off the request's path; and the page numbers' document, laid out with the
print styles, painted a white body over every page it was drawn on, which text extraction never sees
(the parts test renders the PDF with PDFium). A PDF made in two parts is about 1.2x the size (each part
embeds its own subset of the fonts).
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
# The first part's share of the document's length: a little more than half, as the second's helper
# also lays out the page numbers of the whole (about a twelfth of the time of the whole's layout, but the
# first holds the cover, the figures and more headings per line).
FIRST_SHARE = 0.52
HELPER_TIMEOUT = 120  # seconds the helper may take over its part before it is given up on
MARGIN_BOXES = [
    *(f"{edge}-{place}" for edge in ("top", "bottom")
      for place in ("left-corner", "left", "center", "right", "right-corner")),
    *(f"{edge}-{place}" for edge in ("left", "right") for place in ("top", "middle", "bottom")),
]  # fmt: skip
UNNUMBERED = "@page { " + " ".join(f"@{box} {{ content: none !important }}" for box in MARGIN_BOXES) + " }"
# The page numbers drawn over a part's pages paint nothing else: no page, canvas or body background
# (the print styles paint the body white, which drawn over a page hid all it held).
ONLY_NUMBERS = "@page { background: none !important } html, body { background: none !important }"
LINKED = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"'#]+)["']""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
OPENING_OR_CLOSING = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
ID = re.compile(r"""\s+id\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")
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


def laid_out(html: str, files: dict, numbered: bool = True, extra_css: str = ""):
    """WeasyPrint's laid-out document; `files` maps each URL it links to, to (content, content type)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in files:
                raise ValueError(f"not a file of the portal: {url}")
            content, mime_type = files[url]
            return URLFetcherResponse(url, body=content, headers={"Content-Type": mime_type})

    stylesheets = [CSS(string=css) for css in ("" if numbered else UNNUMBERED, extra_css) if css]
    with collector_paused():
        return HTML(string=html, base_url=ORIGIN + "/", url_fetcher=Fetcher()).render(
            stylesheets=stylesheets, font_config=font_config()
        )


def render(html: str, files: dict, numbered: bool = True, extra_css: str = "") -> bytes:
    """The PDF of one document (see `laid_out`)."""
    document = laid_out(html, files, numbered, extra_css)
    with collector_paused():
        return document.write_pdf()


def bookmarks(document) -> list[tuple[int, int, str, float, bool]]:
    """A laid-out document's bookmarks (its headings) as (page, level, label, top in points, open)."""
    return [
        (index, level, label, float(page.height - top) * 0.75, state == "open")
        for index, page in enumerate(document.pages)
        for level, label, (_left, top), state in page.bookmarks
    ]


def render_part(html: str, files: dict, numbered_after: bool = False, say=None, hear=None):
    """A helper's work: a part's PDF without margin boxes, and its bookmarks. Its page count is said
    (`say("laid", pages)`) as soon as it is laid out, before it is painted. The helper of the last
    part also lays out the page numbers of the whole (`numbered_after`), once painted: it hears how
    many pages came before its part, and sends them with its own."""
    document = laid_out(html, files, numbered=False)
    pages = len(document.pages)
    if say is not None:
        say("laid", pages)
    with collector_paused():
        painted = document.write_pdf(), bookmarks(document)
        if not numbered_after:
            return painted
        before = hear()
        return (*painted, page_numbers(html, before + pages, files))


def parts(html: str) -> list[str]:
    """The document as two whole documents cut at the mark nearest `FIRST_SHARE` of its length, or as
    itself when it has no mark. The second opens as the first did (the head), then opens again what was
    open at the cut (the body, the article, a section, a list of papers: their styles still apply),
    without what came before (a cover) and without their ids (each is the first part's); what a cut
    leaves open is closed by the HTML parser."""
    marks = [match.start() for match in re.finditer(re.escape(PART), html)]
    if not marks:
        return [html]
    cut = min(marks, key=lambda at: abs(FIRST_SHARE * len(html) - at))
    body = html.find("<body", 0, marks[0])
    if body < 0:
        return [html]
    still_open: list[tuple[str, str]] = []
    for tag in OPENING_OR_CLOSING.finditer(html, body, cut):
        closing, name, empty = tag.group(1), tag.group(2).lower(), tag.group(3)
        if empty or name in VOID:
            continue
        if not closing:
            still_open.append((name, ID.sub("", tag.group(0))))
            continue
        for depth in range(len(still_open) - 1, -1, -1):
            if still_open[depth][0] == name:
                del still_open[depth:]
                break
    return [html[:cut], html[:body] + "".join(tag for _name, tag in still_open) + html[cut:]]


def page_numbers(html: str, pages: int, files: dict) -> bytes:
    """A PDF of `pages` blank pages with only the document's margin boxes (its page numbers), laid out
    with its own stylesheets: what the parts leave out, for the whole."""
    body = html.find("<body")
    head = html[:body] if body >= 0 else "<!DOCTYPE html><html><head></head>"
    blank = '<div style="break-before: page"></div>' * (pages - 1)
    return render(f"{head}<body><div></div>{blank}</body></html>", files, extra_css=ONLY_NUMBERS)


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
    for index, (page, number) in enumerate(zip(writer.pages, overlay, strict=True)):
        drawn_over(writer, page, number, f"/PageNumber{index}")
    parents: list[tuple[int, object]] = []
    for page, level, label, top, is_open in outline:
        while parents and parents[-1][0] >= level:
            parents.pop()
        parent = parents[-1][1] if parents else None
        item = writer.add_outline_item(
            title=label, page_number=page, parent=parent, fit=Fit.xyz(top=top), is_open=is_open
        )
        parents.append((level, item))
    if readers[0].metadata:
        writer.add_metadata(readers[0].metadata)
    language = readers[0].trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def drawn_over(writer, page, over, name: str) -> None:
    """`over` (a page of another PDF) drawn over `page` as a form of its own: the page's content is
    left as it is, not parsed and merged as pypdf's merge_page does (which took most of the join's
    time). The page's drawing is closed in q … Q so that the form is drawn in the page's own space."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    contents = over.get_contents()
    data = contents.get_data() if contents is not None else b""
    if not data.strip():
        return

    def stream(content: bytes, entries: dict | None = None):
        made = DecodedStreamObject()
        made.set_data(content)
        made.update({NameObject(key): value for key, value in (entries or {}).items()})
        return writer._add_object(made)

    form = stream(data, {"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
                         "/BBox": over.mediabox, "/Resources": over["/Resources"].clone(writer)})  # fmt: skip
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    forms = resources.get("/XObject")
    if forms is None:
        forms = resources[NameObject("/XObject")] = DictionaryObject()
    forms.get_object()[NameObject(name)] = form
    own = page["/Contents"].get_object()
    drawing = list(own) if isinstance(own, ArrayObject) else [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject(
        [stream(b"q\n"), *drawing, stream(f"\nQ q {name} Do Q\n".encode())]
    )


def warm(say=None, hear=None) -> None:
    """A helper's first work: WeasyPrint imported and the fonts loaded before a part arrives."""
    render("<!DOCTYPE html><html><body><p>Aa 中文</p></body></html>", {})


JOBS = {"render_part": render_part, "warm": warm}


def write_frame(stream, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("!Q", len(data)) + data)
    stream.flush()


def read_exactly(stream, size: int) -> bytes:
    """`size` bytes from the stream (a pipe read unbuffered may give fewer at a time); EOFError when it
    closed first."""
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return bytes(data)


def read_frame(stream):
    """The next value on the stream; EOFError when it closed."""
    head = read_exactly(stream, 8)
    (size,) = struct.unpack("!Q", head)
    data = read_exactly(stream, size)
    return pickle.loads(data)  # noqa: S301 (frames between this process and the helper it started)


class Helper:
    """A process that lays out parts of documents: `python -m portal.pdf`, started on first use by a
    process making PDFs and kept while it lives, reading work from a pipe only that process holds and
    ending when it closes. A plain child process, not multiprocessing's: a Celery prefork pool's child
    may not start those (it is a daemon, and its authentication key cannot be sent)."""

    def __init__(self):
        root = Path(__file__).resolve().parents[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "portal.pdf"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.results: queue.Queue = queue.Queue()
        self.done_at = 0.0  # when its last job's result arrived (time.perf_counter)
        self.busy = threading.Lock()
        threading.Thread(target=self.read_results, daemon=True, name="pdf-helper").start()
        self.submit("warm")

    def read_results(self) -> None:
        # read as they come, so the helper never waits on a full pipe while this process paints
        while True:
            try:
                frame = read_frame(self.process.stdout)
                if frame[0] == "ok":
                    self.done_at = time.perf_counter()
                self.results.put(frame)
            except (EOFError, OSError, pickle.UnpicklingError):
                self.results.put(("error", "the helper ended"))
                return

    def submit(self, job: str, *args) -> None:
        write_frame(self.process.stdin, (job, args))

    def tell(self, value) -> None:
        """A value the job under way asks for (`hear`)."""
        write_frame(self.process.stdin, value)

    def result(self, wanted: str = "ok"):
        """The next value of the kind wanted: "laid" (a part's page count, said first), "ok" (the
        job's result); the warm-up's is passed over. queue.Empty after HELPER_TIMEOUT seconds."""
        while True:
            outcome, value = self.results.get(timeout=HELPER_TIMEOUT)
            if outcome == "error":
                raise RuntimeError(f"the PDF helper failed: {value}")
            if outcome == wanted:
                return value

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


_helpers: list[Helper] = []
_helpers_lock = threading.Lock()


def helpers(count: int) -> list[Helper]:
    """`count` helpers of this process, started on first use (and again when one has ended)."""
    with _helpers_lock:
        for index, running in enumerate(_helpers):
            if running.process.poll() is not None:
                _helpers[index] = Helper()
                atexit.register(_helpers[index].close)
        while len(_helpers) < count:
            _helpers.append(Helper())
            atexit.register(_helpers[-1].close)
        return _helpers[:count]


def forget_helpers() -> None:
    """After a failure: the helpers are ended, and new ones start on next use."""
    with _helpers_lock:
        for running in _helpers:
            running.process.kill()
        _helpers.clear()


def waiting(seconds: float) -> bool:
    """Whether the next job arrives within `seconds` (stdin is read unbuffered: see `serve`)."""
    import select

    return bool(select.select([0], [], [], seconds)[0])


def serve() -> None:
    """The helper's loop: jobs in on stdin; (outcome, value) out on what was stdout, which nothing else
    may write to (anything printed goes to stderr)."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    source = open(0, "rb", buffering=0, closefd=False)  # noqa: SIM115 (read for the helper's life)
    while True:
        try:
            job, args = read_frame(source)
        except EOFError:
            return
        try:
            value = JOBS[job](
                *args,
                say=lambda outcome, value: write_frame(channel, (outcome, value)),
                hear=lambda: read_frame(source),
            )
        except Exception:
            write_frame(channel, ("error", traceback.format_exc()))
        else:
            write_frame(channel, ("warmed" if job == "warm" else "ok", value))
        if not waiting(1.0):
            gc.collect()  # what the document left, while nothing waits on this helper


def make_pdf(html: str, files: dict, parallel_from: int = 60_000) -> bytes:
    """The document's PDF: a long one laid out in two parts at once by two helpers (see the module's
    note); the second's helper also lays out the page numbers, once told the first part's count."""
    pieces = parts(html) if 0 < parallel_from <= len(html) and os.name == "posix" else [html]
    if len(pieces) == 1:
        return render(html, files)
    with collector_paused():
        try:
            team = helpers(len(pieces))
        except OSError:
            logger.warning("the PDF helpers could not start: laid out in one piece", exc_info=True)
            return render(html, files)
        held = [worker for worker in team if worker.busy.acquire(blocking=False)]
        if len(held) < len(team):  # another thread's PDF has them: one piece here
            for worker in held:
                worker.busy.release()
            return render(html, files)
        try:
            start = time.perf_counter()
            first, last = team
            first.submit("render_part", pieces[0], files)
            last.submit("render_part", pieces[1], files, True)
            before = first.result("laid")
            last.tell(before)
            laid = time.perf_counter()
            pages = before + last.result("laid")
            painted, marks, numbers = last.result("ok")
            done = [first.result("ok"), (painted, marks)]
            made = time.perf_counter()
            whole = joined(done, numbers)
        except Exception:  # a helper ended, took too long or sent what cannot be read
            logger.warning("a PDF helper failed: the document is laid out in one piece", exc_info=True)
            forget_helpers()
            return render(html, files)
        finally:
            for worker in team:
                worker.busy.release()
        logger.info(
            "a PDF of %d pages in two parts (%d and %d characters): the first laid out in %.2f s, made in "
            "%.2f s, the second made and the whole numbered in %.2f s, joined in %.2f s", pages,
            len(pieces[0]), len(pieces[1]), laid - start, first.done_at - start, last.done_at - start,
            time.perf_counter() - made,
        )  # fmt: skip
        return whole


if __name__ == "__main__":
    serve()

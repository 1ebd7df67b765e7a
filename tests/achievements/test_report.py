"""The annual report (年度成果报告) of the demo lab: the page in both languages, the PDF and the Word
file (read back with pypdf and python-docx), the API, and the lab in figures."""

import io
import re

import pytest
from django.core.cache import cache
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor
from pypdf import PdfReader

from achievements.models import Achievement
from portal.demo.loader import load_demo
from publications.models import Publication

# The files are made in the request when no broker is set; CI's PostgreSQL pass sets one, so the tests
# that read them back make them here too (test_a_pdf_not_made_yet_is_made_by_a_worker covers the broker).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]
REPORT_2024 = ["INSPIRE", "EOS", "RTSA", "NDPBridge"]


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def numbered(text: str, label: str) -> list[tuple[int, str]]:
    """(number, short name) of each achievement heading in a page's or file's text."""
    return [(int(n), name) for n, name in re.findall(rf"{label}\s*(\d+)\s*[:：]?\s*([A-Za-z]+)", text)]


def test_the_2024_and_2025_reports_number_the_seeds_achievements_in_both_languages(client, demo):
    english = text_of(client.get("/en/achievements/2024/report/"))
    assert numbered(english, "Achievement") == list(enumerate(REPORT_2024, start=1))
    chinese = text_of(client.get("/zh-hans/achievements/2024/report/"))
    assert numbered(chinese, "成果") == list(enumerate(REPORT_2024, start=1))
    assert "INSPIRE：基于索引对编码的 DNN 加速方案" in chinese and "年度数据" in chinese
    million = text_of(client.get("/zh-hans/achievements/2025/report/"))
    assert numbered(million, "成果") == [(1, "MILLION")]
    assert "图1" in million and "Figure 1" in text_of(client.get("/en/achievements/2025/report/"))


def test_the_report_gives_the_years_papers_with_their_codes_people_and_counts(client, demo):
    page = client.get("/en/achievements/2024/report/").content.decode()
    papers = Publication.objects.public().lab_works().filter(year=2024)
    ranked_a = sum(1 for paper in papers if paper.ccf_rank == "A")
    assert re.search(rf"<th scope=\"row\">Papers</th><td>{papers.count()}</td>", page)
    assert re.search(rf"<th scope=\"row\">CCF-A</th><td>{ranked_a}</td>", page)
    codes = re.findall(r'<span class="code">\[([CJPWBT]\d+)\]</span>', page)
    assert len(codes) == papers.count() and len(set(codes)) == len(codes), "each paper once, with its code"
    lab_list = client.get("/en/publications/?year=2024").content.decode()
    assert set(codes) <= set(re.findall(r'<span class="code">\[([CJPWBT]\d+)\]</span>', lab_list)), (
        "the codes are the lab list's"
    )
    ndpbridge = Achievement.objects.get(year=2024, short_name="NDPBridge")
    for person in ndpbridge.people.all():
        assert person.name_en in page


def test_drafts_and_achievements_left_out_of_the_report_are_not_in_it(client, admin_client, demo):
    Achievement.objects.filter(year=2024, short_name="EOS").update(in_report=False)
    Achievement.objects.filter(year=2024, short_name="RTSA").update(is_published=False)
    cache.clear()
    visitor = text_of(client.get("/en/achievements/2024/report/"))
    assert numbered(visitor, "Achievement") == [(1, "INSPIRE"), (2, "NDPBridge")]
    staff = admin_client.get("/en/achievements/2024/report/").content.decode()
    assert "RTSA" in staff and 'class="badge draft"' in staff
    assert client.get("/en/achievements/1990/report/").status_code == 404
    for document in ("pdf", "docx"):  # nothing made and nothing queued for a year with nothing in it
        assert client.get(f"/en/achievements/1990/report.{document}").status_code == 404


def test_a_year_with_only_drafts_has_no_report_file_for_visitors(client, admin_client, demo):
    from publications.models import Publication

    Publication.objects.filter(year=2024).update(is_published=False)
    Achievement.objects.filter(year=2024).update(is_published=False)
    cache.clear()
    assert client.get("/en/achievements/2024/report.docx").status_code == 404
    assert admin_client.get("/en/achievements/2024/report.docx").status_code == 200


@pytest.mark.parametrize(("language", "label", "title"), [
    ("zh-hans", "成果", "INSPIRE：基于索引对编码的 DNN 加速方案"),
    ("en", "Achievement", "INSPIRE: index-pair encoding for DNN acceleration"),
])  # fmt: skip
def test_the_pdf_holds_the_numbered_achievements_and_their_titles(client, demo, language, label, title):
    response = client.get(f"/{language}/achievements/2024/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert numbered(text, label) == list(enumerate(REPORT_2024, start=1))
    assert title in text
    assert "1 / " not in reader.pages[0].extract_text() and f"2 / {len(reader.pages)}" in text, "page numbers"
    fonts = {font for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("CJK" in str(font.get_object()["/BaseFont"]) for font in fonts), "a CJK font, embedded"


def blank_below(page) -> float:
    """The share of a PDF page below its lowest mark (text other than the page number, an image, a
    line or a box of a chart): how much of the page is left blank at its foot."""
    height, width = float(page.mediabox.height), float(page.mediabox.width)
    marks = []

    def text(words, cm, tm, font, size):
        if words.strip() and not re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", words):
            marks.append(cm[5] + tm[5] * cm[3])

    def drawing(operator, args, cm, tm):
        if operator == b"Do":  # an image, drawn into the unit square the matrix places
            marks.append(min(cm[5], cm[5] + cm[3]))
        elif operator == b"re" and len(args) == 4:
            x, y, w, h = (float(value) for value in args)
            if abs(w * cm[0]) < width * 0.98 or abs(h * cm[3]) < height * 0.98:  # not the page's ground
                marks.append(cm[5] + cm[3] * min(y, y + h))
        elif operator in (b"m", b"l") and len(args) == 2:
            marks.append(cm[5] + cm[3] * float(args[1]))

    page.extract_text(visitor_text=text, visitor_operand_before=drawing)
    return min(marks) / height if marks else 1.0


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_pdf_flows_with_no_page_more_than_half_blank_but_the_last(client, demo, language):
    """Each achievement began a new page: pages 3–5 of 2024 were about 85% blank, 9 pages for 4
    achievements. A page now breaks only where a heading, figure or paper would be split."""
    reader = PdfReader(io.BytesIO(client.get(f"/{language}/achievements/2024/report.pdf").content))
    blank = [round(blank_below(page), 2) for page in reader.pages]
    assert all(share <= 0.5 for share in blank[:-1]), blank
    assert len(reader.pages) <= 7, blank


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "成果"), ("en", "Achievement")])
def test_the_word_file_holds_the_same_headings(client, demo, language, label):
    response = client.get(f"/{language}/achievements/2024/report.docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert numbered(" ".join(headings), label) == list(enumerate(REPORT_2024, start=1))
    assert document.tables and any(
        "[C" in cell.text for table in document.tables for cell in table.columns[0].cells
    )
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions and captions[0].startswith("图1" if language == "zh-hans" else "Figure 1")


def test_the_word_file_is_a4_in_the_labs_type_with_full_width_marks(client, demo):
    """It was Word's default template (Calibri, blue headings) on US Letter while the PDF is A4, its
    title broke as "2024 年 / 度成果报告", and "[尚无中文版本：以下为英文]" followed people's names."""
    document = Document(io.BytesIO(client.get("/zh-hans/achievements/2024/report.docx").content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = document.styles["Normal"]
    assert normal.font.name == "Noto Serif"
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    for name in ("Title", "Heading 1", "Heading 2", "Caption"):
        style = document.styles[name]
        assert style.font.name == "Noto Sans" and style.font.color.rgb == RGBColor(0x11, 0x11, 0x11), name
        assert style.font.italic is False, name
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    assert title == "2024年度成果报告"
    text = "\n".join(p.text for p in document.paragraphs)
    people = [line for line in text.splitlines() if line.startswith("成员")]
    assert people and all("尚无中文版本" not in line and ", " not in line for line in people), people
    assert not re.search(r"[\u3400-\u9fff][:,]|[\u3400-\u9fff]\s?\(", text)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert any(re.search(r"（\d+）$", heading) for heading in headings), headings  # "会议论文（12）"
    # the papers' tables give the paper its width, not a quarter of the page (LibreOffice reads the grid)
    papers = [table for table in document.tables if table.rows[0].cells[0].text == "编号"]
    assert papers and all(round(table.columns[1].width.mm) == 116 for table in papers)


@pytest.mark.django_db(transaction=True)
def test_a_file_is_made_once_per_version_and_an_edit_shows_in_the_next(client):
    load_demo()  # committed for real: the save below moves the content version as it does on the site
    first = client.get("/en/achievements/2024/report.docx").content
    assert client.get("/en/achievements/2024/report.docx").content == first, "served from the cache"
    inspire = Achievement.objects.get(year=2024, short_name="INSPIRE")
    inspire.title_en = "INSPIRE: renamed for the report"
    inspire.save()
    document = Document(io.BytesIO(client.get("/en/achievements/2024/report.docx").content))
    assert any("renamed for the report" in p.text for p in document.paragraphs)


def test_a_table_cell_of_the_word_file_is_text_xml_accepts():
    from achievements.documents import xml_text

    assert xml_text("A <b> & C\x0b\tD\nE") == "A &lt;b&gt; &amp; C D E"


def test_text_missing_in_one_language_falls_back_with_a_mark(client, demo):
    Achievement.objects.filter(year=2024, short_name="RTSA").update(title_zh_hans="")
    cache.clear()
    page = client.get("/zh-hans/achievements/2024/report/").content.decode()
    assert re.search(r'<span lang="en">[^<]*RTSA', page)
    document = Document(io.BytesIO(client.get("/zh-hans/achievements/2024/report.docx").content))
    assert any("RTSA" in p.text and "尚无中文版本" in p.text for p in document.paragraphs)


def test_a_title_in_the_other_language_carries_its_lang_on_the_page_not_in_the_pdfs_list(client, demo):
    """On the page, a paper's English title in the Chinese report is marked lang="en" (read aloud in
    English); the PDF, which is not tagged, prints it as plain text of the line: one run to lay out."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    from achievements.report import annual_report

    paper = Publication.objects.public().lab_works().filter(year=2024).exclude(title_en="").first()
    Publication.objects.filter(pk=paper.pk).update(title_zh_hans="")  # titled in English only
    title = paper.title_en
    cache.clear()
    page = client.get("/zh-hans/achievements/2024/report/").content.decode()
    assert f'<cite><span lang="en">{title}</span></cite>' in page
    with translation.override("zh-hans"):
        report = annual_report(2024, SimpleNamespace(is_staff=False), "test")
        document = render_to_string("achievements/report_document.html", {"report": report, "staff": False})
    papers = re.findall(r'<li class="report-paper">.*?</li>', document)
    assert any(f". {title}. " in paper for paper in papers)
    assert not any("lang=" in paper or "<cite>" in paper for paper in papers)


def test_the_api_gives_the_reports_data(client, demo):
    data = client.get("/api/v1/reports/2024/").json()
    assert [(a["number"], a["short_name"]) for a in data["achievements"]] == list(enumerate(REPORT_2024, 1))
    assert data["achievements"][0]["title"]["zh-hans"].startswith("INSPIRE：")
    assert data["figures"]["papers"] == sum(group["count"] for group in data["publications"])
    assert all(paper["code"] for group in data["publications"] for paper in group["papers"])
    assert data["pdf"].endswith("/en/achievements/2024/report.pdf")
    assert client.get("/api/v1/reports/1990/").status_code == 404
    assert client.get("/api/v1/reports/20x4/").status_code == 404


def test_the_lab_in_figures_gives_each_chart_its_numbers(client, demo):
    page = client.get("/en/lab/figures/").content.decode()
    total = Publication.objects.public().lab_works().count()
    assert f"<dt>Papers</dt><dd>{total}</dd>" in page
    in_2024 = Publication.objects.public().lab_works().filter(year=2024).count()
    assert re.search(rf'<th scope="row">2024</th>(<td>\d+</td>){{4}}<td>{in_2024}</td>', page)
    assert page.count("<svg") >= 1 and 'role="img"' in page
    assert '<th scope="row"><abbr title=' in page, "top venues"


def test_a_pdf_not_made_yet_is_made_by_a_worker_while_the_page_waits(client, demo):
    """With a broker, the request that finds no PDF queues its making and answers a page that looks
    again; a second request while it is being made queues nothing more; once made it is served."""
    from achievements.tasks import make_report_document, pending_key
    from portal.celery import app

    app.conf.task_always_eager = False
    response = client.get("/zh-hans/achievements/2024/report/")  # the version a visitor sees
    version = response.wsgi_request._content_version
    cache.set(pending_key("pdf", 2024, "zh-hans", False, version), 1)  # a worker has it in hand
    waiting = client.get("/zh-hans/achievements/2024/report.pdf")
    assert (
        waiting.status_code == 202 and '<meta http-equiv="refresh" content="3">' in waiting.content.decode()
    )
    assert "正在生成" in waiting.content.decode()

    make_report_document("pdf", 2024, "zh-hans", False, version)  # what the worker runs
    made = client.get("/zh-hans/achievements/2024/report.pdf")
    assert made.status_code == 200 and made.content.startswith(b"%PDF-")

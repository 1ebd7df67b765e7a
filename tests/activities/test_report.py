"""The annual report's projects, software and talks: on the page, in the PDF and the Word file, and
through the API."""

import datetime
import io

import pytest
from docx import Document

from activities.models import Project, Software
from portal.demo.loader import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
        Software.objects.filter(slug="million").update(
            last_release="v1.0", last_release_on=datetime.date(2025, 4, 8)
        )


def section(client, url, name):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    found = soup.select_one(f"section.report-{name}")
    return found.get_text(" ", strip=True) if found else ""


def test_the_page_lists_the_projects_running_in_the_year_the_new_ones_marked_and_its_talks(client, demo):
    projects = section(client, "/en/achievements/2024/report/", "projects")
    running = Project.objects.running_in(2024)
    assert running.count() == 3 and all(str(project.title_en) in projects for project in running)
    assert "Test access for 3D-stacked chips" not in projects  # ended in 2018
    assert projects.count(" new") == 1  # the one begun in 2024
    talks = section(client, "/en/achievements/2024/report/", "talks")
    assert "NDPBridge" in talks and "INSPIRE" in talks and "ISCA 2024" in talks
    figures = section(client, "/en/achievements/2024/report/", "figures")
    assert "Projects running 3 (1 new)" in figures and "Talks 2" in figures
    assert "MILLION" in section(client, "/zh-hans/achievements/2025/report/", "software")
    assert "在研项目" in section(client, "/zh-hans/achievements/2024/report/", "figures")


def test_the_word_file_has_the_same_sections(client, demo):
    document = Document(io.BytesIO(client.get("/zh-hans/achievements/2024/report.docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "科研项目" in headings and "学术报告" in headings
    lines = " ".join(p.text for p in document.paragraphs)
    assert "面向人工智能负载的存算一体架构（国家自然科学基金委员会，面上项目，主持，2023–2026）" in lines
    assert "ISCA 2024 [" not in lines  # an event's name is no text to translate
    software = Document(io.BytesIO(client.get("/en/achievements/2025/report.docx").content))
    assert any("MILLION" in p.text and "github.com/ZongwuWang/MILLION" in p.text for p in software.paragraphs)


def test_the_pdf_has_the_same_sections(client, demo):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF back (locked in requirements)")
    response = client.get("/en/achievements/2024/report.pdf")
    if response.status_code == 503:
        pytest.skip("no Pango here for WeasyPrint: scripts/install-pdf installs it (make test runs it)")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages).replace("\x00", "")
    assert "Projects running" in text and "Design automation for domain-specific AI chips" in text
    assert "ISCA 2024" in text


def test_the_api_report_has_projects_software_and_talks(client, demo):
    data = client.get("/api/v1/reports/2024/").json()
    assert (
        data["figures"]["projects"] == 3
        and data["figures"]["new_projects"] == 1
        and data["figures"]["talks"] == 2
    )
    assert {p["slug"] for p in data["projects"]} == set(
        Project.objects.running_in(2024).values_list("slug", flat=True)
    )
    assert [t["kind"] for t in data["talks"]] == ["contributed", "contributed"] and data["talks"][0][
        "speakers"
    ]
    later = client.get("/api/v1/reports/2025/").json()
    assert [s["name"] for s in later["software"]] == ["MILLION"] and later["software"][0][
        "last_release"
    ] == "v1.0"

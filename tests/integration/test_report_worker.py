"""The annual report's PDF made by a real Celery worker over the broker, kept in the storage it shares
with the web process, then served."""

import time

import pytest

from portal.demo.loader import load_demo

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def made(client, worker, url: str):
    """The answer once the worker has made the file (two minutes at most)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        response = client.get(url)
        if response.status_code == 200:
            return response
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(1)
    return response


def test_a_worker_makes_the_pdf_the_page_waits_for(start_worker, media_root, client):
    from achievements.tasks import make_report_document

    assert not make_report_document.app.conf.task_always_eager  # the work must cross the broker
    load_demo()
    worker = start_worker(MEDIA_ROOT=str(media_root))
    first = client.get("/en/achievements/2025/report.pdf")
    assert first.status_code == 202, "queued, not made in the request"
    response = made(client, worker, "/en/achievements/2025/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert list(media_root.glob("reports/2025-en-public-*.pdf")), "kept in the shared storage"


def test_a_prefork_worker_lays_a_long_pdf_out_in_two_parts(start_worker, media_root, client):
    """The pool child of a prefork worker (a daemon process, as in production, which multiprocessing
    refuses children) starts the PDF helper and joins the two parts; the demo's report counts as long
    here."""
    import io
    import re

    from pypdf import PdfReader

    load_demo()
    worker = start_worker(
        pool="prefork", MEDIA_ROOT=str(media_root), PDF_PARALLEL_FROM="1000", LOG_LEVEL="INFO"
    )
    assert client.get("/en/achievements/2025/report.pdf").status_code == 202
    response = made(client, worker, "/en/achievements/2025/report.pdf")
    assert response.status_code == 200
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]
    assert [f"{number} / {len(pages)}" in text for number, text in enumerate(pages, start=1)][1:] == [
        True
    ] * (len(pages) - 1), "numbered as one document"
    assert len(re.findall(r"\b\d+ / \d+\b", " ".join(pages))) == len(pages) - 1
    worker.terminate()
    log = worker.communicate(timeout=30)[0]
    assert "in two parts" in log and "laid out in one piece" not in log, log[-3000:]

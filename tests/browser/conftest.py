"""A real site for the browser tests: gunicorn serving the demo from its own database, production
settings (DEBUG off, hashed static files, the Content-Security-Policy), driven by Debian's Chromium."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from devtools.scratch import free_port, scratch_database, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: scripts/install-browser installs it (`make test` runs it)")
    tmp = tmp_path_factory.mktemp("site")
    database_url, drop = scratch_database("browser", tmp)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "MEDIA_ROOT": str(tmp / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": "",
        "PORTAL_DEMO": "false",
        "EMAIL_FILE_PATH": str(tmp / "mail"),  # what the site sends, one file a message
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    log = (tmp / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--timeout", "60"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for_port(port, server)
    except RuntimeError as error:
        pytest.fail(f"{error}:\n{(tmp / 'gunicorn.log').read_text()}")
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}", env=env, mail=tmp / "mail")
    server.terminate()
    server.wait(timeout=20)
    drop()


@pytest.fixture(scope="session")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()


def open_tab(browser, site, **options):
    """A tab of a new browser context (its own cookies and storage) at desktop width, collecting console
    errors (a CSP violation is one) and script errors in `tab.errors` for the test to assert empty."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site.url, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    return tab


@pytest.fixture
def page(browser, site):
    tab = open_tab(browser, site)
    yield tab
    tab.context.close()


@pytest.fixture(scope="module")
def matrix_tab(browser, site):
    """One tab for a module's matrix of pages: each view sets its width and scheme, loads its page afresh
    and empties `tab.errors` first (a new browser context for each view cost a sixth of its time)."""
    tab = open_tab(browser, site)
    yield tab
    tab.context.close()


def run_on_site(site, code: str) -> str:
    """Run Python with Django set up against the site's own database (as a lab member's edit would)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=site.env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

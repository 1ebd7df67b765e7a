"""Dark mode: the system's preference followed, the header's switch remembered in local storage (no
cookie, so cached pages stay shared), and every page type clean under axe in the dark scheme."""

import pytest

from tests.browser.conftest import open_tab
from tests.browser.test_pages import PAGES, serious_violations

pytestmark = pytest.mark.browser

DARK_PAPER = "rgb(20, 24, 31)"  # --paper of the dark scheme
LIGHT_PAPER = "rgb(255, 255, 255)"


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.fixture
def dark_page(browser, site):
    tab = open_tab(browser, site, color_scheme="dark")
    yield tab
    tab.context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_accessible_in_the_dark_scheme(dark_page, screenshots, name, language):
    assert dark_page.goto(f"/{language}/{PAGES[name]}").status == 200
    assert background(dark_page) == DARK_PAPER
    dark_page.screenshot(path=screenshots / f"{name}-{language}-desktop-dark.png", full_page=True)
    assert serious_violations(dark_page) == []
    assert dark_page.errors == []


def test_the_switch_is_remembered_without_a_cookie(dark_page, page):
    assert page.goto("/en/").status == 200 and background(page) == LIGHT_PAPER  # the system's light
    switch = page.locator("button[data-theme-switch]")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert background(page) == DARK_PAPER and switch.get_attribute("aria-pressed") == "true"
    page.goto("/en/publications/")
    assert background(page) == DARK_PAPER  # applied before drawing, from local storage
    assert page.context.cookies() == []
    dark_page.goto("/en/")
    dark_page.locator("button[data-theme-switch]").click()
    dark_page.reload()
    assert background(dark_page) == LIGHT_PAPER
    assert page.errors == dark_page.errors == []
